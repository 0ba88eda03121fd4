// Plain-text report for terminals (`--format table`, the default on a TTY):
//   SEVERITY  CONTAINER  RULE  MESSAGE
// or, when findings come from compose files or manifests, with where each one is:
//   SEVERITY  LOCATION  CONTAINER  RULE  MESSAGE      (LOCATION is `compose.yaml:14`)
// Severity stays first in both, so colours and `awk '$1 == "CRITICAL"'` work alike.
// Unwaived findings first (worst first), then waived ones, then a summary line.
// Every container-derived string goes through toDisplayLine, so a name such as
// `\x1b[2J` cannot clear the screen or forge extra lines.
import { SEVERITIES } from '../policy/types.js';
import type { Finding, Severity } from '../policy/types.js';
import { compareFindings, compareText, describeWaiverScope, formatLocation, isFailing } from './findings.js';
import { compareHosts, findingSubject } from './hosts.js';
import { toDisplayLine } from './text.js';
import type { AuditReport } from './types.js';

export interface TableOptions {
  /** ANSI colours; the CLI turns them on for a TTY without NO_COLOR. */
  color?: boolean;
}

// Wider names still print in full; they only stop widening the column.
const MAX_CONTAINER_COLUMN = 40;
const MAX_RULE_COLUMN = 32;
const MAX_LOCATION_COLUMN = 40;
/** The LOCATION cell of a finding without a file, in a report where others have one. */
const NO_LOCATION = '-';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

export function render(report: AuditReport, options: TableOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const byHost = compareHosts(report);
  const ordered = [...report.findings].sort(
    (a, b) => Number(a.waived) - Number(b.waived) || byHost(a, b) || compareFindings(a, b) || compareText(findingSubject(a), findingSubject(b)),
  );
  const rows = ordered.map((finding) => ({
    finding,
    severity: finding.severity.toUpperCase(),
    location: formatLocation(finding),
    container: toDisplayLine(findingSubject(finding)),
    rule: toDisplayLine(finding.ruleId),
    message: toDisplayLine(finding.waived ? `${finding.message} [waived: ${waiverNote(finding)}]` : finding.message),
  }));
  // Live audits have no locations: their table keeps its four columns.
  const showLocation = rows.some((row) => row.location !== null);
  const severityWidth = Math.max('SEVERITY'.length, ...SEVERITIES.map((severity) => severity.length));
  const locationWidth = columnWidth('LOCATION', rows.map((row) => row.location ?? NO_LOCATION), MAX_LOCATION_COLUMN);
  const containerWidth = columnWidth('CONTAINER', rows.map((row) => row.container), MAX_CONTAINER_COLUMN);
  const ruleWidth = columnWidth('RULE', rows.map((row) => row.rule), MAX_RULE_COLUMN);
  const line = (severity: string, location: string, container: string, rule: string, message: string) =>
    (
      `${severity.padEnd(severityWidth)}  ` +
      (showLocation ? `${location.padEnd(locationWidth)}  ` : '') +
      `${container.padEnd(containerWidth)}  ${rule.padEnd(ruleWidth)}  ${message}`
    ).trimEnd();

  const lines: string[] = [];
  if (rows.length > 0) {
    lines.push(paint(BOLD, line('SEVERITY', 'LOCATION', 'CONTAINER', 'RULE', 'MESSAGE')));
    for (const row of rows) {
      const text = line(row.severity, row.location ?? NO_LOCATION, row.container, row.rule, row.message);
      if (!options.color) lines.push(text);
      else if (row.finding.waived) lines.push(paint(DIM, text));
      else lines.push(paint(SEVERITY_COLOR[row.finding.severity], row.severity.padEnd(severityWidth)) + text.slice(severityWidth));
    }
    lines.push('');
  }
  lines.push(...footer(report, paint));
  return `${lines.join('\n')}\n`;
}

function columnWidth(header: string, values: string[], cap: number): number {
  let width = header.length;
  for (const value of values) if (value.length > width) width = value.length;
  return Math.min(width, Math.max(cap, header.length));
}

function waiverNote(finding: Finding): string {
  return finding.waiver ? `${finding.waiver.reason}, ${finding.waiver.owner}, until ${finding.waiver.expires}` : 'yes';
}

function footer(report: AuditReport, paint: (code: string, text: string) => string): string[] {
  const { summary, failOn } = report;
  const failing = report.findings.filter((finding) => isFailing(finding, failOn)).length;
  const bySeverity = SEVERITIES.filter((severity) => summary.bySeverity[severity] > 0)
    .map((severity) => paint(SEVERITY_COLOR[severity], `${summary.bySeverity[severity]} ${severity}`))
    .join(', ');
  const lines = [
    `${summary.findings} finding(s) in ${summary.containers} container(s)` +
      (bySeverity ? ` (${bySeverity})` : '') +
      `, ${summary.waived} waived. ` +
      (failing > 0
        ? paint(BOLD, `FAIL: ${failing} at or above ${failOn}.`)
        : `PASS: nothing unwaived at or above ${failOn}.`),
  ];
  const { expired, unmatched } = report.waivers;
  for (const waiver of expired) {
    const text = `Expired waiver: ${waiver.check} for ${describeWaiverScope(waiver)} in ${waiver.policy} (expired ${waiver.expires})`;
    lines.push(paint(SEVERITY_COLOR.medium, toDisplayLine(text)));
  }
  for (const waiver of unmatched) {
    const text = `Unmatched waiver: ${waiver.check} for ${describeWaiverScope(waiver)} in ${waiver.policy} matched no finding`;
    lines.push(paint(SEVERITY_COLOR.medium, toDisplayLine(text)));
  }
  for (const skipped of report.skipped) {
    lines.push(`Skipped container ${toDisplayLine(skipped.name)}: ${toDisplayLine(skipped.reason)}`);
  }
  for (const host of report.hosts ?? []) {
    const state = host.reachable ? `reachable${host.engineVersion ? `, Docker ${host.engineVersion}` : ''}` : `UNREACHABLE: ${host.error ?? 'no answer'}`;
    lines.push(toDisplayLine(`Host ${host.name} (${host.host}): ${state}`));
  }
  return lines;
}
