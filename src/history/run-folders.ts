// The layout of a reports folder (`harden report --out-dir DIR`):
//   DIR/2026-11-28T05-30-00.123Z/report.{json,html,md,sarif,junit.xml}   one folder per run
//   DIR/latest -> 2026-11-28T05-30-00.123Z                      relative symlink
// A run is written into a hidden staging folder and renamed into place, so a run
// folder is always complete; `latest` is replaced by renaming a new symlink over it.
// Both hidden names say which process made them (see leftovers.ts).
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditReport } from '../report/types.js';
import { describeFsError } from '../util/fs-errors.js';
import { OutputTargetError } from '../util/output-files.js';
import { ownedPrefix } from './leftovers.js';
import type { PreviousRun } from './trend.js';

export const LATEST_LINK = 'latest';
export const REPORT_JSON = 'report.json';

// An ISO timestamp with the colons replaced (they are not allowed everywhere),
// optionally followed by -N when two runs share a millisecond.
const RUN_NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)(?:-(\d+))?$/;

/** `2026-11-28T05:30:00.123Z` -> `2026-11-28T05-30-00.123Z` */
export function runNameFor(generatedAt: string): string {
  return new Date(generatedAt).toISOString().replace(/:/g, '-');
}

/**
 * Proves the folder is writable the only reliable way (root ignores permission
 * bits, a read-only mount does not): by creating the staging folder of the run
 * in it. Called before auditing, so an unwritable folder costs no audit.
 */
export async function openStaging(outDir: string): Promise<string> {
  const latest = await lstat(join(outDir, LATEST_LINK)).catch(() => null);
  if (latest && !latest.isSymbolicLink()) {
    throw new OutputTargetError(`${join(outDir, LATEST_LINK)}: exists and is not a symlink; move it away so harden can point it at the newest run`);
  }
  const folder = await stat(outDir).catch(() => null);
  if (folder && !folder.isDirectory()) throw new OutputTargetError(`${outDir}: exists and is not a directory; expected a reports folder (--out-dir)`);
  try {
    await mkdir(outDir, { recursive: true });
    return await mkdtemp(join(outDir, ownedPrefix('incoming')));
  } catch (error) {
    throw new OutputTargetError(`${outDir}: reports folder is not writable (${describeFsError(error)}); nothing was audited (choose another --out-dir or fix its permissions)`);
  }
}

/** Run folder names, oldest first. */
export async function listRuns(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isDirectory() && RUN_NAME.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareRunNames);
}

function compareRunNames(a: string, b: string): number {
  const [, baseA = '', suffixA = '0'] = RUN_NAME.exec(a) ?? [];
  const [, baseB = '', suffixB = '0'] = RUN_NAME.exec(b) ?? [];
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  return Number(suffixA) - Number(suffixB);
}

/** The run's folder name: the audit time, with -2, -3... when a run of that millisecond exists. */
export async function freeRunName(outDir: string, generatedAt: string): Promise<string> {
  const base = runNameFor(generatedAt);
  for (let attempt = 1; ; attempt++) {
    const name = attempt === 1 ? base : `${base}-${attempt}`;
    // Checked, because rename(2) would silently replace an empty directory of that name.
    if (!(await lstat(join(outDir, name)).catch(() => null))) return name;
  }
}

/** Moves the finished staging folder into place as the run's folder. */
export async function publishRun(outDir: string, staging: string, run: string): Promise<void> {
  await rename(staging, join(outDir, run));
}

/** Points `latest` at the run atomically: readers see the old or the new target, never none. */
export async function pointLatestAt(outDir: string, run: string): Promise<void> {
  const temporary = join(outDir, `${ownedPrefix('latest')}${randomBytes(6).toString('hex')}`);
  await symlink(run, temporary);
  try {
    await rename(temporary, join(outDir, LATEST_LINK));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes the oldest runs so that `keep` remain; returns the removed names. */
export async function pruneRuns(outDir: string, runs: readonly string[], keep: number): Promise<string[]> {
  const removed = runs.slice(0, Math.max(0, runs.length - keep));
  for (const run of removed) await rm(join(outDir, run), { recursive: true, force: true });
  return removed;
}

/** Removes a staging folder left by a run that failed. */
export async function discardStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}

export interface PreviousRunLookup {
  previous: PreviousRun | null;
  /** Newer runs passed over because their report.json could not be read, with why. */
  unreadable: string[];
}

/** The newest run (of `runs`, oldest first) whose report.json reads as a report. */
export async function readPreviousRun(outDir: string, runs: readonly string[]): Promise<PreviousRunLookup> {
  const unreadable: string[] = [];
  for (const run of [...runs].reverse()) {
    const path = join(outDir, run, REPORT_JSON);
    try {
      const report = JSON.parse(await readFile(path, 'utf8')) as unknown;
      if (isReport(report)) return { previous: { run, report }, unreadable };
      unreadable.push(`${path}: not a harden report`);
    } catch (error) {
      unreadable.push(`${path}: ${error instanceof SyntaxError ? 'invalid JSON' : describeFsError(error)}`);
    }
  }
  return { previous: null, unreadable };
}

/** Just what comparing and the trend read. */
function isReport(value: unknown): value is AuditReport {
  if (value === null || typeof value !== 'object') return false;
  const report = value as Partial<Record<keyof AuditReport, unknown>>;
  const summary = report.summary as { bySeverity?: unknown } | undefined;
  return (
    typeof report.generatedAt === 'string' &&
    Array.isArray(report.findings) &&
    Array.isArray(report.containers) &&
    typeof summary?.bySeverity === 'object' &&
    summary.bySeverity !== null
  );
}
