import { describe, expect, it } from 'vitest';
import {
  ALL_CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  normalizeCapabilityName,
  resolveCapabilities,
  type CapabilityInput,
} from '../../src/spec/capabilities.js';
import { specOf } from './support.js';

const DEFAULTS = [...DOCKER_DEFAULT_CAPABILITIES];
const EVERY = [...ALL_CAPABILITIES].sort();
const without = (list: string[], ...names: string[]) => list.filter((name) => !names.includes(name));
const input = (partial: Partial<CapabilityInput>): CapabilityInput => ({ added: null, dropped: null, exact: null, privileged: false, ...partial });

describe('capability constants', () => {
  it('lists the 41 Linux capabilities through CHECKPOINT_RESTORE, without duplicates', () => {
    expect(ALL_CAPABILITIES).toHaveLength(41);
    expect(new Set(ALL_CAPABILITIES).size).toBe(41);
    expect(ALL_CAPABILITIES[0]).toBe('CHOWN');
    expect(ALL_CAPABILITIES[40]).toBe('CHECKPOINT_RESTORE');
  });

  it("has Docker's 14 defaults, sorted, all of them real capabilities", () => {
    expect(DEFAULTS).toEqual([
      'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW',
      'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
    ]);
    expect([...DEFAULTS].sort()).toEqual(DEFAULTS);
    for (const name of DEFAULTS) expect(ALL_CAPABILITIES).toContain(name);
  });
});

describe('normalizeCapabilityName', () => {
  it.each([
    ['CAP_NET_ADMIN', 'NET_ADMIN'],
    ['cap_net_admin', 'NET_ADMIN'],
    ['Net_Admin', 'NET_ADMIN'],
    ['NET_ADMIN', 'NET_ADMIN'],
    ['all', 'ALL'],
    ['CAP_ALL', 'ALL'],
  ])('%s -> %s', (raw, normalized) => {
    expect(normalizeCapabilityName(raw)).toBe(normalized);
  });
});

describe('resolveCapabilities: effective set', () => {
  const cases: [string, Partial<CapabilityInput>, string[]][] = [
    ['nothing changed', {}, DEFAULTS],
    ['empty add and drop lists', { added: [], dropped: [] }, DEFAULTS],
    ['add one', { added: ['SYS_ADMIN'] }, [...DEFAULTS, 'SYS_ADMIN'].sort()],
    ['add with CAP_ prefix and lower case', { added: ['cap_sys_ptrace'] }, [...DEFAULTS, 'SYS_PTRACE'].sort()],
    ['add a default again', { added: ['CHOWN'] }, DEFAULTS],
    ['drop one', { dropped: ['NET_RAW'] }, without(DEFAULTS, 'NET_RAW')],
    ['drop lower case with prefix', { dropped: ['cap_net_raw', 'Mknod'] }, without(DEFAULTS, 'NET_RAW', 'MKNOD')],
    ['drop ALL', { dropped: ['ALL'] }, []],
    ['drop all (lower case)', { dropped: ['all'] }, []],
    ['drop ALL, add one back', { dropped: ['ALL'], added: ['cap_net_bind_service'] }, ['NET_BIND_SERVICE']],
    ['drop ALL, add a non-default', { dropped: ['ALL'], added: ['SYS_ADMIN', 'CHOWN'] }, ['CHOWN', 'SYS_ADMIN']],
    ['add ALL', { added: ['ALL'] }, EVERY],
    ['add ALL, drop one', { added: ['ALL'], dropped: ['SYS_ADMIN'] }, without(EVERY, 'SYS_ADMIN')],
    ['add ALL and drop ALL: add ALL wins, as in the engine', { added: ['ALL'], dropped: ['ALL'] }, EVERY],
    ['added and dropped at once: the add wins', { added: ['NET_RAW'], dropped: ['NET_RAW'] }, DEFAULTS],
    ['exact set replaces defaults', { exact: ['CAP_CHOWN', 'kill'] }, ['CHOWN', 'KILL']],
    ['exact empty set', { exact: [] }, []],
    ['exact set overrides add/drop', { exact: ['NET_ADMIN'], added: ['SYS_ADMIN'], dropped: ['ALL'] }, ['NET_ADMIN']],
    ['exact set naming ALL', { exact: ['ALL'] }, EVERY],
    ['privileged beats everything', { privileged: true, dropped: ['ALL'], exact: [] }, EVERY],
    ['unknown names are kept, not dropped silently', { added: ['cap_future_thing'] }, [...DEFAULTS, 'FUTURE_THING'].sort()],
  ];
  it.each(cases)('%s', (_label, partial, effective) => {
    expect(resolveCapabilities(input(partial)).effective).toEqual(effective);
  });
});

describe('resolveCapabilities: added, dropped, beyondDefault', () => {
  it('normalizes and de-duplicates the configured lists, keeping ALL', () => {
    const result = resolveCapabilities(input({ added: ['cap_sys_admin', 'SYS_ADMIN', 'all'], dropped: ['CAP_ALL', 'net_raw'] }));
    expect(result.added).toEqual(['SYS_ADMIN', 'ALL']);
    expect(result.dropped).toEqual(['ALL', 'NET_RAW']);
  });

  it.each([
    ['defaults only', {}, []],
    ['SYS_ADMIN added', { added: ['SYS_ADMIN'] }, ['SYS_ADMIN']],
    ['drop ALL, add NET_ADMIN and CHOWN', { dropped: ['ALL'], added: ['NET_ADMIN', 'CHOWN'] }, ['NET_ADMIN']],
    ['privileged', { privileged: true }, without(EVERY, ...DEFAULTS)],
  ] as [string, Partial<CapabilityInput>, string[]][])('%s', (_label, partial, beyond) => {
    expect(resolveCapabilities(input(partial)).beyondDefault).toEqual(beyond);
  });

  it('returns fresh arrays, so one spec cannot change another', () => {
    const first = resolveCapabilities(input({}));
    first.effective.push('SYS_ADMIN');
    expect(resolveCapabilities(input({})).effective).toEqual(DEFAULTS);
    expect(DOCKER_DEFAULT_CAPABILITIES).toHaveLength(14);
  });
});

describe('capabilities from inspect JSON', () => {
  it.each([
    ['CapAdd/CapDrop', { CapAdd: ['CAP_SYS_ADMIN'], CapDrop: ['cap_net_raw'] }, without([...DEFAULTS, 'SYS_ADMIN'].sort(), 'NET_RAW')],
    ['HostConfig.Capabilities (API 1.40+) non-null', { Capabilities: ['CAP_NET_BIND_SERVICE'] }, ['NET_BIND_SERVICE']],
    ['HostConfig.Capabilities null', { Capabilities: null, CapDrop: ['ALL'] }, []],
    ['Privileged', { Privileged: true, CapDrop: ['ALL'] }, EVERY],
    ['CapAdd and CapDrop null', {}, DEFAULTS],
  ] as [string, Record<string, unknown>, string[]][])('%s', (_label, hostConfig, effective) => {
    const spec = specOf({ HostConfig: hostConfig });
    expect(spec.capabilities.effective).toEqual(effective);
  });
});
