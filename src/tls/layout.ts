// The files of a harden TLS set, their modes, and how they reach the disk: every
// target is checked before the first byte is written, so a refused run leaves the
// directory exactly as it was.
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TlsInputError } from './errors.js';

export const SET_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server-cert.pem',
  serverKey: 'server-key.pem',
  daemonJson: 'daemon.json',
  dropIn: 'docker.service.d/harden-tls.conf',
  clientDir: 'client',
} as const;

/** What DOCKER_CERT_PATH wants, plus env.sh; the same names in `client/` and in a `tls client` bundle. */
export const CLIENT_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem', env: 'env.sh' } as const;

export const PRIVATE_MODE = 0o600;
export const PUBLIC_MODE = 0o644;
export const DIRECTORY_MODE = 0o700;

/** Private keys 0600, everything else 0644. */
export function modeFor(relativePath: string): number {
  return relativePath.endsWith('key.pem') ? PRIVATE_MODE : PUBLIC_MODE;
}

/** Output files in the given order, each with the mode its name calls for. */
export function outputFiles(contents: ReadonlyMap<string, string>): OutputFile[] {
  return [...contents].map(([path, content]) => ({ path, content, mode: modeFor(path) }));
}

export interface OutputFile {
  /** Relative to the output directory. */
  path: string;
  content: string;
  mode: number;
}

async function statOrNull(path: string): Promise<Awaited<ReturnType<typeof lstat>> | null> {
  return lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new TlsInputError(`${path}: cannot inspect it (${error.code ?? error.message})`);
  });
}

/** The directory itself when it exists, else its nearest existing ancestor, which must be a writable directory. */
async function checkDirectory(dir: string): Promise<void> {
  let probe = dir;
  for (;;) {
    const stats = await statOrNull(probe);
    if (stats) {
      if (!stats.isDirectory()) throw new TlsInputError(`${probe}: exists and is not a directory`);
      break;
    }
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  await access(probe, constants.W_OK | constants.X_OK).catch(() => {
    throw new TlsInputError(`${probe}: directory is not writable; choose another --out or fix its permissions`);
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
    if (!stats.isFile()) throw new TlsInputError(`${path}: exists and is not a regular file`);
    existing.push(path);
  }
  if (existing.length > 0 && !overwrite) {
    throw new TlsInputError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (use --force to overwrite)`);
  }
}

/** Creates missing directories 0700 and writes each file atomically with its mode. Returns the absolute paths. */
export async function writeFiles(root: string, files: readonly OutputFile[]): Promise<string[]> {
  const directories = [...new Set(files.map((file) => dirname(resolve(root, file.path))))];
  for (const dir of directories) {
    const created = await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
    // mkdir applies the umask; a created directory gets exactly 0700.
    if (created !== undefined) await chmodCreated(created, dir);
  }
  const paths = files.map((file) => resolve(root, file.path));
  await Promise.all(files.map((file, index) => writeFileAtomic(paths[index] ?? '', file.content, file.mode)));
  return paths;
}

async function chmodCreated(firstCreated: string, deepest: string): Promise<void> {
  for (let dir = deepest; dir.startsWith(firstCreated); dir = dirname(dir)) {
    await chmod(dir, DIRECTORY_MODE);
    if (dir === firstCreated) break;
  }
}
