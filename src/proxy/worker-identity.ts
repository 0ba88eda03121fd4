// Who nginx workers run as when the master is started as root: the least privileged
// identity that can still reach the upstream socket. A container started as a
// non-root user ignores the `user` directive and uses the compose file's user and
// group_add instead.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Upstream } from './validate.js';
import { readAccountDatabase } from '../util/account-database.js';

export interface WorkerIdentity {
  /** `user` directive arguments, e.g. `nobody docker`. */
  user: string;
  group: string;
  /** Numeric group for compose `group_add` and the password file; undefined when unknown here. */
  gid: number | undefined;
  warnings: string[];
}

const UNPRIVILEGED_USER = 'nobody';
const FALLBACK_SOCKET_GROUP = 'docker';

function groupName(gid: number): string | undefined {
  return readAccountDatabase('/etc/group').find((fields) => fields[2] === String(gid))?.[0];
}

function groupId(name: string): number | undefined {
  const gid = readAccountDatabase('/etc/group').find((fields) => fields[0] === name)?.[2];
  return gid === undefined ? undefined : Number(gid);
}

function primaryGroupOf(user: string): number | undefined {
  const gid = readAccountDatabase('/etc/passwd').find((fields) => fields[0] === user)?.[3];
  return gid === undefined ? undefined : Number(gid);
}

/** Whether a process outside the owner with group `gid` can search every directory above `path` and write to the socket. */
async function reachableByGroup(path: string, gid: number): Promise<boolean> {
  const socket = await stat(path);
  const canWrite = (socket.gid === gid && (socket.mode & 0o020) !== 0) || (socket.mode & 0o002) !== 0;
  if (!canWrite) return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const stats = await stat(dir);
    const canSearch = (stats.gid === gid && (stats.mode & 0o010) !== 0) || (stats.mode & 0o001) !== 0;
    if (!canSearch) return false;
    if (dir === dirname(dir)) return true;
  }
}

export async function workerIdentity(upstream: Upstream): Promise<WorkerIdentity> {
  if (upstream.kind === 'tcp') {
    const gid = primaryGroupOf(UNPRIVILEGED_USER);
    const group = (gid === undefined ? undefined : groupName(gid)) ?? 'nogroup';
    return { user: UNPRIVILEGED_USER, group, gid, warnings: [] };
  }
  const socket = await stat(upstream.path).catch(() => null);
  if (!socket) {
    return {
      user: UNPRIVILEGED_USER,
      group: FALLBACK_SOCKET_GROUP,
      gid: groupId(FALLBACK_SOCKET_GROUP),
      warnings: [`${upstream.path} does not exist here: assumed the socket's group is "${FALLBACK_SOCKET_GROUP}"; set DOCKER_SOCKET_GID for compose on the daemon host`],
    };
  }
  const group = groupName(socket.gid) ?? String(socket.gid);
  if (socket.gid !== 0 && (await reachableByGroup(upstream.path, socket.gid))) {
    return { user: UNPRIVILEGED_USER, group, gid: socket.gid, warnings: [] };
  }
  const why = socket.gid === 0 ? 'its group is root' : `it or a directory above it is closed to group ${group}`;
  return {
    user: 'root',
    group,
    gid: socket.gid,
    warnings: [`${upstream.path}: ${why}, so only root reaches it and nginx workers will run as root when nginx is started as root; give the socket its own group and open the directories above it to run them unprivileged`],
  };
}
