import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * Write a file so that readers never see half of it: write a sibling temp file,
 * fsync it, then rename over the target. A failed write leaves the old file intact.
 */
export async function writeFileAtomic(path: string, data: string, mode = 0o644): Promise<void> {
  // /dev/null, /dev/stdout, a FIFO: renaming over them would replace the device itself.
  const existing = await stat(path).catch(() => null);
  if (existing && !existing.isFile()) {
    if (existing.isDirectory()) throw Object.assign(new Error(`${path}: is a directory, expected a file`), { code: 'EISDIR' });
    await writeFile(path, data, 'utf8');
    return;
  }
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  // Loaded here, not at the top: report output to stdout never pays for node:crypto.
  const { randomBytes } = await import('node:crypto');
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
