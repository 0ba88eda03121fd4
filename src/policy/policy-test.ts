// `harden policy test DIR`: policy unit tests, in the spirit of conftest verify and
// ESLint's RuleTester. DIR holds the policy (`policy.yaml`, `.yml` or `.json`, unless
// --policy names one) and `cases/*.yaml|yml|json`, each one container set and what the
// policy must decide about it. See the README, `harden policy test DIR`.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { displayPath, PolicyError } from './errors.js';
import { evaluatePolicy } from './evaluate.js';
import { loadPolicies } from './loader.js';
import type { ResolvedPolicy } from './model.js';
import { compareCase, type CaseOutcome } from './policy-test-compare.js';
import { loadTestCase, type PolicyTestCase } from './policy-test-case.js';

const POLICY_FILES = ['policy.yaml', 'policy.yml', 'policy.json'];
const CASE_FILE = /\.(ya?ml|json)$/i;

export interface PolicyTestOptions {
  /** Policy refs (files or packs) instead of DIR/policy.yaml. */
  policies: string[];
  cwd?: string;
  /** YYYY-MM-DD for cases without `today`; defaults to today (UTC). */
  today?: string;
}

export type PolicyTestRun =
  | { kind: 'malformed'; errors: PolicyError[] }
  | { kind: 'ran'; policies: string[]; outcomes: CaseOutcome[] };

function dirError(file: string, detail: string): PolicyError {
  return new PolicyError({ file, line: null, column: null, pointer: null }, detail);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function policyRefs(dir: string, options: PolicyTestOptions, cwd: string): Promise<string[]> {
  if (options.policies.length > 0) return options.policies;
  for (const name of POLICY_FILES) {
    const path = join(dir, name);
    if ((await stat(path).catch(() => null))?.isFile()) return [path];
  }
  throw dirError(displayPath(dir, cwd), `no ${POLICY_FILES.join(', ')} here; add one or name the policy with --policy`);
}

async function caseFiles(dir: string, cwd: string): Promise<string[]> {
  const casesDir = join(dir, 'cases');
  const shown = displayPath(casesDir, cwd);
  if (!(await isDirectory(casesDir))) throw dirError(shown, 'no such directory; put the test cases (*.yaml, *.yml, *.json) in DIR/cases/');
  const names = (await readdir(casesDir)).filter((name) => CASE_FILE.test(name)).sort();
  if (names.length === 0) throw dirError(shown, 'holds no test cases (*.yaml, *.yml, *.json)');
  return names.map((name) => join(casesDir, name));
}

function runCase(testCase: PolicyTestCase, policy: ResolvedPolicy, today: string): CaseOutcome {
  const { findings } = evaluatePolicy(testCase.specs, policy, { context: { engineSocket: null }, today: testCase.today ?? today });
  return compareCase(testCase, findings);
}

/**
 * Loads the policy and every case, then runs them. A bad policy throws PolicyError; bad
 * cases are all collected (kind `malformed`) and nothing runs, since a half-read suite
 * would report a misleading pass count.
 */
export async function runPolicyTests(dir: string, options: PolicyTestOptions): Promise<PolicyTestRun> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, dir);
  if (!(await isDirectory(root))) throw dirError(displayPath(root, cwd), 'is not a directory; expected a policy test directory (policy.yaml and cases/)');
  const refs = await policyRefs(root, options, cwd);
  const policy = await loadPolicies(refs, { cwd });
  const ruleIds = new Set(policy.rules.map((rule) => rule.info.id));
  const settled = await Promise.allSettled((await caseFiles(root, cwd)).map((path) => loadTestCase(path, ruleIds, cwd)));
  const errors = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const unexpected = errors.find((error) => !(error instanceof PolicyError));
  if (unexpected !== undefined) throw unexpected;
  if (errors.length > 0) return { kind: 'malformed', errors: errors as PolicyError[] };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const cases = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return { kind: 'ran', policies: policy.sources, outcomes: cases.map((testCase) => runCase(testCase, policy, today)) };
}
