import { describe, expect, it } from 'vitest';
import type { ContainerSpec } from '../../src/spec/types.js';
import { specOf } from './support.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

describe('resources', () => {
  it.each([
    ['all unset (0)', { Memory: 0, MemorySwap: 0, MemoryReservation: 0, CpuShares: 0, NanoCpus: 0, CpuQuota: 0, CpuPeriod: 0, CpusetCpus: '', PidsLimit: 0 },
      { memory: null, memorySwap: null, memoryReservation: null, cpuShares: null, nanoCpus: null, cpuQuota: null, cpuPeriod: null, cpusetCpus: null, pidsLimit: null }],
    ['all absent', {},
      { memory: null, memorySwap: null, memoryReservation: null, cpuShares: null, nanoCpus: null, cpuQuota: null, cpuPeriod: null, cpusetCpus: null, pidsLimit: null }],
    ['all set', { Memory: 67108864, MemorySwap: -1, MemoryReservation: 33554432, CpuShares: 512, NanoCpus: 1500000000, CpuQuota: 50000, CpuPeriod: 100000, CpusetCpus: '0-1', PidsLimit: 128 },
      { memory: 67108864, memorySwap: -1, memoryReservation: 33554432, cpuShares: 512, nanoCpus: 1500000000, cpuQuota: 50000, cpuPeriod: 100000, cpusetCpus: '0-1', pidsLimit: 128 }],
    ['unlimited markers', { PidsLimit: -1, CpuQuota: -1, Memory: null },
      { memory: null, memorySwap: null, memoryReservation: null, cpuShares: null, nanoCpus: null, cpuQuota: null, cpuPeriod: null, cpusetCpus: null, pidsLimit: null }],
  ] as [string, Record<string, unknown>, ContainerSpec['resources']][])('%s', (_label, hostConfig, expected) => {
    expect(specOf({ HostConfig: hostConfig }).resources).toEqual(expected);
  });

  it('pidsLimit null means unlimited', () => {
    expect(specOf({ HostConfig: { PidsLimit: null } }).resources.pidsLimit).toBeNull();
  });
});

describe('restart policy', () => {
  it.each([
    [undefined, { name: 'no', maximumRetryCount: 0 }],
    [{ Name: '', MaximumRetryCount: 0 }, { name: 'no', maximumRetryCount: 0 }],
    [{ Name: 'always', MaximumRetryCount: 0 }, { name: 'always', maximumRetryCount: 0 }],
    [{ Name: 'on-failure', MaximumRetryCount: 5 }, { name: 'on-failure', maximumRetryCount: 5 }],
    [{ Name: 'unless-stopped' }, { name: 'unless-stopped', maximumRetryCount: 0 }],
  ])('%j', (policy, expected) => {
    expect(specOf({ HostConfig: { RestartPolicy: policy } }).restartPolicy).toEqual(expected);
  });
});

describe('healthcheck', () => {
  it.each([
    ['none configured', null, null, { configured: false, disabled: false, test: [], status: null }],
    ['empty test (inherits nothing)', { Test: [] }, null, { configured: false, disabled: false, test: [], status: null }],
    ['disabled with NONE', { Test: ['NONE'] }, null, { configured: false, disabled: true, test: ['NONE'], status: null }],
    ['CMD-SHELL, healthy', { Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 30e9 }, { Status: 'healthy', FailingStreak: 0 },
      { configured: true, disabled: false, test: ['CMD-SHELL', 'curl -f localhost'], status: 'healthy' }],
    ['CMD, unhealthy', { Test: ['CMD', '/bin/check'] }, { Status: 'unhealthy' }, { configured: true, disabled: false, test: ['CMD', '/bin/check'], status: 'unhealthy' }],
    ['configured, container not started', { Test: ['CMD', 'true'] }, null, { configured: true, disabled: false, test: ['CMD', 'true'], status: null }],
  ] as [string, unknown, unknown, ContainerSpec['healthcheck']][])('%s', (_label, healthcheck, health, expected) => {
    expect(specOf({ Config: { Healthcheck: healthcheck }, State: { Health: health } }).healthcheck).toEqual(expected);
  });
});

