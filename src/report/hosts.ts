// Report-reading helpers for daemon findings (no container) and fleet reports
// (findings from several engines, each carrying its fleet entry name as `host`).
import type { Finding } from '../policy/types.js';
import { compareFindings, compareText } from './findings.js';
import type { AuditReport, RuleInfo } from './types.js';

export interface DaemonFindings {
  /** The fleet entry name; null for a single-engine audit. */
  host: string | null;
  /** Sorted with compareFindings. */
  findings: Finding[];
}

/** `(daemon)`, or `web-1 (daemon)` in a fleet report: what a daemon finding is about. */
export function daemonLabel(host: string | null | undefined): string {
  return host ? `${host} (daemon)` : '(daemon)';
}

/** The container name, or the daemon label for a daemon finding. */
export function findingSubject(finding: Finding): string {
  return finding.container?.name ?? daemonLabel(finding.host);
}

export function isDaemonRule(rule: RuleInfo): boolean {
  return rule.scope === 'daemon';
}

/** Orders findings by fleet host (in the report's host order), so every renderer groups by host. */
export function compareHosts(report: AuditReport): (a: Finding, b: Finding) => number {
  const order = new Map((report.hosts ?? []).map((host, index) => [host.name, index]));
  const rank = (finding: Finding) => (finding.host === undefined ? -1 : (order.get(finding.host) ?? order.size));
  return (a, b) => rank(a) - rank(b) || compareText(a.host ?? '', b.host ?? '');
}

/** Daemon findings per engine: one group per fleet host (reachable or not), or one group for a single engine. */
export function groupDaemonFindings(report: AuditReport): DaemonFindings[] {
  const groups = new Map<string | null, Finding[]>();
  for (const host of report.hosts ?? []) groups.set(host.name, []);
  // A single engine whose daemon was checked gets its group even when every daemon check passed.
  if (report.hosts === undefined && report.rules.some(isDaemonRule)) groups.set(null, []);
  for (const finding of report.findings) {
    if (finding.container !== undefined) continue;
    const key = finding.host ?? null;
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.entries()].map(([host, findings]) => ({ host, findings: findings.sort(compareFindings) }));
}
