// Against a real dockerd: containers made with the docker CLI, read back with
// `docker inspect`, normalized. Catches drift between our reading of the API and the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { fromInspect, parseInspectDocument } from '../../src/spec/from-inspect.js';
import type { ContainerSpec } from '../../src/spec/types.js';

const IMAGE = 'local/busybox:1';

let engine: TestEngine;
const specs = new Map<string, ContainerSpec>();

function spec(name: string): ContainerSpec {
  const found = specs.get(name);
  if (!found) throw new Error(`no spec for ${name}`);
  return found;
}

beforeAll(async () => {
  engine = await startEngine('spec');
  const run = (...args: string[]) => engine.docker('run', '-d', '--network', 'none', ...args, IMAGE, 'sleep', '600');
  const create = (...args: string[]) => engine.docker('create', '--network', 'none', ...args, IMAGE, 'sleep', '600');
  await Promise.all([
    run('--name', 's-nbs', '--cap-drop', 'ALL', '--cap-add', 'cap_net_bind_service', '--user', '1000:1000'),
    run('--name', 's-run-ro', '-v', '/run:/r:ro'),
    run('--name', 's-sockdir', '-v', `${engine.dir}:/engine`),
    run('--name', 's-nnp', '--security-opt', 'no-new-privileges:true', '--security-opt', 'seccomp=unconfined'),
    run('--name', 's-tmpfs', '--tmpfs', '/usr', '--mount', 'type=tmpfs,dst=/scratch', '--read-only'),
    create('--name', 's-priv', '--privileged', '--pid', 'host'),
  ]);
  const names = ['s-nbs', 's-run-ro', 's-sockdir', 's-nnp', 's-tmpfs', 's-priv'];
  const documents = parseInspectDocument(await engine.docker('inspect', ...names), '<docker inspect>');
  documents.forEach((raw, index) => {
    const normalized = fromInspect(raw, { source: { kind: 'engine', location: engine.host }, engineSocket: engine.socket, index });
    specs.set(normalized.name, normalized);
  });
});

afterAll(async () => {
  await engine?.stop();
});

describe('fromInspect on a live dockerd', () => {
  it('drop ALL + add cap_net_bind_service leaves exactly NET_BIND_SERVICE; uid 1000 is not root', () => {
    const nbs = spec('s-nbs');
    expect(nbs.capabilities).toEqual({ effective: ['NET_BIND_SERVICE'], added: ['NET_BIND_SERVICE'], dropped: ['ALL'], beyondDefault: [] });
    expect(nbs.user).toEqual({ raw: '1000:1000', user: '1000', group: '1000', isRoot: false });
    expect(nbs.state.status).toBe('running');
    expect(nbs.state.startedAt).not.toBeNull();
  });

  it('a read-only bind of /run exposes every engine socket through the directory', () => {
    const runRo = spec('s-run-ro');
    expect(runRo.mounts).toEqual([{ type: 'bind', source: '/run', hostPath: '/run', destination: '/r', readOnly: true, propagation: 'rprivate' }]);
    expect(runRo.engineSockets.map((exposure) => [exposure.engine, exposure.via, exposure.socketPath, exposure.readOnly])).toEqual([
      ['docker', 'directory', '/run/docker.sock', true],
      ['containerd', 'directory', '/run/containerd/containerd.sock', true],
      ['podman', 'directory', '/run/podman/podman.sock', true],
      ['cri-o', 'directory', '/run/crio/crio.sock', true],
    ]);
  });

  it("a bind of the engine's own socket directory exposes that engine", () => {
    expect(spec('s-sockdir').engineSockets).toEqual([
      { engine: 'docker', hostPath: engine.dir, destination: '/engine', readOnly: false, via: 'directory', socketPath: engine.socket },
    ]);
  });

  it('no-new-privileges:true (old colon form) and seccomp=unconfined are parsed', () => {
    const nnp = spec('s-nnp');
    expect(nnp.security.noNewPrivileges).toBe(true);
    expect(nnp.security.seccomp).toEqual({ mode: 'unconfined', profile: null });
    expect(nnp.security.raw).toEqual(['no-new-privileges:true', 'seccomp=unconfined']);
  });

  it('--tmpfs (only in HostConfig.Tmpfs) and --mount type=tmpfs are tmpfs mounts without a host path', () => {
    const tmpfs = spec('s-tmpfs');
    expect(tmpfs.readOnlyRootfs).toBe(true);
    expect([...tmpfs.mounts].sort((a, b) => a.destination.localeCompare(b.destination))).toEqual([
      { type: 'tmpfs', source: null, hostPath: null, destination: '/scratch', readOnly: false, propagation: null },
      { type: 'tmpfs', source: null, hostPath: null, destination: '/usr', readOnly: false, propagation: null },
    ]);
    expect(tmpfs.engineSockets).toEqual([]);
  });

  it('a privileged container that could not start is still fully described', () => {
    const priv = spec('s-priv');
    expect(priv.state).toEqual({ status: 'created', running: false, exitCode: 0, startedAt: null });
    expect(priv.privileged).toBe(true);
    expect(priv.capabilities.effective).toHaveLength(41);
    expect(priv.allDevices).toBe(true);
    expect(priv.security.seccomp.mode).toBe('unconfined');
    expect(priv.security.apparmor.mode).toBe('unconfined');
    expect(priv.security.selinux.disabled).toBe(true);
    expect(priv.namespaces.pid).toEqual({ mode: 'host', target: null, raw: 'host' });
    expect(priv.source).toEqual({ kind: 'engine', location: engine.host });
  });
});
