// JUnit XML report (`--format junit`) for CI test tabs (GitLab, Jenkins, Azure, GitHub
// test-report actions). One testsuite per container, one testcase per rule evaluated
// on it: a rule that found nothing is a passing testcase, so CI shows what passed.
//   - unwaived finding at or above `failOn` -> <failure type="severity">
//   - waived finding                        -> <skipped message="waived: ...">
//   - finding below `failOn`                -> passing testcase with <system-out>
// A container that disappeared before inspection gets a suite with one skipped case.
// Daemon rules get a "daemon" suite per engine (`web-1 (daemon)` in a fleet report).
// A finding from a compose file or manifest names its place twice: a `Location:` line
// in the element text (what every CI tool shows), and `file`/`line` attributes on its
// testcase (GitLab shows `file`; Jenkins' xUnit schema junit-10.xsd declares both, and
// GitHub annotation actions such as action-junit-report read both). Findings without a
// file keep exactly the output they had.
import type { Finding, FindingLocation } from '../policy/types.js';
import { describeWaiver, formatLocation, groupByContainer, indexRules, isFailing } from './findings.js';
import { daemonLabel, groupDaemonFindings, isDaemonRule } from './hosts.js';
import { escapeXml, escapeXmlAttribute, toDisplayLine } from './text.js';
import type { AuditReport, RuleInfo } from './types.js';

interface TestCase {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** failed: failure message; skipped: skip message. */
  summary: string;
  /** failed: severity; unused otherwise. */
  type: string;
  /** Element text: failure details, or the system-out of a passing case. */
  details: string;
  /** The finding's place in a compose file or manifest, for the testcase's `file` and `line`. */
  location?: FindingLocation;
}

interface TestSuite {
  name: string;
  id: string;
  cases: TestCase[];
}

