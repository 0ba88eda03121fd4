// The data the HTML and Markdown templates render: everything precomputed, so
// templates only lay it out. Strings are still raw (apart from control
// characters): each template escapes for its own syntax.
import { SEVERITIES } from '../policy/types.js';
import type { Finding, Severity } from '../policy/types.js';
import { describeWaiverScope, formatLocation, groupByContainer, indexRules, isFailing } from './findings.js';
import { removeControlCharacters } from './text.js';
import type { AuditReport, RuleInfo, WaiverStatus } from './types.js';
import { buildHistoryView, type HistoryView } from '../history/history-view.js';
import { buildHostsView, type HostsView } from './hosts-view.js';

export interface SeverityCount {
  severity: Severity;
  count: number;
}

export interface FindingView {
  severity: Severity;
  ruleId: string;
  title: string;
  message: string;
  /** `compose.yaml:14` for findings from files; empty for live findings, which templates then show as before. */
  location: string;
  /** True when the finding is at or above the failure threshold. */
  failing: boolean;
  fixRun: string;
  fixCompose: string;
  /** Pretty-printed evidence JSON. */
  evidence: string;
  /** One-line evidence JSON. */
  evidenceLine: string;
}

export interface ContainerView {
  id: string;
  shortId: string;
  name: string;
  image: string;
  state: string;
  counts: SeverityCount[];
  /** Unwaived findings, worst first. */
  findings: FindingView[];
  hasFindings: boolean;
}

export interface WaivedView {
  container: string;
  ruleId: string;
  severity: Severity;
  message: string;
  /** As FindingView.location. */
  location: string;
  reason: string;
  owner: string;
  expires: string;
}

export interface WaiverView {
  check: string;
  /** `container web`, `image nginx`, or `every container`. */
  scope: string;
  reason: string;
  owner: string;
  expires: string;
  policy: string;
}

/** The report, plus its run history when `harden report` wrote it. */
export interface ReportView extends HistoryView, HostsView {
  toolVersion: string;
  targetKind: string;
  targetHost: string;
  engine: string | null;
  generatedAt: string;
  policies: string[];
  failOn: Severity;
  severities: SeverityCount[];
  totalFindings: number;
  failingFindings: number;
  waivedCount: number;
  passed: boolean;
  containers: ContainerView[];
  containersWithFindings: ContainerView[];
  waived: WaivedView[];
  expiredWaivers: WaiverView[];
  unmatchedWaivers: WaiverView[];
  skipped: { id: string; shortId: string; name: string; reason: string }[];
}

export function buildReportView(report: AuditReport): ReportView {
  const rules = indexRules(report);
  const waived: WaivedView[] = [];
  const containers: ContainerView[] = groupByContainer(report).map(({ container, findings }) => {
    const counts = new Map<Severity, number>(SEVERITIES.map((severity) => [severity, 0]));
    const views: FindingView[] = [];
    for (const finding of findings) {
      if (finding.waived) {
        waived.push({
          container: container.name,
          ruleId: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          location: formatLocation(finding) ?? '',
          reason: finding.waiver?.reason ?? '',
          owner: finding.waiver?.owner ?? '',
          expires: finding.waiver?.expires ?? '',
        });
        continue;
      }
      counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
      views.push(toFindingView(finding, rules, report.failOn));
    }
    return {
      id: container.id,
      shortId: shortContainerId(container.id),
      name: container.name,
      image: container.image,
      state: container.state,
      counts: SEVERITIES.map((severity) => ({ severity, count: counts.get(severity) ?? 0 })),
      findings: views,
      hasFindings: views.length > 0,
    };
  });
  const failingFindings = report.findings.filter((finding) => isFailing(finding, report.failOn)).length;
  const view: ReportView = {
    toolVersion: report.tool.version,
    targetKind: report.target.kind,
    targetHost: report.target.host,
    engine: describeEngine(report),
    generatedAt: report.generatedAt,
    policies: report.policies,
    failOn: report.failOn,
    severities: SEVERITIES.map((severity) => ({ severity, count: report.summary.bySeverity[severity] })),
    totalFindings: report.summary.findings,
    failingFindings,
    waivedCount: report.summary.waived,
    passed: failingFindings === 0,
    containers,
    containersWithFindings: containers.filter((container) => container.hasFindings),
    waived,
    expiredWaivers: report.waivers.expired.map(toWaiverView),
    unmatchedWaivers: report.waivers.unmatched.map(toWaiverView),
    skipped: report.skipped.map((skipped) => ({ ...skipped, shortId: shortContainerId(skipped.id) })),
    ...buildHistoryView(report),
    ...buildHostsView(report),
  };
  return withoutControlCharacters(view);
}

export function toFindingView(finding: Finding, rules: ReadonlyMap<string, RuleInfo>, failOn: Severity): FindingView {
  return {
    severity: finding.severity,
    ruleId: finding.ruleId,
    title: rules.get(finding.ruleId)?.title ?? finding.ruleId,
    message: finding.message,
    location: formatLocation(finding) ?? '',
    failing: isFailing(finding, failOn),
    fixRun: finding.remediation.run,
    fixCompose: finding.remediation.compose,
    evidence: JSON.stringify(finding.evidence, null, 2),
    evidenceLine: JSON.stringify(finding.evidence),
  };
}

function describeEngine(report: AuditReport): string | null {
  const { engineVersion, apiVersion } = report.target;
  if (!engineVersion && !apiVersion) return null;
  const parts = [engineVersion ? `Docker ${engineVersion}` : null, apiVersion ? `API ${apiVersion}` : null];
  return parts.filter((part) => part !== null).join(', ');
}

function toWaiverView(waiver: WaiverStatus): WaiverView {
  return {
    check: waiver.check,
    scope: describeWaiverScope(waiver),
    reason: waiver.reason,
    owner: waiver.owner,
    expires: waiver.expires,
    policy: waiver.policy,
  };
}

function withoutControlCharacters<T>(value: T): T {
  if (typeof value === 'string') return removeControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutControlCharacters(item)) as T;
  if (value !== null && typeof value === 'object') {
    const cleaned: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) cleaned[key] = withoutControlCharacters(item);
    return cleaned as T;
  }
  return value;
}

/**
 * An engine's 64-hex container id shortened as docker prints it (12 characters),
 * after any fleet host prefix (`web-1/`); other ids (a compose service or a
 * Kubernetes container, named by file) are shown whole.
 */
export function shortContainerId(id: string): string {
  const engineId = /^(.*\/)?([0-9a-f]{64})$/.exec(id);
  return engineId ? `${engineId[1] ?? ''}${(engineId[2] as string).slice(0, 12)}` : id;
}
