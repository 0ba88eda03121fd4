// Finds the dockerd process behind a unix socket by the socket itself: the inode
// the kernel lists for that path in /proc/net/unix, held open by the process. Not
// "the newest process named dockerd": with two engines on one host that picks the
// wrong one, and its configuration would be audited for the other.
import { accessSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { valueOr } from '../util/value-or.js';

export interface DaemonProcess {
  pid: number;
  argv: string[];
  /** Prefix that shows a path as the daemon sees it (its mount namespace), or '' when not readable. */
  root: string;
  /** The daemon's working directory (for relative paths on its command line). */
  cwd: string;
}

/** Listening unix sockets (`__SO_ACCEPTCON`) bound to `socketPath`, by inode. */
function listeningInodes(socketPath: string): Set<string> {
  const table = readFileSync('/proc/net/unix', 'utf8');
  const inodes = new Set<string>();
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path
    const [flags, inode, path] = [fields[3], fields[6], fields[7]];
    if (path === socketPath && inode !== undefined && flags !== undefined && (parseInt(flags, 16) & 0x10000) !== 0) inodes.add(inode);
  }
  return inodes;
}

// Procfs is read synchronously on purpose: hundreds of tiny in-memory reads cost
// microseconds each, far less than as thread-pool round trips, and an audit does this
// while the engine answers the container list, when this process has nothing else to
// do; as a chain of awaits it would trail behind the inspect answers instead.

function holdsSocket(pid: string, links: ReadonlySet<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  // Listeners are opened at startup, so low descriptors come first: a busy dockerd holds hundreds.
  fds.sort((a, b) => Number(a) - Number(b));
  for (const fd of fds) {
    if (links.has(readProc(() => readlinkSync(`/proc/${pid}/fd/${fd}`)))) return true;
  }
  return false;
}

/** A procfs value, or '' when the process is gone or not ours to read. */
function readProc(read: () => string): string {
  return valueOr(read, '');
}

/** A process's name (`comm`), or '' when it is gone or not ours to read. */
function processName(pid: string): string {
  return readProc(() => readFileSync(`/proc/${pid}/comm`, 'utf8')).trim();
}

/** The dockerd listening on `socketPath` (an absolute path on this host); throws with the reason when none can be found. */
export function findDaemonProcess(socketPath: string): DaemonProcess {
  const inodes = listeningInodes(socketPath);
  if (inodes.size === 0) throw new Error(`no process listens on ${socketPath} in this network namespace`);
  const links = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  // dockerd writes its pid file beside its socket (/var/run/docker.pid next to
  // /var/run/docker.sock); that process is checked first, by its descriptors like any
  // other, which spares reading every process on a busy host.
  const hinted = pidFileBeside(socketPath);
  if (hinted !== null && processName(hinted) === 'dockerd' && holdsSocket(hinted, links)) {
    return describeProcess(Number(hinted));
  }
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  const names = pids.map((pid) => ({ pid, name: processName(pid) }));
  // dockerd first, and among them those whose command line names the socket (checked, not trusted:
  // the descriptor decides); a socket-activated socket is also held by systemd, which is not the daemon.
  const daemons = names.filter((entry) => entry.name === 'dockerd');
  const naming = daemons.map((entry) => readProc(() => readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8')).includes(socketPath));
  const ordered = [
    ...daemons.filter((_, index) => naming[index]),
    ...daemons.filter((_, index) => !naming[index]),
    ...names.filter((entry) => entry.name !== 'dockerd'),
  ];
  const holders: { pid: string; name: string }[] = [];
  for (const entry of ordered) {
    if (holdsSocket(entry.pid, links)) {
      if (entry.name === 'dockerd') return describeProcess(Number(entry.pid));
      holders.push(entry);
    }
    // Past the dockerd processes, one holder is enough to explain the failure.
    if (holders.length > 0) break;
  }
  const holder = holders[0];
  if (holder === undefined) throw new Error(`cannot see which process holds ${socketPath} (run harden as root to read other processes' descriptors)`);
  throw new Error(`${socketPath} is held by pid ${holder.pid} (${holder.name}), not by a dockerd process`);
}

function pidFileBeside(socketPath: string): string | null {
  const pid = readProc(() => readFileSync(join(dirname(socketPath), 'docker.pid'), 'utf8')).trim();
  return /^\d+$/.test(pid) ? pid : null;
}

function describeProcess(pid: number): DaemonProcess {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  const argv = cmdline.split('\0').filter((part, index, all) => part !== '' || index < all.length - 1);
  const cwd = readProc(() => readlinkSync(`/proc/${pid}/cwd`)) || '/';
  const root = readProc(() => {
    accessSync(`/proc/${pid}/root/`);
    return `/proc/${pid}/root`;
  });
  return { pid, argv, root, cwd };
}

/** `path` from the daemon's command line or configuration, absolute, as the daemon resolves it. */
export function daemonPath(process: DaemonProcess, path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd, path);
}

/** Where to open an absolute daemon path from here: through /proc/PID/root when readable. */
export function hostView(process: DaemonProcess, absolutePath: string): string {
  return process.root === '' ? absolutePath : join(process.root, absolutePath);
}