export function render(report: AuditReport): string {
  const rules = indexRules(report);
  const containerRules = report.rules.filter((rule) => !isDaemonRule(rule));
  const daemonRules = report.rules.filter(isDaemonRule);
  const unreachable = new Set((report.hosts ?? []).filter((host) => !host.reachable).map((host) => host.name));
  const suites: TestSuite[] = groupDaemonFindings(report).map(({ host, findings }) => ({
    name: host === null ? 'daemon' : daemonLabel(host),
    id: host === null ? 'daemon' : `${host}/daemon`,
    // Nothing was evaluated on an engine that did not answer: only its unreachable finding.
    cases: ruleCases(report, host !== null && unreachable.has(host) ? [] : daemonRules, rules, findings),
  }));
  // CI tools key a test's history by suite and case name: two compose files with a service
  // of the same name must not share one, so such suites are named by their id (file#services/web).
  const seen = new Map<string, number>();
  for (const container of report.containers) seen.set(container.name, (seen.get(container.name) ?? 0) + 1);
  for (const { container, findings } of groupByContainer(report)) {
    const name = (seen.get(container.name) ?? 0) > 1 ? container.id : container.name;
    suites.push({ name, id: container.id, cases: ruleCases(report, containerRules, rules, findings) });
  }
  for (const skipped of report.skipped) {
    suites.push({
      name: skipped.name,
      id: skipped.id,
      cases: [{ name: 'inspect', outcome: 'skipped', summary: `not audited: ${skipped.reason}`, type: '', details: '' }],
    });
  }
  const totals = countCases(suites.flatMap((suite) => suite.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harden" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="0" timestamp="${escapeXmlAttribute(report.generatedAt)}">`,
  ];
  for (const suite of suites) lines.push(...suiteLines(suite, report.generatedAt));
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** Every rule of this kind the report evaluated, plus any rule that produced a finding here. */
function ruleCases(report: AuditReport, evaluated: readonly RuleInfo[], rules: Map<string, RuleInfo>, findings: Finding[]): TestCase[] {
  const findingsByRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = findingsByRule.get(finding.ruleId);
    if (list) list.push(finding);
    else findingsByRule.set(finding.ruleId, [finding]);
  }
  const ruleIds = [...new Set([...evaluated.map((rule) => rule.id), ...findingsByRule.keys()])];
  const cases: TestCase[] = [];
  for (const ruleId of ruleIds) {
    const title = rules.get(ruleId)?.title ?? ruleId;
    const ruleFindings = findingsByRule.get(ruleId);
    if (!ruleFindings) {
      cases.push({ name: `${ruleId}: ${title}`, outcome: 'passed', summary: '', type: '', details: '' });
      continue;
    }
    for (const finding of ruleFindings) cases.push(findingCase(finding, report));
  }
  return cases;
}

function findingCase(finding: Finding, report: AuditReport): TestCase {
  // The name stays free of the line: CI tools track a test's history by its name, and
  // editing the file above the key must not turn the same finding into a new test.
  const name = `${finding.ruleId}: ${finding.message}`;
  const location = formatLocation(finding);
  const details = [
    `${finding.severity}: ${finding.message}`,
    ...(location === null ? [] : [`Location: ${location}`]),
    finding.container === undefined ? `Fix with dockerd: ${finding.remediation.run}` : `Fix with docker run: ${finding.remediation.run}`,
    finding.container === undefined ? `Fix in daemon.json: ${finding.remediation.compose}` : `Fix in compose: ${finding.remediation.compose}`,
    `Evidence: ${JSON.stringify(finding.evidence)}`,
  ].join('\n');
  const at = finding.location === undefined ? {} : { location: finding.location };
  if (finding.waived) {
    return { name, outcome: 'skipped', summary: `waived: ${describeWaiver(finding.waiver)}`, type: '', details: '', ...at };
  }
  if (isFailing(finding, report.failOn)) {
    return { name, outcome: 'failed', summary: finding.message, type: finding.severity, details, ...at };
  }
  return {
    name,
    outcome: 'passed',
    summary: '',
    type: '',
    details: `Below the failure threshold (${report.failOn}).\n${details}`,
    ...at,
  };
}

function countCases(cases: TestCase[]) {
  let failures = 0;
  let skipped = 0;
  for (const testCase of cases) {
    if (testCase.outcome === 'failed') failures += 1;
    else if (testCase.outcome === 'skipped') skipped += 1;
  }
  return { tests: cases.length, failures, skipped };
}

function suiteLines(suite: TestSuite, timestamp: string): string[] {
  const totals = countCases(suite.cases);
  // Names and messages are shown on one line by CI tools: no line breaks or ANSI sequences.
  const name = escapeXmlAttribute(toDisplayLine(suite.name));
  const lines = [
    `  <testsuite name="${name}" id="${escapeXmlAttribute(suite.id)}" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="0" timestamp="${escapeXmlAttribute(timestamp)}">`,
  ];
  for (const testCase of suite.cases) {
    const open = `    <testcase classname="${name}" name="${escapeXmlAttribute(toDisplayLine(testCase.name))}" time="0"${locationAttributes(testCase.location)}`;
    const summary = escapeXmlAttribute(toDisplayLine(testCase.summary));
    if (testCase.outcome === 'failed') {
      lines.push(
        `${open}>`,
        `      <failure message="${summary}" type="${escapeXmlAttribute(testCase.type)}">${escapeXml(testCase.details)}</failure>`,
        '    </testcase>',
      );
    } else if (testCase.outcome === 'skipped') {
      lines.push(`${open}>`, `      <skipped message="${summary}"/>`, '    </testcase>');
    } else if (testCase.details) {
      lines.push(`${open}>`, `      <system-out>${escapeXml(testCase.details)}</system-out>`, '    </testcase>');
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push('  </testsuite>');
  return lines;
}

/** ` file="compose.yaml" line="14"`, or nothing for a finding without a file. */
function locationAttributes(location: FindingLocation | undefined): string {
  if (location === undefined) return '';
  // One display line, as formatLocation shows it.
  return ` file="${escapeXmlAttribute(toDisplayLine(location.file))}" line="${escapeXmlAttribute(String(location.line))}"`;
}
