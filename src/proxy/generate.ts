// `harden proxy nginx`: checks every input and every target first, then writes the
// whole proxy directory. A refused run writes nothing.
import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SET_FILES } from '../tls/layout.js';
import { checkTargets, writeFiles, type OutputFile } from '../util/output-files.js';
import { describeFsError } from '../util/fs-errors.js';
import { ProxyInputError } from './errors.js';
import { hashPassword } from './hashes.js';
import { checkImportedPasswordFile } from './htpasswd-file.js';
import { PASSWORD_FILE_MODE, settlePasswordFile } from './passwd.js';
import { renderNginxConf, renderSupportFiles, type ProxyLayout, type TlsFiles } from './render.js';
import type { ListenAddress, Mode, Profile, Role, Upstream } from './validate.js';
import { workerIdentity, type WorkerIdentity } from './worker-identity.js';

export type Credentials = { kind: 'user'; user: string; password: string } | { kind: 'file'; path: string };

export interface ProxyRequest {
  out: string;
  mode: Mode;
  upstream: Upstream;
  listen: ListenAddress;
  /** Absolute, validated `harden tls init` directory. */
  tlsDir: string | undefined;
  insecurePlaintext: boolean;
  /** Required in http mode, absent in stream mode. */
  credentials: Credentials | undefined;
  roles: readonly Role[];
  profile: Profile;
  allowInspect: boolean;
  force: boolean;
}

export interface ProxyResult {
  dir: string;
  files: string[];
  layout: ProxyLayout;
  warnings: string[];
}

export const PROXY_FILES = { conf: 'nginx.conf', htpasswd: 'htpasswd', dockerfile: 'Dockerfile', compose: 'compose.yaml', readme: 'README.md' } as const;
/** Created empty: nginx writes its pid, logs and temp files there. */
export const RUNTIME_DIRECTORIES = ['logs', 'run', 'tmp'] as const;

async function tlsFiles(dir: string, mode: Mode): Promise<TlsFiles> {
  const files = { dir, ca: join(dir, SET_FILES.ca), cert: join(dir, SET_FILES.serverCert), key: join(dir, SET_FILES.serverKey) };
  const needed = mode === 'stream' ? [files.ca, files.cert, files.key] : [files.cert, files.key];
  for (const path of needed) {
    await access(path, constants.R_OK).catch((error: unknown) => {
      throw new ProxyInputError(`--tls-dir ${dir}: cannot read ${path} (${describeFsError(error)}); expected a directory made by \`harden tls init\``);
    });
  }
  return files;
}

function checkModeOptions(request: ProxyRequest): void {
  if (request.mode === 'stream') {
    if (!request.tlsDir) throw new ProxyInputError('--mode stream needs --tls-dir DIR: client certificates are its only authentication');
    if (request.credentials || request.roles.length > 0) throw new ProxyInputError('--mode stream authenticates with client certificates: drop --user, --htpasswd and --role');
    return;
  }
  if (!request.credentials) throw new ProxyInputError('give --user NAME --password-stdin or --htpasswd FILE: the proxy needs at least one user');
  if (!request.listen.loopback && !request.tlsDir && !request.insecurePlaintext) {
    throw new ProxyInputError(`--listen ${request.listen.host}:${request.listen.port}: basic auth on a non-loopback address without TLS sends passwords in clear text; add --tls-dir DIR (or --insecure-plaintext to accept that)`);
  }
}

async function passwordFileText(credentials: Credentials): Promise<{ text: string; users: string[] }> {
  if (credentials.kind === 'user') return { text: `${credentials.user}:${await hashPassword(credentials.password)}\n`, users: [credentials.user] };
  const text = await readFile(credentials.path, 'utf8').catch((error: unknown) => {
    throw new ProxyInputError(`--htpasswd ${credentials.path}: cannot read it (${describeFsError(error)})`);
  });
  return { text, users: [...new Set(checkImportedPasswordFile(credentials.path, text).map((entry) => entry.user))] };
}

