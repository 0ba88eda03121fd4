import { describe, expect, it } from 'vitest';
import { engineOfSocket, findEngineSocketExposures } from '../../src/spec/engine-sockets.js';
import { hostPathCovers, isSameOrBelow, normalizeHostPath } from '../../src/spec/host-paths.js';
import { makeMount } from '../../src/spec/mounts.js';
import type { EngineSocketExposure } from '../../src/spec/types.js';
import { specOf } from './support.js';

const AUDITED = '/tmp/hd-t2/docker.sock';

type Short = [EngineSocketExposure['engine'], EngineSocketExposure['via'], string];

/** Exposures of one read-write bind of `hostPath`, as [engine, via, socketPath]. */
function exposuresOfBind(hostPath: string, engineSocket: string | null = AUDITED): Short[] {
  const found = findEngineSocketExposures([makeMount('bind', hostPath, '/mnt', false, null)], engineSocket);
  for (const exposure of found) {
    expect(exposure.destination).toBe('/mnt');
    expect(exposure.hostPath).toBe(normalizeHostPath(hostPath));
  }
  return found.map((exposure) => [exposure.engine, exposure.via, exposure.socketPath]);
}

describe('host path helpers', () => {
  it.each([
    ['/a//b/../c/', '/a/c'],
    ['/run/', '/run'],
    ['/', '/'],
    ['/./etc/.', '/etc'],
    ['/etc', '/etc'],
    ['/.hidden', '/.hidden'],
    ['volume-name', 'volume-name'],
  ])('normalizeHostPath(%j) = %j', (raw, normalized) => {
    expect(normalizeHostPath(raw)).toBe(normalized);
  });

  it.each([
    ['/run', '/run/docker.sock', true],
    ['/runner', '/run/docker.sock', false],
    ['/run', '/runner/x', false],
    ['/', '/anything', true],
    ['/var/run', '/run/docker.sock', true],
    ['/run', '/var/run/docker.sock', true],
    ['/var', '/run/docker.sock', true],
    ['/var/lib', '/run/docker.sock', false],
    ['/run/docker.sock', '/run/docker.sock', true],
    ['/run/docker.sock', '/run', false],
  ] as [string, string, boolean][])('hostPathCovers(%j, %j) = %s', (dir, path, covered) => {
    expect(hostPathCovers(dir, path)).toBe(covered);
  });

  it('isSameOrBelow compares by segment', () => {
    expect(isSameOrBelow('/run/x', '/run')).toBe(true);
    expect(isSameOrBelow('/runner', '/run')).toBe(false);
    expect(isSameOrBelow('/run', '/run')).toBe(true);
  });
});

describe('findEngineSocketExposures: one bind', () => {
  const cases: [string, string | null, Short[]][] = [
    ['/var/run/docker.sock', AUDITED, [['docker', 'socket', '/var/run/docker.sock']]],
    ['/run/docker.sock', AUDITED, [['docker', 'socket', '/run/docker.sock']]],
    ['/var/run', AUDITED, [['docker', 'directory', '/var/run/docker.sock'], ['containerd', 'directory', '/var/run/containerd/containerd.sock'], ['podman', 'directory', '/var/run/podman/podman.sock'], ['cri-o', 'directory', '/var/run/crio/crio.sock']]],
    ['/var/run/', AUDITED, [['docker', 'directory', '/var/run/docker.sock'], ['containerd', 'directory', '/var/run/containerd/containerd.sock'], ['podman', 'directory', '/var/run/podman/podman.sock'], ['cri-o', 'directory', '/var/run/crio/crio.sock']]],
    ['/run', AUDITED, [['docker', 'directory', '/run/docker.sock'], ['containerd', 'directory', '/run/containerd/containerd.sock'], ['podman', 'directory', '/run/podman/podman.sock'], ['cri-o', 'directory', '/run/crio/crio.sock']]],
    ['/var', AUDITED, [['docker', 'directory', '/var/run/docker.sock'], ['containerd', 'directory', '/var/run/containerd/containerd.sock'], ['podman', 'directory', '/var/run/podman/podman.sock'], ['cri-o', 'directory', '/var/run/crio/crio.sock']]],
    // The audited engine's socket is the one a bind of / surely reaches.
    ['/', AUDITED, [['docker', 'directory', AUDITED], ['containerd', 'directory', '/run/containerd/containerd.sock'], ['podman', 'directory', '/run/podman/podman.sock'], ['cri-o', 'directory', '/var/run/crio/crio.sock']]],
    ['/', null, [['docker', 'directory', '/var/run/docker.sock'], ['containerd', 'directory', '/run/containerd/containerd.sock'], ['podman', 'directory', '/run/podman/podman.sock'], ['cri-o', 'directory', '/var/run/crio/crio.sock']]],
    [AUDITED, AUDITED, [['docker', 'socket', AUDITED]]],
    ['/tmp/hd-t2', AUDITED, [['docker', 'directory', AUDITED]]],
    ['/tmp/hd-t2/', AUDITED, [['docker', 'directory', AUDITED]]],
    ['/tmp', AUDITED, [['docker', 'directory', AUDITED]]],
    ['/tmp/hd-t2/../hd-t2', AUDITED, [['docker', 'directory', AUDITED]]],
    ['/tmp/hd-t2', null, []],
    ['/tmp/hd-t22', AUDITED, []],
    ['/tmp/hd-t2/root', AUDITED, []],
    ['/runner', AUDITED, []],
    ['/run/lock', AUDITED, []],
    ['/etc', AUDITED, []],
    ['/var/lib/docker', AUDITED, []],
    ['/run/containerd', AUDITED, [['containerd', 'directory', '/run/containerd/containerd.sock']]],
    ['/var/run/containerd/containerd.sock', AUDITED, [['containerd', 'socket', '/var/run/containerd/containerd.sock']]],
    ['/run/podman/podman.sock', AUDITED, [['podman', 'socket', '/run/podman/podman.sock']]],
    ['/var/run/crio', AUDITED, [['cri-o', 'directory', '/var/run/crio/crio.sock']]],
    ['/run/crio/crio.sock', AUDITED, [['cri-o', 'socket', '/run/crio/crio.sock']]],
    ['/run/user/1000/docker.sock', AUDITED, [['docker', 'socket', '/run/user/1000/docker.sock']]],
    ['/run/user/1000', AUDITED, [['docker', 'directory', '/run/user/1000/docker.sock'], ['podman', 'directory', '/run/user/1000/podman/podman.sock']]],
    ['/run/user/1000/podman', AUDITED, [['podman', 'directory', '/run/user/1000/podman/podman.sock']]],
    ['/run/user', AUDITED, [['docker', 'directory', '/run/user/*/docker.sock'], ['podman', 'directory', '/run/user/*/podman/podman.sock']]],
    ['/run/user/alice', AUDITED, []],
    ['/run/user/1000/gnupg', AUDITED, []],
  ];
  it.each(cases)('bind of %j (engine socket %j)', (hostPath, engineSocket, expected) => {
    expect(exposuresOfBind(hostPath, engineSocket)).toEqual(expected);
  });
});

