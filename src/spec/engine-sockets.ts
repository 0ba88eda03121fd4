// Which container engine API sockets a container can reach through its bind mounts.
// A bind of the socket file is the obvious case; a bind of any directory above it
// (`/run`, `/var/run`, the audited engine's own socket directory, `/`) is the one
// string matching on "docker.sock" misses.
import type { EngineSocketExposure, MountSpec } from './types.js';
import { canonicalRunPath, hostPathCovers, isSameOrBelow, normalizeHostPath } from './host-paths.js';

type Engine = EngineSocketExposure['engine'];

interface FixedSocket {
  engine: Engine;
  /** Spelling used in reports when the mount does not say otherwise. */
  display: string;
  canonical: string;
}

/** A per-user socket: `<userDir>/<uid>/<suffix>` (rootless engines). */
interface UserSocket {
  engine: Engine;
  userDir: string;
  suffix: string;
}

type KnownSocket = FixedSocket | UserSocket;

function fixed(engine: Engine, display: string): FixedSocket {
  return { engine, display, canonical: canonicalRunPath(display) };
}

/** Well-known socket paths, in report order. `/var/run/x` and `/run/x` are one entry. */
const KNOWN_SOCKETS: readonly KnownSocket[] = [
  fixed('docker', '/var/run/docker.sock'),
  { engine: 'docker', userDir: '/run/user', suffix: 'docker.sock' },
  fixed('containerd', '/run/containerd/containerd.sock'),
  fixed('podman', '/run/podman/podman.sock'),
  { engine: 'podman', userDir: '/run/user', suffix: 'podman/podman.sock' },
  fixed('cri-o', '/var/run/crio/crio.sock'),
];

let cachedEngineSocket: string | null = null;
let cachedCandidates: readonly KnownSocket[] = KNOWN_SOCKETS;

/** The audited engine's own socket comes first, so a `/` bind reports the socket that is surely live. */
function candidatesFor(engineSocket: string | null): readonly KnownSocket[] {
  if (engineSocket === cachedEngineSocket) return cachedCandidates;
  const path = engineSocket === null ? '' : normalizeHostPath(engineSocket.replace(/^unix:\/\//, ''));
  cachedEngineSocket = engineSocket;
  cachedCandidates = path.startsWith('/') ? [fixed(engineOfSocket(path), path), ...KNOWN_SOCKETS] : KNOWN_SOCKETS;
  return cachedCandidates;
}

/** The engine a socket path belongs to; an unknown path is taken to be a Docker engine (that is what we audit). */
export function engineOfSocket(socketPath: string): Engine {
  const canonical = canonicalRunPath(normalizeHostPath(socketPath));
  for (const known of KNOWN_SOCKETS) {
    if ('canonical' in known ? known.canonical === canonical : userSocketOf(known, canonical) === canonical) {
      return known.engine;
    }
  }
  return 'docker';
}

/**
 * Engine sockets exposed by the given mounts: at most one exposure per engine per mount.
 * `engineSocket` is the path of the audited engine's socket, when it is a unix socket.
 */
export function findEngineSocketExposures(mounts: readonly MountSpec[], engineSocket: string | null): EngineSocketExposure[] {
  const exposures: EngineSocketExposure[] = [];
  let candidates: readonly KnownSocket[] | null = null;
  for (const mount of mounts) {
    if (mount.hostPath === null || !mount.hostPath.startsWith('/')) continue;
    candidates ??= candidatesFor(engineSocket);
    const hostPath = normalizeHostPath(mount.hostPath);
    let reported: Engine[] | null = null;
    for (const known of candidates) {
      if (reported?.includes(known.engine)) continue;
      const socketPath = 'canonical' in known ? fixedSocketReached(known, hostPath) : userSocketReached(known, hostPath);
      if (socketPath === null) continue;
      (reported ??= []).push(known.engine);
      exposures.push({
        engine: known.engine,
        hostPath,
        destination: mount.destination,
        readOnly: mount.readOnly,
        via: socketPath === hostPath ? 'socket' : 'directory',
        socketPath,
      });
    }
    if (reported === null) {
      // An engine socket at a path no list knows (Docker Desktop's ~/.docker/run,
      // a custom -H unix://..., an inspect file read offline): its file name gives it away.
      const engine = engineOfSocketName(hostPath);
      if (engine !== null) {
        exposures.push({ engine, hostPath, destination: mount.destination, readOnly: mount.readOnly, via: 'socket', socketPath: hostPath });
      }
    }
  }
  return exposures;
}

const SOCKET_FILE_NAMES: ReadonlyMap<string, Engine> = new Map<string, Engine>([
  ['docker.sock', 'docker'],
  ['containerd.sock', 'containerd'],
  ['podman.sock', 'podman'],
  ['crio.sock', 'cri-o'],
]);

function engineOfSocketName(hostPath: string): Engine | null {
  return SOCKET_FILE_NAMES.get(hostPath.slice(hostPath.lastIndexOf('/') + 1)) ?? null;
}

function fixedSocketReached(known: FixedSocket, hostPath: string): string | null {
  if (!hostPathCovers(hostPath, known.canonical)) return null;
  if (canonicalRunPath(hostPath) === known.canonical) return hostPath;
  return spellLike(hostPath, known.canonical, known.display);
}

function userSocketReached(known: UserSocket, hostPath: string): string | null {
  const canonicalHost = canonicalRunPath(hostPath);
  if (hostPathCovers(hostPath, known.userDir)) {
    // Above the per-user directories: every user's socket is reachable.
    return spellLike(hostPath, known.userDir, known.userDir) + '/*/' + known.suffix;
  }
  const socket = userSocketOf(known, canonicalHost);
  if (socket === null || !isSameOrBelow(socket, canonicalHost)) return null;
  return socket === canonicalHost ? hostPath : spellLike(hostPath, socket, socket);
}

/** `/run/user/1000/...` -> `/run/user/1000/<suffix>`, or null when the path is not inside a numeric user dir. */
function userSocketOf(known: UserSocket, canonicalPath: string): string | null {
  if (!canonicalPath.startsWith(known.userDir) || canonicalPath.charCodeAt(known.userDir.length) !== 47) return null;
  const start = known.userDir.length + 1;
  let end = canonicalPath.indexOf('/', start);
  if (end === -1) end = canonicalPath.length;
  if (end === start) return null;
  for (let i = start; i < end; i++) {
    const code = canonicalPath.charCodeAt(i);
    if (code < 48 || code > 57) return null;
  }
  return `${known.userDir}/${canonicalPath.slice(start, end)}/${known.suffix}`;
}

/** Report the socket the way the mount spells its directory (`/var/run/...` for a `/var/run` bind). */
function spellLike(hostPath: string, canonical: string, display: string): string {
  if (!canonical.startsWith('/run/')) return display;
  if (hostPath === '/var' || hostPath.startsWith('/var/')) return '/var' + canonical;
  if (hostPath === '/run' || hostPath.startsWith('/run/')) return canonical;
  return display;
}
