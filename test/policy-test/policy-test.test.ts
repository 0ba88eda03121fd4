// `harden policy test DIR` as a library: the committed example suite (real inspect
// fixtures from test/fixtures/inspect/), failing expectations with their diff, and
// malformed cases reported at file:line:col without running anything.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPolicyTests, type PolicyTestRun } from '../../src/policy/policy-test.js';
import { formatOutcomes } from '../../src/policy/policy-test-compare.js';

const example = fileURLToPath(new URL('./example', import.meta.url));
const inspectFixtures = fileURLToPath(new URL('../fixtures/inspect', import.meta.url));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-policy-test-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A suite in `work`: the example policy, these cases, inspect fixtures reachable as `inspect/NAME.json`. */
function suite(cases: Record<string, string>, policy?: string): string {
  const dir = join(work, 'suite');
  mkdirSync(join(dir, 'cases'), { recursive: true });
  cpSync(inspectFixtures, join(dir, 'inspect'), { recursive: true });
  if (policy === undefined) cpSync(join(example, 'policy.yaml'), join(dir, 'policy.yaml'));
  else writeFileSync(join(dir, 'policy.yaml'), policy);
  for (const [name, text] of Object.entries(cases)) writeFileSync(join(dir, 'cases', name), text);
  return dir;
}

function ran(run: PolicyTestRun) {
  if (run.kind !== 'ran') throw new Error(`expected the cases to run, got: ${run.errors.map((e) => e.message).join('; ')}`);
  return run;
}

function malformed(run: PolicyTestRun): string[] {
  if (run.kind !== 'malformed') throw new Error('expected malformed cases');
  return run.errors.map((error) => error.message);
}

describe('the example suite (test/policy-test/example)', () => {
  it('passes every case: exact findings, pass/fail lists, a waiver before and after its expiry, inline inputs', async () => {
    const run = ran(await runPolicyTests(example, { policies: [], cwd: example }));
    expect(run.outcomes.map((outcome) => [outcome.file, outcome.passed, outcome.problems])).toEqual([
      ['cases/hardened-passes.yaml', true, []],
      ['cases/inline-latest.yaml', true, []],
      ['cases/privileged-waived.yaml', true, []],
      ['cases/waiver-expired.yaml', true, []],
      ['cases/writable-etc.yaml', true, []],
    ]);
    expect(run.policies).toEqual(['baseline', 'policy.yaml']);
    expect(formatOutcomes(run.outcomes).split('\n').at(-2)).toBe('5 case(s): 5 passed, 0 failed');
  });

  it('runs the cases against the policy given with --policy instead of DIR/policy.yaml', async () => {
    const dir = suite({ 'hardened.yaml': 'input: ../inspect/h-hardened.json\nexpect: { findings: [] }\n' });
    const run = ran(await runPolicyTests(dir, { policies: ['restricted'], cwd: work }));
    expect(run.policies).toEqual(['restricted']);
    expect(run.outcomes[0]?.passed).toBe(true);
  });
});