describe('state', () => {
  it.each([
    ['running', { Status: 'running', Running: true, ExitCode: 0, StartedAt: '2026-11-28T04:00:00Z' }, { status: 'running', running: true, exitCode: 0, startedAt: '2026-11-28T04:00:00Z' }],
    ['created: zero StartedAt is null', { Status: 'created', Running: false, ExitCode: 0, StartedAt: ZERO_TIME }, { status: 'created', running: false, exitCode: 0, startedAt: null }],
    ['exited 137', { Status: 'exited', Running: false, ExitCode: 137, StartedAt: '2026-11-28T04:00:00Z' }, { status: 'exited', running: false, exitCode: 137, startedAt: '2026-11-28T04:00:00Z' }],
    ['paused', { Status: 'paused', Running: true, Paused: true, ExitCode: 0, StartedAt: '2026-11-28T04:00:00Z' }, { status: 'paused', running: true, exitCode: 0, startedAt: '2026-11-28T04:00:00Z' }],
    ['unknown status string', { Status: 'hibernating', Running: false }, { status: 'unknown', running: false, exitCode: null, startedAt: null }],
    ['no Status (old API), never started', { Running: false, StartedAt: ZERO_TIME, ExitCode: 0 }, { status: 'created', running: false, exitCode: 0, startedAt: null }],
    ['no Status (old API), stopped', { Running: false, StartedAt: '2026-11-28T04:00:00Z', ExitCode: 1 }, { status: 'exited', running: false, exitCode: 1, startedAt: '2026-11-28T04:00:00Z' }],
    ['no Status (old API), restarting', { Running: true, Restarting: true, StartedAt: '2026-11-28T04:00:00Z' }, { status: 'restarting', running: true, exitCode: null, startedAt: '2026-11-28T04:00:00Z' }],
  ] as [string, Record<string, unknown>, ContainerSpec['state']][])('%s', (_label, state, expected) => {
    expect(specOf({ top: { State: state } }).state).toEqual(expected);
  });
});

describe('other settings', () => {
  it('reads devices, ulimits, sysctls, labels, cgroup parent, read-only rootfs and the name', () => {
    const spec = specOf({
      top: { Name: '/api-1' },
      Config: { Labels: { 'com.example.team': 'payments', 'com.docker.compose.service': 'api' } },
      HostConfig: {
        Devices: [
          { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
          { PathOnHost: '/dev/sda', PathInContainer: '', CgroupPermissions: 'r' },
        ],
        Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
        Sysctls: { 'net.ipv4.ip_forward': '1' },
        CgroupParent: '/custom',
        ReadonlyRootfs: true,
      },
    });
    expect(spec.name).toBe('api-1');
    expect(spec.labels).toEqual({ 'com.example.team': 'payments', 'com.docker.compose.service': 'api' });
    expect(spec.devices).toEqual([
      { hostPath: '/dev/fuse', containerPath: '/dev/fuse', permissions: 'rwm' },
      { hostPath: '/dev/sda', containerPath: '/dev/sda', permissions: 'r' },
    ]);
    expect(spec.ulimits).toEqual([{ name: 'nofile', soft: 1024, hard: 2048 }]);
    expect(spec.sysctls).toEqual({ 'net.ipv4.ip_forward': '1' });
    expect(spec.cgroupParent).toBe('/custom');
    expect(spec.readOnlyRootfs).toBe(true);
    expect(spec.allDevices).toBe(false);
  });

  it('turns empty or missing values into their documented defaults', () => {
    const spec = specOf({ Config: { Labels: null }, HostConfig: { Devices: null, Ulimits: null, Sysctls: null, CgroupParent: '' } });
    expect([spec.labels, spec.devices, spec.ulimits, spec.sysctls, spec.cgroupParent]).toEqual([{}, [], [], {}, null]);
  });
});