describe('findEngineSocketExposures: mounts', () => {
  it('ignores tmpfs and volumes even at socket destinations, and keeps the mount facts', () => {
    const mounts = [
      makeMount('tmpfs', null, '/var/run', false, null),
      makeMount('volume', 'run', '/run', false, null),
      makeMount('bind', '/var/run/docker.sock', '/sock', true, 'rprivate'),
      makeMount('bind', '/', '/host', true, null),
    ];
    const found = findEngineSocketExposures(mounts, null);
    expect(found[0]).toEqual({ engine: 'docker', hostPath: '/var/run/docker.sock', destination: '/sock', readOnly: true, via: 'socket', socketPath: '/var/run/docker.sock' });
    expect(found.slice(1).map((exposure) => [exposure.engine, exposure.destination, exposure.readOnly])).toEqual([
      ['docker', '/host', true], ['containerd', '/host', true], ['podman', '/host', true], ['cri-o', '/host', true],
    ]);
  });

  it('accepts the engine socket as a unix:// URL', () => {
    expect(exposuresOfBind('/tmp/hd-t2', 'unix:///tmp/hd-t2/docker.sock')).toEqual([['docker', 'directory', AUDITED]]);
  });

  it('names the engine of an audited socket at a well-known path', () => {
    expect(engineOfSocket('/var/run/podman/podman.sock')).toBe('podman');
    expect(engineOfSocket('/run/user/1000/podman/podman.sock')).toBe('podman');
    expect(engineOfSocket('/tmp/x/docker.sock')).toBe('docker');
    expect(exposuresOfBind('/srv', '/srv/podman.sock')).toEqual([['docker', 'directory', '/srv/podman.sock']]);
    expect(exposuresOfBind('/run/podman', '/run/podman/podman.sock')).toEqual([['podman', 'directory', '/run/podman/podman.sock']]);
  });

  it('fills spec.engineSockets from inspect JSON, one per engine per mount', () => {
    const spec = specOf({
      Mounts: [
        { Type: 'bind', Source: '/run', Destination: '/r', Mode: 'ro', RW: false, Propagation: 'rprivate' },
        { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', Mode: '', RW: true, Propagation: 'rprivate' },
      ],
    }, '/var/run/docker.sock');
    expect(spec.engineSockets.map((exposure) => [exposure.engine, exposure.via, exposure.destination, exposure.readOnly])).toEqual([
      ['docker', 'directory', '/r', true], ['containerd', 'directory', '/r', true], ['podman', 'directory', '/r', true], ['cri-o', 'directory', '/r', true],
      ['docker', 'socket', '/var/run/docker.sock', false],
    ]);
  });
});

describe('engine sockets recognised by file name', () => {
  it.each([
    ['/home/dev/.docker/run/docker.sock', 'docker'],
    ['/srv/podman/podman.sock', 'podman'],
    ['/opt/k8s/containerd.sock', 'containerd'],
    ['/opt/crio.sock', 'cri-o'],
  ])('a bind of %s exposes %s even when no engine socket is known', (hostPath, engine) => {
    const mount = makeMount('bind', hostPath, '/s', false, null);
    expect(findEngineSocketExposures([mount], null)).toEqual([
      { engine, hostPath, destination: '/s', readOnly: false, via: 'socket', socketPath: hostPath },
    ]);
  });

  it('a file merely containing the word is not a socket', () => {
    const mount = makeMount('bind', '/srv/docker.sock.bak', '/s', false, null);
    expect(findEngineSocketExposures([mount], null)).toEqual([]);
  });
});
