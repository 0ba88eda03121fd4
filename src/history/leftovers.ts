// The hidden entries a run makes in a reports folder (its staging folder and the
// temporary `latest` symlink) carry their owner, so a later run can remove those left
// by a run that was killed (SIGKILL, power loss) and never one of a run still
// writing: two `harden report` runs may share a folder.
//
//   .incoming-<pid>-<machine>-XXXXXX    made by process <pid>; <machine> names this
//   .latest-<pid>-<machine>-<hex>       kernel boot, PID namespace and host name: only
//                                       there does <pid> name that process
//   .incoming-XXXXXX, .latest-<hex>     older harden versions: no owner
import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describeFsError } from '../util/fs-errors.js';
import { valueOr } from '../util/value-or.js';

export type LeftoverKind = 'incoming' | 'latest';

/**
 * An ownerless entry, or one of another machine, PID namespace or boot (a shared
 * mount, a container, a power loss), cannot be checked by pid. It is removed once
 * untouched for 24 hours: a run takes seconds to minutes, so none is still writing it.
 */
export const UNCHECKABLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

// A pid of at most nine digits: Linux's are at most seven, and process.kill takes any of them.
const OWNED = /^\.(incoming|latest)-([1-9]\d{0,8})-([0-9a-f]{8})-[A-Za-z0-9]+$/;
const OWNERLESS = /^\.(?:incoming-[A-Za-z0-9]{6}|latest-[0-9a-f]{12})$/;

let machine: string | undefined;

/** This process's <machine>: the same for every process that shares its boot, PID namespace and host name. */
export function machineTag(): string {
  machine ??= createHash('sha256')
    // Where a system has no such file, the tag is only less specific; its pids are still checked on the safe side.
    .update([hostname(), valueOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), ''), valueOr(() => readlinkSync('/proc/self/ns/pid'), '')].join('\0'))
    .digest('hex')
    .slice(0, 8);
  return machine;
}

/** The start of a name owned by `pid` of this machine (a random part follows). */
export function ownedPrefix(kind: LeftoverKind, pid: number = process.pid): string {
  return `.${kind}-${pid}-${machineTag()}-`;
}

export interface LeftoverSweep {
  /** Names removed. */
  removed: string[];
  /** Entries that should have gone but could not be removed, with why. */
  failed: string[];
}

/** Removes the entries of `outDir` left by runs that are over; what it cannot remove it reports. */
export async function removeLeftovers(outDir: string, now: number = Date.now()): Promise<LeftoverSweep> {
  const sweep: LeftoverSweep = { removed: [], failed: [] };
  const names = await readdir(outDir).catch(() => []);
  for (const name of names) {
    if (!OWNED.test(name) && !OWNERLESS.test(name)) continue;
    const path = join(outDir, name);
    // lstat: an entry another run removed meanwhile is simply gone.
    const entry = await lstat(path).catch(() => null);
    if (!entry || !isAbandoned(name, entry.mtimeMs, now)) continue;
    try {
      await rm(path, { recursive: true, force: true });
      sweep.removed.push(name);
    } catch (error) {
      sweep.failed.push(`${path}: ${describeFsError(error)}`);
    }
  }
  return sweep;
}

/**
 * True when no running process can still be writing the entry. A dead run's pid
 * taken by another process keeps its entry until that one ends too: the safe side.
 */
export function isAbandoned(name: string, modifiedMs: number, now: number): boolean {
  const owned = OWNED.exec(name);
  if (owned && owned[3] === machineTag()) return !processExists(Number(owned[2]));
  if (owned || OWNERLESS.test(name)) return now - modifiedMs > UNCHECKABLE_MAX_AGE_MS;
  return false;
}

/** Signal 0 checks without signalling: ESRCH is "no such process"; EPERM is someone else's live process. */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
