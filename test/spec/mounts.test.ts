import { describe, expect, it } from 'vitest';
import { parseBindSpec, tmpfsMount } from '../../src/spec/mounts.js';
import type { MountSpec } from '../../src/spec/types.js';
import { specOf } from './support.js';

const bind = (source: string, destination: string, readOnly = false, propagation: string | null = null): MountSpec => ({
  type: 'bind', source, hostPath: source, destination, readOnly, propagation,
});

describe('parseBindSpec (HostConfig.Binds / -v)', () => {
  it.each([
    ['/etc:/host/etc', bind('/etc', '/host/etc')],
    ['/etc:/host/etc:ro', bind('/etc', '/host/etc', true)],
    ['/etc:/host/etc:rw', bind('/etc', '/host/etc')],
    ['/etc:/host/etc:ro,rshared', bind('/etc', '/host/etc', true, 'rshared')],
    ['/srv:/srv:Z,slave', bind('/srv', '/srv', false, 'slave')],
    ['/var/run/:/r', { ...bind('/var/run/', '/r'), hostPath: '/var/run' }],
    ['/a/../etc:/x', { ...bind('/a/../etc', '/x'), hostPath: '/etc' }],
    ['data:/var/lib/data', { type: 'volume', source: 'data', hostPath: null, destination: '/var/lib/data', readOnly: false, propagation: null }],
    ['data:/d:ro,nocopy', { type: 'volume', source: 'data', hostPath: null, destination: '/d', readOnly: true, propagation: null }],
    ['/cache', { type: 'volume', source: null, hostPath: null, destination: '/cache', readOnly: false, propagation: null }],
  ] as [string, MountSpec][])('%s', (raw, expected) => {
    expect(parseBindSpec(raw)).toEqual(expected);
  });
});

describe('tmpfsMount', () => {
  it.each([
    ['', false],
    ['rw,noexec,nosuid,size=65536k', false],
    ['ro', true],
    ['size=64m,ro', true],
    ['rootcontext=x', false],
  ])('options %j -> readOnly %s', (options, readOnly) => {
    expect(tmpfsMount('/run', options)).toEqual({ type: 'tmpfs', source: null, hostPath: null, destination: '/run', readOnly, propagation: null });
  });
});

describe('mounts from inspect JSON', () => {
  const cases: [string, Parameters<typeof specOf>[0], MountSpec[]][] = [
    ['bind in Mounts[], RW false is read-only', {
      Mounts: [{ Type: 'bind', Source: '/etc', Destination: '/host/etc', Mode: 'ro', RW: false, Propagation: 'rprivate' }],
    }, [bind('/etc', '/host/etc', true, 'rprivate')]],
    ['empty propagation is null', {
      Mounts: [{ Type: 'bind', Source: '/srv', Destination: '/srv', Mode: '', RW: true, Propagation: '' }],
    }, [bind('/srv', '/srv')]],
    ['volume: source is the name, never the _data dir; no host path', {
      Mounts: [{ Type: 'volume', Name: 'pgdata', Source: '/var/lib/docker/volumes/pgdata/_data', Destination: '/var/lib/postgresql', Driver: 'local', Mode: 'z', RW: true, Propagation: '' }],
    }, [{ type: 'volume', source: 'pgdata', hostPath: null, destination: '/var/lib/postgresql', readOnly: false, propagation: null }]],
    ['tmpfs in Mounts[] (from --mount type=tmpfs) has no host path', {
      Mounts: [{ Type: 'tmpfs', Source: '', Destination: '/usr', Mode: '', RW: true, Propagation: '' }],
    }, [{ type: 'tmpfs', source: null, hostPath: null, destination: '/usr', readOnly: false, propagation: null }]],
    ['API 1.24 entry without Type: Name means volume', {
      Mounts: [{ Name: 'v1', Source: '/var/lib/docker/volumes/v1/_data', Destination: '/v', Driver: 'local', Mode: '', RW: true, Propagation: '' }],
    }, [{ type: 'volume', source: 'v1', hostPath: null, destination: '/v', readOnly: false, propagation: null }]],
    ['API 1.24 entry without Type or Name: a bind', {
      Mounts: [{ Source: '/etc', Destination: '/e', Mode: 'ro', RW: false, Propagation: 'rprivate' }],
    }, [bind('/etc', '/e', true, 'rprivate')]],
    ['hand-written entry without RW: mode ro decides', {
      Mounts: [{ Type: 'bind', Source: '/etc', Destination: '/e', Mode: 'ro,Z' }],
    }, [bind('/etc', '/e', true)]],
    ['unknown type', {
      Mounts: [{ Type: 'weird', Source: '/x', Destination: '/x', RW: true }],
    }, [{ type: 'unknown', source: '/x', hostPath: null, destination: '/x', readOnly: false, propagation: null }]],
    ['--tmpfs only in HostConfig.Tmpfs', {
      HostConfig: { Tmpfs: { '/usr': '', '/run': 'ro,size=1m' } },
    }, [
      { type: 'tmpfs', source: null, hostPath: null, destination: '/usr', readOnly: false, propagation: null },
      { type: 'tmpfs', source: null, hostPath: null, destination: '/run', readOnly: true, propagation: null },
    ]],
    ['HostConfig.Binds fill in what Mounts[] lacks, without duplicating', {
      Mounts: [{ Type: 'bind', Source: '/etc', Destination: '/host/etc', Mode: '', RW: true, Propagation: 'rprivate' }],
      HostConfig: { Binds: ['/etc:/host/etc/', '/var/run:/vr:ro'] },
    }, [bind('/etc', '/host/etc', false, 'rprivate'), bind('/var/run', '/vr', true)]],
    ['HostConfig.Mounts (--mount) when Mounts[] lacks them', {
      HostConfig: {
        Mounts: [
          { Type: 'bind', Source: '/proc', Target: '/host/proc', ReadOnly: true, BindOptions: { Propagation: 'rslave' } },
          { Type: 'volume', Source: 'cache', Target: '/cache' },
          { Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1024 } },
        ],
      },
    }, [
      bind('/proc', '/host/proc', true, 'rslave'),
      { type: 'volume', source: 'cache', hostPath: null, destination: '/cache', readOnly: false, propagation: null },
      { type: 'tmpfs', source: null, hostPath: null, destination: '/scratch', readOnly: false, propagation: null },
    ]],
    ['all sources absent or null', { HostConfig: { Binds: null, Mounts: null, Tmpfs: null }, Mounts: null }, []],
  ];
  it.each(cases)('%s', (_label, parts, expected) => {
    expect(specOf(parts).mounts).toEqual(expected);
  });
});
