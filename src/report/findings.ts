// Report-reading helpers every format shares: rule lookup, grouping and ordering.
import { atLeast, SEVERITY_RANK } from '../policy/types.js';
import type { Finding, Severity, WaiverInfo } from '../policy/types.js';
import { toDisplayLine } from './text.js';
import type { AuditedContainer, AuditReport, RuleInfo, WaiverStatus } from './types.js';

/**
 * Rules by id, including a rule synthesized from the finding for any rule id
 * the report does not describe, so no reporter has to handle a missing rule.
 */
export function indexRules(report: AuditReport): Map<string, RuleInfo> {
  const rules = new Map<string, RuleInfo>();
  for (const rule of report.rules) rules.set(rule.id, rule);
  for (const finding of report.findings) {
    if (rules.has(finding.ruleId)) continue;
    rules.set(finding.ruleId, {
      id: finding.ruleId,
      title: finding.ruleId,
      description: '',
      severity: finding.severity,
      refs: {},
      remediation: finding.remediation,
    });
  }
  return rules;
}

/** Worst first; ties by rule id, then message, so output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** An unwaived finding at or above the report's failure threshold that is not in the `--baseline`. */
export function isFailing(finding: Finding, failOn: Severity): boolean {
  return !finding.waived && finding.inBaseline !== true && atLeast(finding.severity, failOn);
}

export interface ContainerFindings {
  container: AuditedContainer;
  /** Sorted with compareFindings. */
  findings: Finding[];
}

/**
 * Findings per audited container, in the report's container order. A finding
 * whose container the report does not list still gets a group (image unknown),
 * so nothing is dropped from a report.
 */
export function groupByContainer(report: AuditReport): ContainerFindings[] {
  const groups = new Map<string, ContainerFindings>();
  for (const container of report.containers) groups.set(container.id, { container, findings: [] });
  for (const finding of report.findings) {
    // Daemon findings have no container: see groupDaemonFindings in hosts.ts.
    if (finding.container === undefined) continue;
    let group = groups.get(finding.container.id);
    if (!group) {
      const { id, name } = finding.container;
      group = { container: { id, name, image: '', state: 'unknown' }, findings: [] };
      groups.set(id, group);
    }
    group.findings.push(finding);
  }
  for (const group of groups.values()) group.findings.sort(compareFindings);
  return [...groups.values()];
}

/**
 * `compose.yaml:14`, the way linters name a place, for findings from compose files and
 * manifests; null for findings with no file (live engine, inspect file, daemon).
 * The path comes from the user's argument, but a file can be named anything: it is made
 * one display line here (no ANSI sequence, control or bidi character, no line break), so
 * every format shows the same text and each only escapes it for its own syntax.
 */
export function formatLocation(finding: Pick<Finding, 'location'>): string | null {
  if (finding.location === undefined) return null;
  return toDisplayLine(`${finding.location.file}:${finding.location.line}`);
}

/** `reason (owner, expires 2025-01-31)` */
export function describeWaiver(waiver: WaiverInfo | undefined): string {
  if (!waiver) return 'no waiver details';
  return `${waiver.reason} (${waiver.owner}, expires ${waiver.expires})`;
}

/** What a waiver applies to: `container web, image nginx`, or `every container`. */
export function describeWaiverScope(waiver: WaiverStatus): string {
  const scopes: string[] = [];
  if (waiver.container !== undefined) scopes.push(`container ${waiver.container}`);
  if (waiver.image !== undefined) scopes.push(`image ${waiver.image}`);
  return scopes.length > 0 ? scopes.join(', ') : 'every container';
}
