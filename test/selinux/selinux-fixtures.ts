// Shared by the selinux tests: Debian's real policy files, scratch directories,
// and the real compilers run on what harden writes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DEBIAN_FILE_CONTEXTS = '/etc/selinux/default/contexts/files/file_contexts';
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const INSPECT_FIXTURES = new URL('../fixtures/inspect/', import.meta.url).pathname;

export function scratchDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `harden-selinux-${name}-`));
}

let typeCache: Promise<Set<string>> | undefined;

/** Every type and type alias declared by the installed policy's CIL modules. */
export function debianTypes(): Promise<Set<string>> {
  typeCache ??= (async () => {
    const root = '/var/lib/selinux/default/active/modules/100';
    const modules = (await readdir(root)).map((name) => join(root, name, 'cil')).filter((path) => existsSync(path));
    const { stdout } = await run('bzip2', ['-dc', ...modules], { maxBuffer: 256 * 1024 * 1024 });
    const names = new Set<string>();
    for (const match of stdout.matchAll(/^\((?:type|typealias) ([A-Za-z0-9_]+)\)/gm)) names.add(match[1] as string);
    return names;
  })();
  return typeCache;
}

/** Runs a tool in a directory; resolves with its exit code and output, never rejects on a non-zero exit. */
export async function runIn(cwd: string, file: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