function checkRoles(roles: readonly Role[], users: readonly string[]): void {
  const seen = new Set<string>();
  for (const role of roles) {
    if (seen.has(role.user)) throw new ProxyInputError(`--role ${role.user}=${role.profile}: ${role.user} already has a role`);
    seen.add(role.user);
    if (!users.includes(role.user)) throw new ProxyInputError(`--role ${role.user}=${role.profile}: no user ${role.user} in the password file`);
  }
}

/** The output directory: created 0755 (workers must search it to read htpasswd), or a warning when an existing one is closed to them. */
async function prepareDirectory(dir: string, worker: WorkerIdentity): Promise<string[]> {
  const existing = await stat(dir).catch(() => null);
  if (!existing) {
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o755);
  }
  // Unprivileged workers (nobody + the socket's group) must traverse every directory
  // down to DIR, or every request fails with 500 when nginx cannot read htpasswd.
  if (worker.user.startsWith('root')) return [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    const stats = await stat(current).catch(() => null);
    const traversable = stats !== null && ((stats.mode & 0o001) !== 0 || (worker.gid !== undefined && stats.gid === worker.gid && (stats.mode & 0o010) !== 0));
    if (!traversable) {
      const mode = stats === null ? 'unreadable' : `mode ${(stats.mode & 0o777).toString(8)}`;
      return [`${current}: ${mode} keeps nginx workers (${worker.user}) from reaching ${PROXY_FILES.htpasswd}; chmod o+x it, or every request will fail with 500`];
    }
    if (current === dirname(current)) return [];
  }
}

export async function generateProxy(request: ProxyRequest): Promise<ProxyResult> {
  checkModeOptions(request);
  const tls = request.tlsDir ? await tlsFiles(request.tlsDir, request.mode) : undefined;
  const passwords = request.credentials ? await passwordFileText(request.credentials) : undefined;
  checkRoles(request.roles, passwords?.users ?? []);
  const worker = await workerIdentity(request.upstream);
  const warnings = [...worker.warnings];
  if (request.listen.port < 1024) warnings.push(`--listen port ${request.listen.port} is privileged: the container in compose.yaml runs as nobody and cannot bind it`);

  const layout: ProxyLayout = {
    mode: request.mode,
    upstream: request.upstream,
    listen: request.listen,
    tls,
    defaultProfile: request.profile,
    roles: request.roles,
    users: passwords?.users ?? [],
    allowInspect: request.allowInspect,
    worker,
    prefixHint: request.out,
  };
  const support = renderSupportFiles(layout);
  const files: OutputFile[] = [{ path: PROXY_FILES.conf, content: renderNginxConf(layout), mode: 0o644 }];
  if (passwords) files.push({ path: PROXY_FILES.htpasswd, content: passwords.text, mode: PASSWORD_FILE_MODE });
  files.push(
    { path: PROXY_FILES.dockerfile, content: support.dockerfile, mode: 0o644 },
    { path: PROXY_FILES.compose, content: support.compose, mode: 0o644 },
    { path: PROXY_FILES.readme, content: support.readme, mode: 0o644 },
  );
  await checkTargets(request.out, files.map((file) => file.path), request.force);

  warnings.push(...(await prepareDirectory(request.out, worker)));
  const written = await writeFiles(request.out, files);
  for (const runtime of RUNTIME_DIRECTORIES) await mkdir(join(request.out, runtime), { recursive: true });
  // Workers must reach the temp directories nginx creates under tmp/ for them.
  await chmod(join(request.out, 'tmp'), 0o711);
  if (passwords) warnings.push(...(await settlePasswordFile(join(request.out, PROXY_FILES.htpasswd), PASSWORD_FILE_MODE, worker.gid)));
  return { dir: request.out, files: written, layout, warnings };
}
