// The recorded h-* containers (dockerd 20.10.24) normalized: key facts asserted exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromInspect, parseInspectDocument } from '../../src/spec/from-inspect.js';
import { ALL_CAPABILITIES, DOCKER_DEFAULT_CAPABILITIES } from '../../src/spec/capabilities.js';
import type { ContainerSpec } from '../../src/spec/types.js';
import { FIXTURE_DIR, FIXTURE_ENGINE_SOCKET, TEST_SOURCE, readFixture } from './support.js';

const DEFAULTS = [...DOCKER_DEFAULT_CAPABILITIES];
const EVERY_CAPABILITY = [...ALL_CAPABILITIES].sort();

function fixtureSpec(name: string): ContainerSpec {
  return fromInspect(readFixture(name), { source: TEST_SOURCE, engineSocket: FIXTURE_ENGINE_SOCKET });
}

interface Expected {
  state?: ContainerSpec['state']['status'];
  running?: boolean;
  startedAtNull?: boolean;
  privileged?: boolean;
  effective?: string[];
  beyondDefault?: string[];
  mounts?: ContainerSpec['mounts'];
  engineSockets?: ContainerSpec['engineSockets'];
  seccomp?: ContainerSpec['security']['seccomp']['mode'];
  apparmor?: ContainerSpec['security']['apparmor']['mode'];
  selinuxDisabled?: boolean;
  noNewPrivileges?: boolean;
  network?: ContainerSpec['namespaces']['network']['mode'];
  pid?: ContainerSpec['namespaces']['pid']['mode'];
  isRoot?: boolean;
  readOnlyRootfs?: boolean;
  allDevices?: boolean;
}

const BASELINE: Required<Omit<Expected, 'state' | 'running' | 'startedAtNull'>> = {
  privileged: false,
  effective: DEFAULTS,
  beyondDefault: [],
  mounts: [],
  engineSockets: [],
  seccomp: 'default',
  apparmor: 'unavailable',
  selinuxDisabled: false,
  noNewPrivileges: false,
  network: 'none',
  pid: 'private',
  isRoot: true,
  readOnlyRootfs: false,
  allDevices: false,
};

const CASES: [string, Expected][] = [
  ['h-privileged', {
    state: 'created', running: false, startedAtNull: true, privileged: true, effective: EVERY_CAPABILITY,
    beyondDefault: EVERY_CAPABILITY.filter((name) => !DEFAULTS.includes(name)),
    seccomp: 'unconfined', apparmor: 'unconfined', selinuxDisabled: true, allDevices: true,
  }],
  ['h-cap-all', {
    state: 'created', running: false, startedAtNull: true, effective: EVERY_CAPABILITY,
    beyondDefault: EVERY_CAPABILITY.filter((name) => !DEFAULTS.includes(name)),
  }],
  ['h-cap-sys-admin', { state: 'running', running: true, effective: [...DEFAULTS, 'SYS_ADMIN'].sort(), beyondDefault: ['SYS_ADMIN'] }],
  ['h-drop-all-ro', { effective: [], readOnlyRootfs: true }],
  ['h-etc-rw', {
    mounts: [{ type: 'bind', source: '/etc', hostPath: '/etc', destination: '/host/etc', readOnly: false, propagation: 'rprivate' }],
  }],
  ['h-etc-ro', {
    mounts: [{ type: 'bind', source: '/etc', hostPath: '/etc', destination: '/host/etc', readOnly: true, propagation: 'rprivate' }],
  }],
  ['h-engine-socket', {
    mounts: [{ type: 'bind', source: FIXTURE_ENGINE_SOCKET, hostPath: FIXTURE_ENGINE_SOCKET, destination: '/var/run/docker.sock', readOnly: false, propagation: 'rprivate' }],
    engineSockets: [{ engine: 'docker', hostPath: FIXTURE_ENGINE_SOCKET, destination: '/var/run/docker.sock', readOnly: false, via: 'socket', socketPath: FIXTURE_ENGINE_SOCKET }],
  }],
  ['h-engine-socket-dir', {
    mounts: [{ type: 'bind', source: '/tmp/hd-t2', hostPath: '/tmp/hd-t2', destination: '/engine', readOnly: false, propagation: 'rslave' }],
    engineSockets: [{ engine: 'docker', hostPath: '/tmp/hd-t2', destination: '/engine', readOnly: false, via: 'directory', socketPath: FIXTURE_ENGINE_SOCKET }],
  }],
  ['h-tmpfs-usr', {
    mounts: [{ type: 'tmpfs', source: null, hostPath: null, destination: '/usr', readOnly: false, propagation: null }],
  }],
  // The engine adds label=disable by itself for --pid host.
  ['h-pid-host', { pid: 'host', selinuxDisabled: true }],
  ['h-net-host', { network: 'host' }],
  ['h-seccomp-unconfined', { seccomp: 'unconfined' }],
  ['h-nnp-false', { noNewPrivileges: false }],
  ['h-hardened', { effective: [], noNewPrivileges: true, isRoot: false, readOnlyRootfs: true }],
  ['h-exited', { state: 'exited', running: false, startedAtNull: false }],
];

