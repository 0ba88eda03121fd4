// The loader and evaluator against the real check registry, packs and recorded inspect fixtures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/policy/checks/index.js';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import { loadPolicies } from '../../src/policy/loader.js';
import { SEVERITY_RANK } from '../../src/policy/types.js';
import { fromInspect } from '../../src/spec/from-inspect.js';
import type { ContainerSpec } from '../../src/spec/types.js';
import { FIXTURE_DIR, FIXTURE_ENGINE_SOCKET, TEST_SOURCE } from '../spec/support.js';
import { policyDir } from './fakes.js';

const recorded = JSON.parse(readFileSync(new URL('all.docker-inspect.json', FIXTURE_DIR), 'utf8')) as unknown[];
const specs: ContainerSpec[] = recorded.map((raw, index) =>
  fromInspect(raw, { source: TEST_SOURCE, engineSocket: FIXTURE_ENGINE_SOCKET, index }),
);
const options = { context: { engineSocket: FIXTURE_ENGINE_SOCKET }, today: '2027-01-01' };

describe('policies with the real registry', () => {
  it('defaults to the baseline pack', async () => {
    const policy = await loadPolicies([]);
    expect(policy.sources).toEqual(['baseline']);
    expect(policy.rules.every((rule) => rule.kind === 'built-in')).toBe(true);
  });

  it('audits the recorded containers in input order, worst first within each', async () => {
    const { findings, rules } = evaluatePolicy(specs, await loadPolicies(['baseline']), options);
    const ruleIds = new Set(rules.map((rule) => rule.id));
    expect(findings.every((finding) => ruleIds.has(finding.ruleId))).toBe(true);
    const containerOrder = specs.map((spec) => spec.name);
    for (let index = 1; index < findings.length; index += 1) {
      const [previous, current] = [findings[index - 1], findings[index]];
      if (previous === undefined || current === undefined) continue;
      const byContainer = containerOrder.indexOf(current.container.name) - containerOrder.indexOf(previous.container.name);
      expect(byContainer).toBeGreaterThanOrEqual(0);
      if (byContainer === 0) expect(SEVERITY_RANK[current.severity]).toBeLessThanOrEqual(SEVERITY_RANK[previous.severity]);
    }
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: 'no-privileged', severity: 'critical', container: expect.objectContaining({ name: 'h-privileged' }) }),
    );
  });

  it('waives a real finding for one container only', async () => {
    const dir = await policyDir({
      'p.yaml': [
        'name: ci',
        'extends: baseline',
        'waivers:',
        '  - { check: no-privileged, container: h-privileged, reason: ci runner, owner: ci-team, expires: 2027-06-30 }',
        '  - { check: docker-socket-mount, image: "nginx:*", reason: unused, owner: ops, expires: 2027-06-30 }',
      ].join('\n'),
    });
    const { findings, waivers } = evaluatePolicy(specs, await loadPolicies(['p.yaml'], { cwd: dir }), options);
    const privileged = findings.filter((finding) => finding.ruleId === 'no-privileged');
    expect(privileged.map((finding) => [finding.container.name, finding.waived])).toContainEqual(['h-privileged', true]);
    expect(privileged.filter((finding) => finding.waived)).toHaveLength(1);
    expect(waivers.unmatched.map((waiver) => waiver.check)).toEqual(['docker-socket-mount']);
  });

  it('evaluates 10,000 containers against every built-in check (speed: npm run bench)', async () => {
    const everything = await policyDir({
      'all.yaml': `name: all\nchecks:\n${checks.map((check) => `  ${check.id}: true\n`).join('')}`,
    });
    const policy = await loadPolicies(['all.yaml'], { cwd: everything });
    expect(policy.rules).toHaveLength(checks.length);
    const many = Array.from({ length: 10_000 }, (_, index) => specs[index % specs.length] as ContainerSpec);
    const one = evaluatePolicy(specs as ContainerSpec[], policy, options).findings.length;
    // Linear and per container: 10,000 containers give exactly the findings of their copies.
    const perCycle = Math.floor(10_000 / specs.length);
    const remainder = 10_000 % specs.length;
    const extra = evaluatePolicy((specs as ContainerSpec[]).slice(0, remainder), policy, options).findings.length;
    expect(evaluatePolicy(many, policy, options).findings).toHaveLength(perCycle * one + extra);
  });
});
