// `harden proxy passwd`: add or update one user in an nginx password file.
import { chmod, chown, readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-errors.js';
import { ProxyInputError } from './errors.js';
import { hashPassword } from './hashes.js';
import { describeBadHashes, parsePasswordFile, upsertPasswordLine } from './htpasswd-file.js';

/**
 * nginx workers read the file on every request, so it is readable by its group (the
 * workers' group: the Docker socket's group, whose members already control the
 * daemon) and by nobody else.
 */
export const PASSWORD_FILE_MODE = 0o640;

export interface PasswordFileResult {
  updated: boolean;
  warnings: string[];
}

/** Mode and group for a file that replaces `path`; a group that cannot be set is a warning, not a failure. */
export async function settlePasswordFile(path: string, mode: number, gid: number | undefined): Promise<string[]> {
  await chmod(path, mode);
  if (gid === undefined) return [];
  const current = await stat(path);
  if (current.gid === gid) return [];
  try {
    await chown(path, -1, gid);
    return [];
  } catch (error) {
    return [`${path}: could not give it group ${gid} (${describeFsError(error)}); nginx workers in that group cannot read it until you run: chgrp ${gid} ${path}`];
  }
}

async function readExisting(path: string): Promise<{ text: string; mode: number; gid: number | undefined }> {
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new ProxyInputError(`${path}: cannot read it (${describeFsError(error)})`);
  });
  if (!stats) return { text: '', mode: PASSWORD_FILE_MODE, gid: undefined };
  if (!stats.isFile()) throw new ProxyInputError(`${path}: not a regular file`);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new ProxyInputError(`${path}: cannot read it (${describeFsError(error)})`);
  });
  // Keep the file's group; never keep a world bit.
  return { text, mode: stats.mode & 0o770, gid: stats.gid };
}

/** Adds NAME or replaces its hash with a fresh bcrypt hash; other lines stay as they were. */
export async function setPassword(path: string, user: string, password: string): Promise<PasswordFileResult> {
  const existing = await readExisting(path);
  const { text, updated } = upsertPasswordLine(existing.text, user, await hashPassword(password));
  await writeFileAtomic(path, text, existing.mode).catch((error: unknown) => {
    throw new ProxyInputError(`${path}: cannot write it (${describeFsError(error)})`);
  });
  const warnings = await settlePasswordFile(path, existing.mode, existing.gid);
  warnings.push(...describeBadHashes(path, parsePasswordFile(text)));
  return { updated, warnings };
}