describe('recorded fixtures', () => {
  it.each(CASES)('%s', (name, overrides) => {
    const spec = fixtureSpec(name);
    const expected = { ...BASELINE, ...overrides };
    expect(spec.name).toBe(name);
    expect(spec.privileged).toBe(expected.privileged);
    expect(spec.capabilities.effective).toEqual(expected.effective);
    expect(spec.capabilities.beyondDefault).toEqual(expected.beyondDefault);
    expect(spec.mounts).toEqual(expected.mounts);
    expect(spec.engineSockets).toEqual(expected.engineSockets);
    expect(spec.security.seccomp.mode).toBe(expected.seccomp);
    expect(spec.security.apparmor.mode).toBe(expected.apparmor);
    expect(spec.security.selinux.disabled).toBe(expected.selinuxDisabled);
    expect(spec.security.noNewPrivileges).toBe(expected.noNewPrivileges);
    expect(spec.namespaces.network.mode).toBe(expected.network);
    expect(spec.namespaces.pid.mode).toBe(expected.pid);
    expect(spec.user.isRoot).toBe(expected.isRoot);
    expect(spec.readOnlyRootfs).toBe(expected.readOnlyRootfs);
    expect(spec.allDevices).toBe(expected.allDevices);
    if (overrides.state) expect(spec.state.status).toBe(overrides.state);
    if (overrides.running !== undefined) expect(spec.state.running).toBe(overrides.running);
    if (overrides.startedAtNull !== undefined) expect(spec.state.startedAt === null).toBe(overrides.startedAtNull);
  });

  it('h-hardened carries its limits, restart policy, healthcheck and user exactly', () => {
    const spec = fixtureSpec('h-hardened');
    expect(spec.user).toEqual({ raw: '65534:65534', user: '65534', group: '65534', isRoot: false });
    expect(spec.capabilities).toEqual({ effective: [], added: [], dropped: ['ALL'], beyondDefault: [] });
    expect(spec.resources).toEqual({
      memory: 67108864, memorySwap: 134217728, memoryReservation: null, cpuShares: null, nanoCpus: 500000000,
      cpuQuota: null, cpuPeriod: null, cpusetCpus: null, pidsLimit: 64,
    });
    expect(spec.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(spec.healthcheck).toEqual({ configured: true, disabled: false, test: ['CMD-SHELL', 'true'], status: 'starting' });
    expect(spec.security.raw).toEqual(['no-new-privileges']);
  });

  it('h-exited has the defaults everywhere a setting was left alone', () => {
    const spec = fixtureSpec('h-exited');
    expect(spec.id).toBe('b955046d44b952236b7db89e323f88430e16f8ea38528f7054bcd869d31164ce');
    expect(spec.source).toEqual(TEST_SOURCE);
    expect(spec.image).toEqual({
      ref: 'local/busybox:1', id: 'sha256:b6e6fae39b21b0152e5ee5fac500f2671bf14d834b7fc163d375b0f2c3cc704d',
      repository: 'local/busybox', tag: '1', digest: null,
    });
    expect(spec.state).toEqual({ status: 'exited', running: false, exitCode: 0, startedAt: '2026-11-28T04:00:04.664372583Z' });
    expect(spec.restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
    expect(spec.healthcheck).toEqual({ configured: false, disabled: false, test: [], status: null });
    expect(spec.resources.pidsLimit).toBeNull();
    expect(spec.resources.memory).toBeNull();
    expect(spec.cgroupParent).toBeNull();
    expect(spec.labels).toEqual({});
    expect(spec.sysctls).toEqual({});
    expect(spec.devices).toEqual([]);
    expect(spec.ulimits).toEqual([]);
    expect(spec.ports).toEqual([]);
    expect(spec.user).toEqual({ raw: '', user: '', group: null, isRoot: true });
    expect(spec.namespaces.network).toEqual({ mode: 'none', target: null, raw: 'none' });
    // dockerd 20.10 on cgroup v1 records CgroupnsMode "host".
    expect(spec.namespaces.cgroupns).toEqual({ mode: 'host', target: null, raw: 'host' });
    expect(spec.namespaces.ipc).toEqual({ mode: 'private', target: null, raw: 'private' });
  });

  it('reads all.docker-inspect.json (docker inspect array output) into the same specs as the single files', () => {
    const file = 'all.docker-inspect.json';
    const documents = parseInspectDocument(readFileSync(new URL(file, FIXTURE_DIR), 'utf8'), file);
    expect(documents).toHaveLength(15);
    const specs = documents.map((raw, index) => fromInspect(raw, { source: TEST_SOURCE, engineSocket: FIXTURE_ENGINE_SOCKET, index }));
    expect(specs.map((spec) => spec.name).sort()).toEqual(CASES.map(([name]) => name).sort());
    for (const spec of specs) expect(spec).toEqual(fixtureSpec(spec.name));
  });

  it('produces plain JSON: a JSON round trip changes nothing and no value is undefined', () => {
    for (const [name] of CASES) {
      const spec = fixtureSpec(name);
      const text = JSON.stringify(spec);
      expect(text).not.toContain('undefined');
      expect(JSON.parse(text)).toStrictEqual(spec);
    }
  });

  it('without the audited engine socket, the socket-dir bind of /tmp/hd-t2 is not an exposure', () => {
    const spec = fromInspect(readFixture('h-engine-socket-dir'), { source: TEST_SOURCE });
    expect(spec.engineSockets).toEqual([]);
  });
});
