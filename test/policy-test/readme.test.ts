// The README's policy-as-code examples are real: the policy test case runs green on
// a recorded fixture, and the GitHub Actions workflow parses, has the permission
// upload-sarif needs, and calls harden only with options harden has.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/cli/audit.js';
import { policyTestCommand } from '../../src/cli/policy.js';
import { runPolicyTests } from '../../src/policy/policy-test.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const privileged = JSON.parse(readFileSync(new URL('../fixtures/inspect/h-privileged.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function section(heading: string): string {
  const body = readme.split(`\n${heading}\n`)[1];
  if (body === undefined) throw new Error(`README has no "${heading}"`);
  return body.split(/\n## /)[0] ?? '';
}

function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

const work = mkdtempSync(join(tmpdir(), 'harden-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README: harden policy test', () => {
  it('the example case passes against a policy that waives the CI runner', async () => {
    const [caseText] = yamlBlocks(section('### `harden policy test DIR`'));
    expect(caseText).toMatch(/^# policy-tests\/cases\/ci-runner-waived\.yaml\n/);
    const dir = join(work, 'policy-tests');
    mkdirSync(join(dir, 'cases'), { recursive: true });
    mkdirSync(join(dir, 'fixtures'));
    writeFileSync(join(dir, 'fixtures', 'ci-runner.json'), JSON.stringify({ ...privileged, Name: '/ci-runner' }));
    writeFileSync(
      join(dir, 'policy.yaml'),
      'name: ci\nextends: baseline\nwaivers:\n  - { check: no-privileged, container: ci-runner, reason: dind, owner: ci, expires: 2027-06-30 }\n',
    );
    writeFileSync(join(dir, 'cases', 'ci-runner-waived.yaml'), caseText ?? '');
    const run = await runPolicyTests(dir, { policies: [], cwd: work });
    expect(run.kind === 'ran' && run.outcomes.map((outcome) => [outcome.file, outcome.problems])).toEqual([
      ['policy-tests/cases/ci-runner-waived.yaml', []],
    ]);
  });
});

describe('README: GitHub Actions workflow', () => {
  const [workflowText] = yamlBlocks(section('## CI: GitHub Actions'));
  const workflow = parse(workflowText ?? '') as {
    jobs: Record<string, { permissions: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
  };
  const job = Object.values(workflow.jobs)[0]!;

  it('grants security-events: write and uploads the SARIF file the audit writes', () => {
    expect(job.permissions['security-events']).toBe('write');
    const upload = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('harden-reports/harden-report.sarif');
    const audit = job.steps.find((step) => step.run?.includes('harden audit'))?.run ?? '';
    expect(audit).toMatch(/-f sarif,markdown --output-dir harden-reports/);
  });

  it('calls harden only with options its commands define', () => {
    const modules = { audit: auditCommand, 'policy test': policyTestCommand };
    const runs = job.steps.flatMap((step) => (step.run?.includes('npx harden ') ? [step.run.replace(/\s+/g, ' ').trim()] : []));
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      const words = run.replace(/^npx harden /, '').split(' ');
      const path = words[0] === 'policy' ? 'policy test' : 'audit';
      const module = modules[path];
      const command = new Command(path).exitOverride().configureOutput({ writeErr: () => undefined });
      module.configure(command);
      expect(() => command.parse(words.slice(path.split(' ').length), { from: 'user' }), run).not.toThrow();
    }
  });
});
