// How policy files combine: extends, overrides key by key, accumulation, JSON and YAML alike.
import { describe, expect, it } from 'vitest';
import type { ResolvedPolicy } from '../../src/policy/model.js';
import { spec } from './checks/spec.js';
import { loadFake, policyDir } from './fakes.js';

function rule(policy: ResolvedPolicy, id: string) {
  return policy.rules.find((candidate) => candidate.info.id === id);
}

describe('policy loader: merging', () => {
  it('turns on only the checks a policy mentions, with their defaults', async () => {
    const dir = await policyDir({ 'p.yaml': 'name: p\nchecks:\n  no-privileged: true\n  memory-limit: off\n' });
    const policy = await loadFake(dir, ['p.yaml']);
    expect(policy.rules.map((entry) => entry.info.id)).toEqual(['no-privileged']);
    expect(rule(policy, 'no-privileged')?.info.severity).toBe('critical');
    expect(rule(policy, 'no-privileged')?.params).toEqual({});
  });

  it('merges params over the check defaults and overrides severity', async () => {
    const dir = await policyDir({
      'p.yaml': 'name: p\nchecks:\n  memory-limit:\n    severity: high\n    params: { requireReservation: true }\n',
    });
    const memory = rule(await loadFake(dir, ['p.yaml']), 'memory-limit');
    expect(memory?.info.severity).toBe('high');
    expect(memory?.params).toEqual({ minimumBytes: 0, requireReservation: true });
  });

  it('applies extends first, then overrides per check key by key', async () => {
    const dir = await policyDir({
      'base.yaml': [
        'name: base',
        'checks:',
        '  memory-limit: { severity: medium, params: { minimumBytes: 10 }, scope: { names: [db-*] } }',
        '  capabilities: { severity: critical }',
        '  no-privileged: true',
      ].join('\n'),
      'p.yaml': [
        'name: p',
        'extends: ./base.yaml',
        'checks:',
        '  memory-limit: { params: { requireReservation: true }, scope: { names: [web-*] } }',
        '  capabilities: true',
        '  no-privileged: "off"',
      ].join('\n'),
    });
    const policy = await loadFake(dir, ['p.yaml']);
    const memory = rule(policy, 'memory-limit');
    expect(memory?.info.severity).toBe('medium');
    expect(memory?.params).toEqual({ minimumBytes: 10, requireReservation: true });
    // The scope is replaced, not merged: db-* no longer applies.
    expect(memory?.inScope?.(spec({ name: 'web-1' }))).toBe(true);
    expect(memory?.inScope?.(spec({ name: 'db-1' }))).toBe(false);
    // `true` re-enables without dropping earlier settings.
    expect(rule(policy, 'capabilities')?.info.severity).toBe('critical');
    expect(rule(policy, 'no-privileged')).toBeUndefined();
    expect(policy.origins.map((origin) => origin.name)).toEqual(['base', 'p']);
    expect(policy.sources).toEqual(['base.yaml', 'p.yaml']);
  });

  it('applies an extends list in order, relative to the extending file', async () => {
    const dir = await policyDir({
      'teams/a.yaml': 'name: a\nchecks:\n  capabilities: { severity: low }\n',
      'teams/b.yaml': 'name: b\nchecks:\n  capabilities: { severity: medium }\n',
      'teams/p.yaml': 'name: p\nextends: [./a.yaml, b.yaml]\n',
    });
    const policy = await loadFake(dir, ['teams/p.yaml']);
    expect(policy.origins.map((origin) => origin.file)).toEqual(['teams/a.yaml', 'teams/b.yaml', 'teams/p.yaml']);
    expect(rule(policy, 'capabilities')?.info.severity).toBe('medium');
  });

  it('lets a later -p policy override an earlier one, and disable a check', async () => {
    const dir = await policyDir({
      'a.yaml': 'name: a\nchecks:\n  no-privileged: true\n  capabilities: { params: { allowed: [KILL] } }\n',
      'b.yaml': 'name: b\nchecks:\n  no-privileged: false\n  capabilities: { params: { allowed: [CHOWN] } }\n',
    });
    const policy = await loadFake(dir, ['a.yaml', 'b.yaml']);
    expect(policy.rules.map((entry) => entry.info.id)).toEqual(['capabilities']);
    expect(rule(policy, 'capabilities')?.params).toEqual({ allowed: ['CHOWN'] });
  });

  it('applies a file shared by two extends chains once', async () => {
    const dir = await policyDir({
      'common.yaml': 'name: common\nwaivers:\n  - { check: no-privileged, container: ci-*, reason: r, owner: o, expires: 2030-01-01 }\n',
      'a.yaml': 'name: a\nextends: common.yaml\n',
      'b.yaml': 'name: b\nextends: common.yaml\n',
    });
    const policy = await loadFake(dir, ['a.yaml', 'b.yaml']);
    expect(policy.origins.map((origin) => origin.name)).toEqual(['common', 'a', 'b']);
    expect(policy.waivers).toHaveLength(1);
  });

  it('accumulates custom checks and waivers across files, recording where each waiver was declared', async () => {
    const custom = (id: string) =>
      `custom:\n  - { id: ${id}, title: t, severity: low, message: m, remediation: { run: r, compose: c }, assert: true }\n`;
    const waiver = (container: string) =>
      `waivers:\n  - { check: org/base, container: ${container}, reason: r, owner: o, expires: 2030-01-01 }\n`;
    const dir = await policyDir({
      'base.yaml': `name: base\n${custom('org/base')}${waiver('a')}`,
      'p.yaml': `name: p\nextends: base.yaml\n${custom('org/own')}${waiver('b')}`,
    });
    const policy = await loadFake(dir, ['p.yaml']);
    expect(policy.rules.map((entry) => [entry.info.id, entry.kind])).toEqual([
      ['org/base', 'custom'],
      ['org/own', 'custom'],
    ]);
    expect(policy.waivers.map((entry) => [entry.status.container, entry.status.policy])).toEqual([
      ['a', 'base.yaml'],
      ['b', 'p.yaml'],
    ]);
  });

  it('reads JSON policies the same way as YAML', async () => {
    const dir = await policyDir({
      'p.json': JSON.stringify({ $schema: './policy.schema.json', name: 'p', checks: { 'memory-limit': { severity: 'info' } } }),
      'q.yml': 'name: q\nextends: p.json\n',
    });
    const policy = await loadFake(dir, ['q.yml']);
    expect(rule(policy, 'memory-limit')?.info.severity).toBe('info');
  });

  it('keeps built-in rules in registry order, then custom rules', async () => {
    const dir = await policyDir({
      'p.yaml': [
        'name: p',
        'checks: { no-privileged: true, capabilities: true }',
        'custom:',
        '  - { id: org/x, title: t, severity: info, message: m, remediation: { run: r, compose: c }, assert: true }',
      ].join('\n'),
    });
    const policy = await loadFake(dir, ['p.yaml']);
    expect(policy.rules.map((entry) => entry.info.id)).toEqual(['capabilities', 'no-privileged', 'org/x']);
    expect(rule(policy, 'org/x')?.info).toEqual({
      id: 'org/x',
      title: 't',
      description: 't',
      severity: 'info',
      refs: {},
      remediation: { run: 'r', compose: 'c' },
    });
  });
});
