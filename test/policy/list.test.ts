import { describe, expect, it } from 'vitest';
import { checks } from '../../src/policy/checks/index.js';
import { listChecks, validatePolicyFile } from '../../src/policy/list.js';
import { fakeChecks, loadFake, policyDir } from './fakes.js';

const POLICY = [
  'name: team',
  'checks:',
  '  capabilities: { severity: critical }',
  '  memory-limit: false',
  'custom:',
  '  - { id: org/x, title: X is set, severity: info, message: m, remediation: { run: r, compose: c }, assert: true }',
  'waivers:',
  '  - { check: capabilities, container: a, reason: r, owner: o, expires: 2030-01-01 }',
].join('\n');

describe('policy list and validate', () => {
  it('lists every registry check with defaults when no policy is given', () => {
    const rows = listChecks();
    expect(rows.map((row) => row.id)).toEqual(checks.map((check) => check.id));
    expect(rows.every((row) => row.enabled === null && row.kind === 'built-in')).toBe(true);
    const privileged = rows.find((row) => row.id === 'no-privileged');
    expect(privileged).toMatchObject({ severity: 'critical', cis: '5.5' });
  });

  it('shows effective severity, enabled state and custom checks under a policy', async () => {
    const policy = await loadFake(await policyDir({ 'p.yaml': POLICY }), ['p.yaml']);
    expect(listChecks(policy, fakeChecks)).toEqual([
      expect.objectContaining({ id: 'capabilities', severity: 'critical', enabled: true, cis: '5.4', pss: null }),
      expect.objectContaining({ id: 'memory-limit', severity: 'low', enabled: false }),
      expect.objectContaining({ id: 'no-privileged', severity: 'critical', enabled: false, pss: 'baseline/privileged' }),
      {
        id: 'org/x',
        title: 'X is set',
        severity: 'info',
        enabled: true,
        kind: 'custom',
        cis: null,
        pss: null,
        description: 'X is set',
        fix: { run: 'r', compose: 'c' },
      },
    ]);
  });

  it('summarizes a valid policy file given by a bare file name', async () => {
    const dir = await policyDir({ 'team.yaml': POLICY });
    expect(await validatePolicyFile('team.yaml', { cwd: dir, checks: fakeChecks })).toEqual({
      name: 'team',
      enabledChecks: 2,
      customChecks: 1,
      waivers: 1,
    });
  });

  it('throws the one-line PolicyError for an invalid file', async () => {
    const dir = await policyDir({ 'team.yaml': 'name: team\nchecks: { nope: true }\n' });
    await expect(validatePolicyFile('team.yaml', { cwd: dir, checks: fakeChecks })).rejects.toThrow(
      /^team\.yaml:2:11: \/checks\/nope: unknown check id "nope"/,
    );
  });

  it('refuses a pack name: validate takes files', async () => {
    const dir = await policyDir({});
    await expect(validatePolicyFile('baseline', { cwd: dir })).rejects.toThrow('./baseline: policy file "./baseline" must end in .yaml, .yml or .json');
  });
});
