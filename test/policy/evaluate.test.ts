// Evaluation: scopes, severities, ordering, custom checks and waivers.
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import type { ContainerSpec } from '../../src/spec/types.js';
import { spec } from './checks/spec.js';
import { loadFake, policyDir } from './fakes.js';

const context = { engineSocket: null };
const TODAY = '2027-03-15';

async function evaluate(policyText: string, specs: ContainerSpec[], today = TODAY) {
  const policy = await loadFake(await policyDir({ 'p.yaml': policyText }), ['p.yaml']);
  return evaluatePolicy(specs, policy, { context, today });
}

const risky = (name: string, extra: Parameters<typeof spec>[0] = {}) =>
  spec({ name, id: `id-${name}`, privileged: true, capabilities: { added: ['SYS_ADMIN', 'NET_ADMIN'] }, ...extra });

const ALL_CHECKS = 'checks:\n  no-privileged: true\n  capabilities: true\n  memory-limit: true\n';

describe('policy evaluation', () => {
  it('orders findings by container, then worst severity, then rule id', async () => {
    const { findings } = await evaluate(`name: p\n${ALL_CHECKS}`, [risky('b'), risky('a')]);
    expect(findings.map((finding) => `${finding.container.name} ${finding.severity} ${finding.ruleId} ${finding.message}`)).toEqual([
      'b critical no-privileged runs privileged',
      'b high capabilities adds capability SYS_ADMIN',
      'b high capabilities adds capability NET_ADMIN',
      'b low memory-limit has no memory limit',
      'a critical no-privileged runs privileged',
      'a high capabilities adds capability SYS_ADMIN',
      'a high capabilities adds capability NET_ADMIN',
      'a low memory-limit has no memory limit',
    ]);
    expect(findings[0]).toEqual({
      ruleId: 'no-privileged',
      severity: 'critical',
      container: { id: 'id-b', name: 'b' },
      message: 'runs privileged',
      evidence: { privileged: true },
      remediation: { run: 'drop --privileged', compose: 'privileged: false' },
      waived: false,
    });
  });

  it('reports the effective severity and passes merged params to the check', async () => {
    const text = 'name: p\nchecks:\n  memory-limit: { severity: critical }\n  capabilities: { severity: low, params: { allowed: [SYS_ADMIN] } }\n';
    const { findings, rules } = await evaluate(text, [risky('a')]);
    expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.message])).toEqual([
      ['memory-limit', 'critical', 'has no memory limit'],
      ['capabilities', 'low', 'adds capability NET_ADMIN'],
    ]);
    expect(rules.map((rule) => [rule.id, rule.severity])).toEqual([
      ['capabilities', 'low'],
      ['memory-limit', 'critical'],
    ]);
  });

  it('applies scopes by name, image and labels, minus exclusions', async () => {
    const text = [
      'name: p',
      'checks:',
      '  no-privileged:',
      '    scope:',
      '      names: [web-*, api]',
      '      images: ["nginx:*"]',
      '      labels: { tier: front* }',
      '      exclude: { names: ["*-debug"] }',
    ].join('\n');
    const nginx = { ref: 'nginx:1.25', repository: 'nginx', tag: '1.25' };
    const front = { tier: 'frontend' };
    const specs = [
      risky('web-1', { image: nginx, labels: front }),
      risky('api', { image: nginx, labels: { tier: 'front', other: 'x' } }),
      risky('web-debug', { image: nginx, labels: front }),
      risky('web-2', { labels: front }),
      risky('web-3', { image: nginx, labels: { tier: 'back' } }),
      risky('web-4', { image: nginx }),
      risky('db', { image: nginx, labels: front }),
    ];
    const { findings } = await evaluate(text, specs);
    expect(findings.map((finding) => finding.container.name)).toEqual(['web-1', 'api']);
  });

  it('treats an exclude-only scope as "everything except"', async () => {
    const text = 'name: p\nchecks:\n  no-privileged: { scope: { exclude: { labels: { ci: "*" } } } }\n';
    const { findings } = await evaluate(text, [risky('a', { labels: { ci: '' } }), risky('b')]);
    expect(findings.map((finding) => finding.container.name)).toEqual(['b']);
  });

  describe('custom checks', () => {
    const custom = [
      'name: p',
      'custom:',
      '  - id: org/pinned-non-root',
      '    title: Images are pinned and run as non-root',
      '    severity: medium',
      '    message: image is not pinned or runs as root',
      '    remediation: { run: "use an explicit tag and --user", compose: "image: name:tag" }',
      '    scope: { exclude: { names: [ok-*] } }',
      '    assert:',
      '      properties:',
      '        image: { properties: { tag: { not: { enum: [null, latest] } } } }',
      '        user: { properties: { isRoot: { const: false } } }',
    ].join('\n');

    it('yields one finding per failing container, with the failing instance paths as evidence', async () => {
      const specs = [
        spec({ name: 'latest-root', image: { ref: 'app:latest', tag: 'latest' } }),
        spec({ name: 'pinned-nonroot', user: { raw: '1000', user: '1000', isRoot: false } }),
        spec({ name: 'ok-latest', image: { ref: 'app', tag: null } }),
        spec({ name: 'untagged', image: { ref: 'app', tag: null }, user: { raw: '1000', user: '1000', isRoot: false } }),
      ];
      const { findings, rules } = await evaluate(custom, specs);
      expect(findings.map((finding) => [finding.container.name, finding.ruleId, finding.severity, finding.message, finding.evidence])).toEqual([
        ['latest-root', 'org/pinned-non-root', 'medium', 'image is not pinned or runs as root', { failingPaths: ['/image/tag', '/user/isRoot'] }],
        ['untagged', 'org/pinned-non-root', 'medium', 'image is not pinned or runs as root', { failingPaths: ['/image/tag'] }],
      ]);
      expect(findings[0]?.remediation).toEqual({ run: 'use an explicit tag and --user', compose: 'image: name:tag' });
      expect(rules.map((rule) => rule.id)).toEqual(['org/pinned-non-root']);
    });
  });

  describe('waivers', () => {
    const waivers = [
      'waivers:',
      '  - { check: no-privileged, container: "ci-*", reason: nested docker, owner: ci-team, expires: 2027-06-30 }',
      '  - { check: capabilities, image: "gitlab/*", container: "ci-*", reason: runner, owner: ci-team, expires: 2027-06-30 }',
      '  - { check: memory-limit, container: "ci-*", reason: old, owner: ops, expires: 2027-03-15 }',
      '  - { check: no-privileged, container: "legacy-*", reason: migration, owner: ops, expires: 2027-12-31 }',
    ].join('\n');
    const specs = [
      risky('ci-runner-1', { image: { ref: 'gitlab/runner:16', repository: 'gitlab/runner', tag: '16' } }),
      risky('ci-other'),
      risky('web'),
    ];

    it('marks matching findings waived and keeps them in the report', async () => {
      const { findings } = await evaluate(`name: p\n${ALL_CHECKS}${waivers}`, specs);
      const waived = findings.filter((finding) => finding.waived).map((finding) => `${finding.container.name} ${finding.ruleId}`);
      expect(waived).toEqual([
        'ci-runner-1 no-privileged',
        'ci-runner-1 capabilities',
        'ci-runner-1 capabilities',
        'ci-other no-privileged',
      ]);
      expect(findings[0]?.waiver).toEqual({ reason: 'nested docker', owner: 'ci-team', expires: '2027-06-30' });
      expect(findings.filter((finding) => !finding.waived)).toHaveLength(8);
      expect(findings.filter((finding) => !finding.waived).every((finding) => finding.waiver === undefined)).toBe(true);
    });

    it('stops applying a waiver on its expiry day and reports it as expired', async () => {
      const { findings, waivers: status } = await evaluate(`name: p\n${ALL_CHECKS}${waivers}`, specs);
      expect(findings.some((finding) => finding.ruleId === 'memory-limit' && finding.waived)).toBe(false);
      expect(status.expired).toEqual([
        { check: 'memory-limit', container: 'ci-*', reason: 'old', owner: 'ops', expires: '2027-03-15', policy: 'p.yaml' },
      ]);
      const dayBefore = await evaluate(`name: p\n${ALL_CHECKS}${waivers}`, specs, '2027-03-14');
      expect(dayBefore.waivers.expired).toEqual([]);
      expect(dayBefore.findings.filter((finding) => finding.ruleId === 'memory-limit' && finding.waived)).toHaveLength(2);
    });

    it('reports active waivers that matched nothing as unmatched', async () => {
      const { waivers: status } = await evaluate(`name: p\n${ALL_CHECKS}${waivers}`, specs);
      expect(status.unmatched).toEqual([
        { check: 'no-privileged', container: 'legacy-*', reason: 'migration', owner: 'ops', expires: '2027-12-31', policy: 'p.yaml' },
      ]);
    });

    it('attaches the first of several matching waivers and counts all of them as matched', async () => {
      const text = [
        'name: p',
        'checks: { no-privileged: true }',
        'waivers:',
        '  - { check: no-privileged, container: "web-*", reason: first, owner: o, expires: 2030-01-01 }',
        '  - { check: no-privileged, image: "local/*", reason: second, owner: o, expires: 2030-01-01 }',
      ].join('\n');
      const { findings, waivers: status } = await evaluate(text, [risky('web-1')]);
      expect(findings.map((finding) => finding.waiver?.reason)).toEqual(['first']);
      expect(status.unmatched).toEqual([]);
    });

    it('counts a waiver for a disabled check as unmatched, and waives custom findings', async () => {
      const text = [
        'name: p',
        'custom:',
        '  - { id: org/never, title: t, severity: high, message: always fails, remediation: { run: r, compose: c }, assert: false }',
        'waivers:',
        '  - { check: org/never, container: "web", reason: r, owner: o, expires: 2030-01-01 }',
        '  - { check: no-privileged, container: "*", reason: r, owner: o, expires: 2030-01-01 }',
      ].join('\n');
      const { findings, waivers: status } = await evaluate(text, [risky('web'), risky('db')]);
      expect(findings.map((finding) => [finding.container.name, finding.waived])).toEqual([
        ['web', true],
        ['db', false],
      ]);
      expect(findings[1]?.evidence).toEqual({ failingPaths: ['/'] });
      expect(status.unmatched.map((waiver) => waiver.check)).toEqual(['no-privileged']);
    });
  });

  it('names the check and container when a check throws', async () => {
    const broken = spec({ name: 'broken' });
    (broken as { capabilities: unknown }).capabilities = {};
    await expect(evaluate('name: p\nchecks: { capabilities: true }\n', [broken])).rejects.toThrow(
      /^check capabilities failed on container broken: /,
    );
  });
});
