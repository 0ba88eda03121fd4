import { check } from '../../../src/policy/checks/docker-socket-mount.js';
import type { EngineSocketExposure } from '../../../src/spec/types.js';
import { bind } from './mounts.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

function exposure(overrides: Partial<EngineSocketExposure> & Pick<EngineSocketExposure, 'hostPath' | 'destination'>): EngineSocketExposure {
  return { engine: 'docker', readOnly: false, via: 'socket', socketPath: overrides.hostPath, ...overrides };
}

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // A bind mount that reaches no engine socket is another check's business.
    spec({ mounts: [bind('/srv/data', '/data')] }),
  ],
  fail: [
    [
      spec({
        mounts: [bind('/var/run/docker.sock', '/var/run/docker.sock')],
        engineSockets: [exposure({ hostPath: '/var/run/docker.sock', destination: '/var/run/docker.sock' })],
      }),
      /^mounts the docker socket \/var\/run\/docker\.sock read-write at \/var\/run\/docker\.sock$/,
    ],
    // Read-only does not protect the API behind the socket.
    [
      spec({ engineSockets: [exposure({ hostPath: '/run/docker.sock', destination: '/docker.sock', readOnly: true })] }),
      /^mounts the docker socket \/run\/docker\.sock read-only at \/docker\.sock \(read-only still lets it call the API\)$/,
    ],
    // The directory above the socket: string matching on "docker.sock" misses it.
    [
      spec({
        engineSockets: [
          exposure({ hostPath: '/tmp/hd-t2', destination: '/engine', via: 'directory', socketPath: '/tmp/hd-t2/docker.sock' }),
        ],
      }),
      /^mounts host directory \/tmp\/hd-t2 read-write at \/engine, which exposes the docker socket \/tmp\/hd-t2\/docker\.sock$/,
    ],
    // Other engines, and one result per exposure.
    [
      spec({
        engineSockets: [
          exposure({ engine: 'containerd', hostPath: '/run', destination: '/host-run', via: 'directory', socketPath: '/run/containerd/containerd.sock' }),
          exposure({ engine: 'podman', hostPath: '/run/podman/podman.sock', destination: '/run/podman.sock' }),
          exposure({ engine: 'cri-o', hostPath: '/var/run/crio/crio.sock', destination: '/crio.sock', readOnly: true }),
        ],
      }),
      [/containerd socket \/run\/containerd\/containerd\.sock/, /^mounts the podman socket/, /^mounts the cri-o socket .* read-only/],
    ],
  ],
});
