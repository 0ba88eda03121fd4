// Writing a set of generated files: every target is checked before the first byte
// is written, so a refused run leaves the directory exactly as it was; then each
// file is written atomically with its own mode.
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** A target that cannot or may not be written (exit 2: nothing was written). */
export class OutputTargetError extends Error {
  override name = 'OutputTargetError';
}

export const PRIVATE_DIRECTORY_MODE = 0o700;

export interface OutputFile {
  /** Relative to the output directory. */
  path: string;
  content: string;
  mode: number;
}

async function statOrNull(path: string): Promise<Awaited<ReturnType<typeof lstat>> | null> {
  return lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new OutputTargetError(`${path}: cannot inspect it (${error.code ?? error.message})`);
  });
}

/** The directory itself when it exists, else its nearest existing ancestor, which must be a writable directory. */
async function checkDirectory(dir: string): Promise<void> {
  let probe = dir;
  for (;;) {
    const stats = await statOrNull(probe);
    if (stats) {
      if (!stats.isDirectory()) throw new OutputTargetError(`${probe}: exists and is not a directory`);
      break;
    }
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  await access(probe, constants.W_OK | constants.X_OK).catch(() => {
    throw new OutputTargetError(`${probe}: directory is not writable; choose another --out or fix its permissions`);
  });
}

/**
 * Refuses when a target exists (unless overwriting is allowed), is not a regular
 * file, or when a directory to write into is not writable. Nothing is written.
 */
export async function checkTargets(root: string, relativePaths: readonly string[], overwrite: boolean): Promise<void> {
  const directories = [...new Set(relativePaths.map((relative) => dirname(join(root, relative))))];
  for (const dir of directories) await checkDirectory(dir);
  const existing: string[] = [];
  for (const relative of relativePaths) {
    const path = join(root, relative);
    const stats = await statOrNull(path);
    if (!stats) continue;
    if (!stats.isFile()) throw new OutputTargetError(`${path}: exists and is not a regular file`);
    existing.push(path);
  }
  if (existing.length > 0 && !overwrite) {
    throw new OutputTargetError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (use --force to overwrite)`);
  }
}

/** Creates missing directories (0700 unless told) and writes each file atomically with its mode. Returns the absolute paths. */
export async function writeFiles(root: string, files: readonly OutputFile[], directoryMode = PRIVATE_DIRECTORY_MODE): Promise<string[]> {
  const directories = [...new Set(files.map((file) => dirname(resolve(root, file.path))))];
  for (const dir of directories) {
    const created = await mkdir(dir, { recursive: true, mode: directoryMode });
    // mkdir applies the umask; a created directory gets exactly the mode asked for.
    if (created !== undefined) await chmodCreated(created, dir, directoryMode);
  }
  const paths = files.map((file) => resolve(root, file.path));
  await Promise.all(files.map((file, index) => writeFileAtomic(paths[index] ?? '', file.content, file.mode)));
  return paths;
}

async function chmodCreated(firstCreated: string, deepest: string, mode: number): Promise<void> {
  for (let dir = deepest; dir.startsWith(firstCreated); dir = dirname(dir)) {
    await chmod(dir, mode);
    if (dir === firstCreated) break;
  }
}
