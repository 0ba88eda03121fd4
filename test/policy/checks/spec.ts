// Test specs for check tables: a complete ContainerSpec for a plain
// `docker run -d local/busybox:1 sleep 3600` as Docker 20.10 creates it by default
// (root user, default capabilities, default seccomp, bridge network, private
// namespaces, no mounts, no limits, on a host without AppArmor), deep-merged with
// the overrides a test row cares about.
import { DOCKER_DEFAULT_CAPABILITIES } from '../../../src/spec/capabilities.js';
import type { ContainerSpec } from '../../../src/spec/types.js';

/** Objects merge key by key; arrays and scalars replace. */
export type SpecOverrides = DeepPartial<ContainerSpec>;

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function defaultSpec(): ContainerSpec {
  const privateNamespace = (raw: string) => ({ mode: 'private' as const, target: null, raw });
  return {
    id: '5f1c0a3c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a',
    name: 'web',
    source: { kind: 'engine', location: 'unix:///var/run/docker.sock' },
    image: {
      ref: 'local/busybox:1',
      id: 'sha256:b6e6fae39b21b4f0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4',
      repository: 'local/busybox',
      tag: '1',
      digest: null,
    },
    labels: {},
    state: { status: 'running', running: true, exitCode: 0, startedAt: '2026-11-28T04:00:04.461876680Z' },
    privileged: false,
    capabilities: { effective: [...DOCKER_DEFAULT_CAPABILITIES], added: [], dropped: [], beyondDefault: [] },
    mounts: [],
    engineSockets: [],
    namespaces: {
      network: privateNamespace('bridge'),
      pid: privateNamespace(''),
      ipc: privateNamespace('private'),
      uts: privateNamespace(''),
      userns: privateNamespace(''),
      cgroupns: { mode: 'host', target: null, raw: 'host' },
    },
    security: {
      seccomp: { mode: 'default', profile: null },
      apparmor: { mode: 'unavailable', profile: null },
      selinux: { disabled: false, user: null, role: null, type: null, level: null },
      noNewPrivileges: false,
      raw: [],
    },
    user: { raw: '', user: '', group: null, isRoot: true },
    readOnlyRootfs: false,
    devices: [],
    allDevices: false,
    ports: [],
    resources: {
      memory: null,
      memorySwap: null,
      memoryReservation: null,
      cpuShares: null,
      nanoCpus: null,
      cpuQuota: null,
      cpuPeriod: null,
      cpusetCpus: null,
      pidsLimit: null,
    },
    restartPolicy: { name: 'no', maximumRetryCount: 0 },
    healthcheck: { configured: false, disabled: false, test: [], status: null },
    ulimits: [],
    sysctls: {},
    cgroupParent: null,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/** A complete default ContainerSpec with `overrides` deep-merged in. */
export function spec(overrides: SpecOverrides = {}): ContainerSpec {
  return deepMerge(defaultSpec() as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as ContainerSpec;
}

/** The hardened test container (`h-hardened`): cap-drop ALL, read-only, no-new-privileges, non-root, limits, healthcheck, no network. */
export function hardenedSpec(): ContainerSpec {
  return spec({
    name: 'h-hardened',
    capabilities: { effective: [], added: [], dropped: ['ALL'], beyondDefault: [] },
    namespaces: { network: { mode: 'none', target: null, raw: 'none' } },
    security: { noNewPrivileges: true, raw: ['no-new-privileges'] },
    user: { raw: '65534:65534', user: '65534', group: '65534', isRoot: false },
    readOnlyRootfs: true,
    resources: { memory: 67108864, memorySwap: 134217728, nanoCpus: 500000000, pidsLimit: 64 },
    restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    healthcheck: { configured: true, disabled: false, test: ['CMD-SHELL', 'true'], status: 'starting' },
  });
}