describe('failing expectations', () => {
  it('reports each unmet expectation and a diff of the findings', async () => {
    const dir = suite({
      'etc.yaml': [
        'description: wrong on purpose',
        'input: ../inspect/h-etc-rw.json',
        'expect:',
        '  pass: [sensitive-host-mounts]',
        '  fail: [no-privileged]',
        '  waived: [memory-limit]',
        '  findings:',
        '    - { ruleId: sensitive-host-mounts, severity: critical }',
        '    - { ruleId: read-only-rootfs }',
        '    - { ruleId: no-new-privileges }',
        '    - { ruleId: memory-limit }',
        '    - { ruleId: cpu-limit }',
        '    - { ruleId: pids-limit }',
        '    - { ruleId: run-as-non-root }',
        '',
      ].join('\n'),
      'ok.yaml': 'input: ../inspect/h-hardened.json\nexpect: { pass: [no-privileged] }\n',
    });
    const run = ran(await runPolicyTests(dir, { policies: [], cwd: work }));
    expect(formatOutcomes(run.outcomes)).toBe(
      [
        'FAIL suite/cases/etc.yaml - wrong on purpose',
        '    expected sensitive-host-mounts to pass, but it has 1 finding(s):',
        '      h-etc-rw: mounts host path /etc read-write at /host/etc',
        '    expected no-privileged to fail, but it has no unwaived finding',
        '    expected a waived finding of memory-limit, but there is none (1 unwaived: no active waiver matched)',
        '    findings differ (- expected but missing, + found but not expected):',
        '      - sensitive-host-mounts (critical)',
        '      + sensitive-host-mounts (high) in h-etc-rw: mounts host path /etc read-write at /host/etc',
        '      + healthcheck (low) in h-etc-rw: has no healthcheck',
        'PASS suite/cases/ok.yaml',
        '2 case(s): 1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('says when an expected failure was waived instead', async () => {
    const dir = suite({ 'p.yaml': 'today: 2029-06-01\ninput: ../inspect/h-privileged.json\nexpect: { fail: [no-privileged] }\n' });
    const [outcome] = ran(await runPolicyTests(dir, { policies: [], cwd: work })).outcomes;
    expect(outcome?.problems).toEqual(['expected no-privileged to fail, but it has no unwaived finding (1 waived)']);
  });
});

describe('malformed cases (exit 2): every one reported at file:line:col, nothing run', () => {
  it('collects unknown keys, unknown rule ids, bad inputs, bad dates and YAML errors together', async () => {
    const dir = suite({
      'a-key.yaml': 'input: ../inspect/h-hardened.json\nexpect:\n  pass: [no-privileged]\n  fial: [capabilities]\n',
      'b-rule.yaml': 'input: ../inspect/h-hardened.json\nexpect:\n  fail:\n    - no-privilegd\n',
      'c-missing-file.yaml': 'input: ../inspect/nope.json\nexpect: { pass: [no-privileged] }\n',
      'd-inline.yaml': 'input:\n  Name: /x\nexpect: { pass: [no-privileged] }\n',
      'e-date.yaml': 'today: 2027-02-30\ninput: ../inspect/h-hardened.json\nexpect: { pass: [no-privileged] }\n',
      'f-yaml.yaml': 'input: [\nexpect: {}\n',
      'g-empty-expect.yaml': 'input: ../inspect/h-hardened.json\nexpect: {}\n',
      'h-no-input.yaml': 'expect: { pass: [no-privileged] }\n',
      'i-disabled.yaml': 'input: ../inspect/h-hardened.json\nexpect: { pass: [host-bind-mounts] }\n',
      'ok.yaml': 'input: ../inspect/h-hardened.json\nexpect: { pass: [no-privileged] }\n',
    });
    const messages = malformed(await runPolicyTests(dir, { policies: [], cwd: work }));
    expect(messages).toEqual([
      'suite/cases/a-key.yaml:4:3: /expect/fial: unknown property "fial" (did you mean "fail"?)',
      'suite/cases/b-rule.yaml:4:7: /expect/fail/0: "no-privilegd" is not a rule the policy runs (did you mean "no-privileged"?)',
      'suite/cases/c-missing-file.yaml:1:8: /input: cannot read inspect file suite/inspect/nope.json (no such file)',
      'suite/cases/d-inline.yaml:2:3: /input: suite/cases/d-inline.yaml#/input: container 0: Id must be a string',
      'suite/cases/e-date.yaml:1:8: /today: must be a real calendar date (got "2027-02-30")',
      expect.stringMatching(/^suite\/cases\/f-yaml\.yaml:2:\d+: invalid YAML: /),
      'suite/cases/g-empty-expect.yaml:2:9: /expect: must name at least one of pass, fail, waived or findings',
      'suite/cases/h-no-input.yaml:1:1: /: missing required property "input"',
      'suite/cases/i-disabled.yaml:2:18: /expect/pass/0: "host-bind-mounts" is not a rule the policy runs',
    ]);
  });

  it('names the directory problem: no policy, no cases folder, no cases', async () => {
    mkdirSync(join(work, 'empty'));
    await expect(runPolicyTests('empty', { policies: [], cwd: work })).rejects.toThrow(
      'empty: no policy.yaml, policy.yml, policy.json here; add one or name the policy with --policy',
    );
    await expect(runPolicyTests('empty', { policies: ['baseline'], cwd: work })).rejects.toThrow(
      'empty/cases: no such directory; put the test cases (*.yaml, *.yml, *.json) in DIR/cases/',
    );
    mkdirSync(join(work, 'empty', 'cases'));
    writeFileSync(join(work, 'empty', 'cases', 'notes.txt'), 'not a case');
    await expect(runPolicyTests('empty', { policies: ['baseline'], cwd: work })).rejects.toThrow('empty/cases: holds no test cases (*.yaml, *.yml, *.json)');
    await expect(runPolicyTests('missing', { policies: [], cwd: work })).rejects.toThrow(
      'missing: is not a directory; expected a policy test directory (policy.yaml and cases/)',
    );
  });

  it('reports a broken policy as the policy error it is', async () => {
    const dir = suite({ 'ok.yaml': 'input: ../inspect/h-hardened.json\nexpect: { pass: [no-privileged] }\n' }, 'name: broken\nchecks:\n  no-privilegd: true\n');
    await expect(runPolicyTests(dir, { policies: [], cwd: work })).rejects.toThrow(
      'suite/policy.yaml:3:3: /checks/no-privilegd: unknown check id "no-privilegd" (did you mean "no-privileged"?)',
    );
  });
});
