// Judging one policy test case: what the policy decided (findings) against what the
// case expects. Each unmet expectation becomes one readable problem, with a diff for
// `expect.findings`.
import type { ExpectedFinding, PolicyTestCase } from './policy-test-case.js';
import { toDisplayLine } from '../report/text.js';
import type { Finding } from './types.js';

export interface CaseOutcome {
  file: string;
  description: string | null;
  passed: boolean;
  /** One entry per unmet expectation; continuation lines start with two spaces. */
  problems: string[];
}

/** Enough to see what went wrong without flooding the output for a big input. */
const SHOWN_FINDINGS = 5;

function containerOf(finding: Finding): string {
  return finding.container?.name ?? 'the daemon';
}

function listFindings(findings: readonly Finding[]): string[] {
  const lines = findings.slice(0, SHOWN_FINDINGS).map((finding) => `  ${containerOf(finding)}: ${finding.message}`);
  if (findings.length > SHOWN_FINDINGS) lines.push(`  ... and ${findings.length - SHOWN_FINDINGS} more`);
  return lines;
}

function describeExpected(expected: ExpectedFinding): string {
  const severity = expected.severity === undefined ? '' : ` (${expected.severity})`;
  const container = expected.container === undefined ? '' : ` in ${expected.container}`;
  return `${expected.ruleId}${severity}${container}`;
}

function describeActual(finding: Finding): string {
  return `${finding.ruleId} (${finding.severity}) in ${containerOf(finding)}: ${finding.message}`;
}

function matches(expected: ExpectedFinding, finding: Finding): boolean {
  return (
    expected.ruleId === finding.ruleId &&
    (expected.severity === undefined || expected.severity === finding.severity) &&
    (expected.container === undefined || expected.container === finding.container?.name)
  );
}

/** Pairs expectations with findings, most specific expectations first so a vague one cannot take another's finding. */
function diffFindings(expected: readonly ExpectedFinding[], actual: readonly Finding[]): string[] {
  const specificity = (entry: ExpectedFinding) => Number(entry.severity !== undefined) + Number(entry.container !== undefined);
  const unmatched = [...actual];
  const missing: ExpectedFinding[] = [];
  for (const entry of [...expected].sort((a, b) => specificity(b) - specificity(a))) {
    const index = unmatched.findIndex((finding) => matches(entry, finding));
    if (index === -1) missing.push(entry);
    else unmatched.splice(index, 1);
  }
  if (missing.length === 0 && unmatched.length === 0) return [];
  return [
    'findings differ (- expected but missing, + found but not expected):',
    ...missing.map((entry) => `  - ${describeExpected(entry)}`),
    ...unmatched.map((finding) => `  + ${describeActual(finding)}`),
  ];
}

export function compareCase(testCase: PolicyTestCase, findings: readonly Finding[]): CaseOutcome {
  const open = findings.filter((finding) => !finding.waived);
  const waived = findings.filter((finding) => finding.waived);
  const of = (list: readonly Finding[], ruleId: string) => list.filter((finding) => finding.ruleId === ruleId);
  const problems: string[] = [];
  const { expect } = testCase;
  for (const ruleId of expect.pass ?? []) {
    const failing = of(open, ruleId);
    if (failing.length > 0) problems.push(`expected ${ruleId} to pass, but it has ${failing.length} finding(s):`, ...listFindings(failing));
  }
  for (const ruleId of expect.fail ?? []) {
    if (of(open, ruleId).length > 0) continue;
    const waivedCount = of(waived, ruleId).length;
    problems.push(`expected ${ruleId} to fail, but it has no unwaived finding${waivedCount > 0 ? ` (${waivedCount} waived)` : ''}`);
  }
  for (const ruleId of expect.waived ?? []) {
    if (of(waived, ruleId).length > 0) continue;
    const openCount = of(open, ruleId).length;
    const hint = openCount > 0 ? ` (${openCount} unwaived: no active waiver matched)` : '';
    problems.push(`expected a waived finding of ${ruleId}, but there is none${hint}`);
  }
  if (expect.findings !== undefined) problems.push(...diffFindings(expect.findings, open));
  return { file: testCase.file, description: testCase.description, passed: problems.length === 0, problems };
}

/** The report `harden policy test` prints: one line per case, problems indented under failures, a total. */
export function formatOutcomes(outcomes: readonly CaseOutcome[]): string {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const description = outcome.description === null ? '' : ` - ${outcome.description}`;
    lines.push(`${outcome.passed ? 'PASS' : 'FAIL'} ${outcome.file}${description}`);
    for (const problem of outcome.problems) lines.push(`    ${problem}`);
  }
  const failed = outcomes.filter((outcome) => !outcome.passed).length;
  lines.push(`${outcomes.length} case(s): ${outcomes.length - failed} passed, ${failed} failed`);
  // Messages quote container names and paths from the inputs: one terminal line each, no escapes.
  return `${lines.map(toDisplayLine).join('\n')}\n`;
}
