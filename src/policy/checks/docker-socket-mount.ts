import type { EngineSocketExposure } from '../../spec/types.js';
import { defineCheck, type CheckResult } from '../types.js';
import { accessWord } from './support/evidence.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'docker-socket-mount',
  title: 'No container engine socket is mounted into a container',
  description:
    'Whoever can reach the Docker, containerd, Podman or CRI-O API socket can start a privileged container and own the host. Mounting the socket read-only does not help: read-only only stops replacing the socket file, the API behind it still accepts every request. Mounting a directory that holds the socket (/run, /var/run, the engine\'s own socket directory) exposes it just the same.',
  severity: 'critical',
  refs: { cis: '5.32' },
  fix: {
    run: 'remove the -v/--mount that puts the engine socket (or a directory above it) into the container; if it must manage containers, give it a narrowly scoped API proxy instead',
    compose: 'remove the volumes: entry for the engine socket (e.g. /var/run/docker.sock) or its directory',
  },
  params: NO_PARAMS,
  defaults: {},
  // The spec already resolved which mounts reach a socket, including the audited
  // engine's own socket wherever it lives.
  evaluate(spec) {
    return spec.engineSockets.length === 0 ? [] : spec.engineSockets.map(exposureResult);
  },
});

function exposureResult(exposure: EngineSocketExposure): CheckResult {
  const access = accessWord(exposure.readOnly);
  const what =
    exposure.via === 'socket'
      ? `mounts the ${exposure.engine} socket ${exposure.hostPath} ${access} at ${exposure.destination}`
      : `mounts host directory ${exposure.hostPath} ${access} at ${exposure.destination}, which exposes the ${exposure.engine} socket ${exposure.socketPath}`;
  // Read-only is the usual misunderstanding: say why it does not help.
  const message = exposure.readOnly ? `${what} (read-only still lets it call the API)` : what;
  return {
    message,
    evidence: {
      engine: exposure.engine,
      hostPath: exposure.hostPath,
      destination: exposure.destination,
      readOnly: exposure.readOnly,
      via: exposure.via,
      socketPath: exposure.socketPath,
    },
  };
}
