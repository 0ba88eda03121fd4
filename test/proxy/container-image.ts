// Builds the image a generated Dockerfile describes, without a registry.
//
// No registry is reachable here, so `docker build` cannot pull debian:bookworm-slim
// or run its apt-get. This reproduces the Dockerfile's result from the host's own
// copy of the identical package instead: the host is the same Debian release as the
// FROM line and has the same nginx package installed, so its files are the files
// apt-get would install. The Dockerfile is parsed, not paraphrased: every RUN step
// is replayed (an unknown one fails the build) and every other instruction is used
// verbatim, so a change in templates/proxy/Dockerfile.hbs is still what gets tested.
import { execFile } from 'node:child_process';
import { chmod, copyFile, lstat, mkdir, open, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { outcome } from './nginx-harness.js';

const run = promisify(execFile);

type LayoutStep = { kind: 'mkdir'; paths: string[]; mode: number | undefined } | { kind: 'symlink'; target: string; link: string };

export interface ImageRecipe {
  /** The FROM image, e.g. `debian:bookworm-slim`. */
  base: string;
  /** Packages the RUN steps install with apt-get. */
  packages: string[];
  /** What the RUN steps do to the file system after installing them, in order. */
  layout: LayoutStep[];
  /** Every instruction other than FROM and RUN, verbatim (USER, EXPOSE, STOPSIGNAL, ENTRYPOINT, ...). */
  config: string[];
}

function instructions(dockerfile: string): string[] {
  const logical = dockerfile
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

function parseRunStep(step: string, recipe: ImageRecipe): void {
  if (/['"$`;|<>]/.test(step)) throw new Error(`Dockerfile: RUN step needs a shell to replay: ${step}`);
  const words = step.split(/\s+/);
  const [command, ...args] = words;
  if (step === 'apt-get update' || step === 'rm -rf /var/lib/apt/lists/*') return;
  if (command === 'apt-get' && args[0] === 'install') {
    recipe.packages.push(...args.slice(1).filter((word) => !word.startsWith('-')));
    return;
  }
  if (command === 'mkdir') {
    let mode: number | undefined;
    const paths: string[] = [];
    for (let index = 0; index < args.length; index += 1) {
      const word = args[index] ?? '';
      if (word === '-m' && /^[0-7]{3,4}$/.test(args[index + 1] ?? '')) mode = parseInt(args[(index += 1)] ?? '', 8);
      else if (word.startsWith('/')) paths.push(word);
      else if (word !== '-p') throw new Error(`Dockerfile: mkdir option this test cannot replay: ${step}`);
    }
    recipe.layout.push({ kind: 'mkdir', paths, mode });
    return;
  }
  if (command === 'ln' && args.length === 3 && args[0] === '-s') {
    recipe.layout.push({ kind: 'symlink', target: args[1] ?? '', link: args[2] ?? '' });
    return;
  }
  throw new Error(`Dockerfile: RUN step this test cannot replay: ${step}`);
}

export function readDockerfile(dockerfile: string): ImageRecipe {
  const recipe: ImageRecipe = { base: '', packages: [], layout: [], config: [] };
  for (const instruction of instructions(dockerfile)) {
    const [keyword = '', ...rest] = instruction.split(/\s+/);
    const argument = rest.join(' ');
    switch (keyword.toUpperCase()) {
      case 'FROM':
        recipe.base = argument;
        break;
      case 'RUN':
        for (const step of argument.split(/\s*&&\s*/)) parseRunStep(step.trim(), recipe);
        break;
      case 'COPY':
      case 'ADD':
        throw new Error(`Dockerfile: ${keyword} has no counterpart here: ${instruction}`);
      default:
        recipe.config.push(instruction);
    }
  }
  return recipe;
}

async function hostRelease(): Promise<string> {
  const osRelease = await readFile('/etc/os-release', 'utf8');
  return /^VERSION_CODENAME=(\S+)$/m.exec(osRelease)?.[1] ?? '';
}

/** Regular files a package installed, less /usr/share (docs, man pages, snippets for /etc/nginx). */
async function packageFiles(name: string): Promise<string[]> {
  const { stdout: status } = await run('dpkg-query', ['-W', '-f', '${db:Status-Status}', name]);
  if (status !== 'installed') throw new Error(`package ${name} (from the Dockerfile) is not installed on this host`);
  const { stdout } = await run('dpkg', ['-L', name]);
  const files: string[] = [];
  for (const path of stdout.split('\n').filter((line) => line.startsWith('/') && !line.startsWith('/usr/share/'))) {
    if ((await lstat(path)).isFile()) files.push(path);
  }
  return files;
}

async function isElf(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.toString('latin1') === '\x7fELF';
  } finally {
    await file.close();
  }
}

/** The shared libraries and the loader an ELF file needs, as `ldd` resolves them. */
async function sharedLibraries(path: string): Promise<string[]> {
  const { stdout } = await run('ldd', [path]);
  return [...stdout.matchAll(/(?:=>\s+|^\s*)(\/\S+)\s+\(/gm)].map((match) => match[1] ?? '');
}

/** Copies `path` (following symlinks) to the same path under `root`, keeping its mode. */
async function copyIntoRoot(root: string, path: string): Promise<void> {
  const target = join(root, path);
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  await copyFile(path, target);
  await chmod(target, (await stat(path)).mode & 0o7777);
}

/** Absolute files nginx.conf loads itself (`load_module`, `include`), e.g. /etc/nginx/mime.types. */
function filesReferencedBy(nginxConf: string): string[] {
  return [...nginxConf.matchAll(/^\s*(?:load_module|include)\s+(\/[^;\s]+);/gm)].map((match) => match[1] ?? '');
}

async function assembleRootfs(root: string, recipe: ImageRecipe, nginxConf: string): Promise<void> {
  const release = await hostRelease();
  if (!/^debian:[a-z]+(-slim)?$/.test(recipe.base) || recipe.base.split(':')[1]?.replace(/-slim$/, '') !== release) {
    throw new Error(`Dockerfile FROM ${recipe.base} is not this host's Debian release (${release}): its packages would differ`);
  }
  const files = new Set<string>(filesReferencedBy(nginxConf));
  for (const name of recipe.packages) for (const file of await packageFiles(name)) files.add(file);
  for (const file of [...files]) {
    if (await isElf(file)) for (const library of await sharedLibraries(file)) files.add(library);
  }
  for (const file of files) await copyIntoRoot(root, file);
  await mkdir(join(root, 'etc'), { recursive: true, mode: 0o755 });
  // What debian:bookworm-slim has for the user and group the Dockerfile runs as.
  await writeFile(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  await writeFile(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  for (const step of recipe.layout) {
    if (step.kind === 'symlink') {
      await symlink(step.target, join(root, step.link));
      continue;
    }
    for (const path of step.paths) {
      await mkdir(join(root, path), { recursive: true, mode: 0o755 });
      if (step.mode !== undefined) await chmod(join(root, path), step.mode);
    }
  }
}

async function docker(host: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await outcome('docker', ['-H', host, ...args], { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env }, { timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
}

/**
 * Builds `image` on the engine at `host` as `dockerfile` describes it, for a proxy
 * whose configuration is `nginxConf`; `work` is an empty scratch directory.
 */
export async function buildProxyImage(options: { host: string; dockerfile: string; nginxConf: string; image: string; work: string }): Promise<ImageRecipe> {
  const recipe = readDockerfile(options.dockerfile);
  const root = join(options.work, 'rootfs');
  await mkdir(root, { mode: 0o755 });
  await chmod(root, 0o755);
  await assembleRootfs(root, recipe, options.nginxConf);
  const tarball = join(options.work, 'rootfs.tar');
  await run('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tarball, '.']);
  // FROM plus RUN, as one layer.
  const baseImage = 'harden-test/proxy-rootfs:1';
  await docker(options.host, ['import', tarball, baseImage]);
  // The rest of the Dockerfile verbatim. Not `docker import --change`: dockerd 20.10
  // refuses STOPSIGNAL there. The classic builder runs these without a registry.
  const context = join(options.work, 'context');
  await mkdir(context);
  await writeFile(join(context, 'Dockerfile'), [`FROM ${baseImage}`, ...recipe.config, ''].join('\n'));
  await docker(options.host, ['build', '-q', '-t', options.image, context], { DOCKER_BUILDKIT: '0' });
  return recipe;
}
