// `harden proxy check DIR`: `nginx -t` on the proxy's config when nginx is installed,
// then a lint of what nginx -t cannot judge: weak password hashes, plaintext basic
// auth on a public address, credentials forwarded upstream, the profile.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { describeFsError } from '../util/fs-errors.js';
import { ProxyInputError } from './errors.js';
import { describeBadHashes, parsePasswordFile } from './htpasswd-file.js';
import { PROXY_FILES } from './generate.js';
import { parseListen } from './validate.js';

const run = promisify(execFile);

export type ProblemLevel = 'error' | 'warning';

export interface Problem {
  level: ProblemLevel;
  message: string;
}

export interface CheckResult {
  /** `nginx -t` output when it ran; undefined when nginx is not installed. */
  nginxTest: { ok: boolean; output: string } | undefined;
  problems: Problem[];
}

const error = (message: string): Problem => ({ level: 'error', message });
const warning = (message: string): Problem => ({ level: 'warning', message });

/** Directive arguments, comments removed, e.g. all `listen` lines. */
function directives(conf: string, name: string): string[][] {
  const withoutComments = conf.replace(/#[^\n]*/g, '');
  const pattern = new RegExp(`(?:^|[;{}\\s])${name}\\s+([^;{}]*);`, 'g');
  return [...withoutComments.matchAll(pattern)].map((match) => (match[1] ?? '').trim().split(/\s+/));
}

/** Loopback per the listen address; a bare port or `*` means every address. */
function isLoopbackListen(address: string): boolean {
  if (/^\d+$/.test(address) || address.startsWith('*') || address.startsWith('unix:')) return address.startsWith('unix:');
  try {
    return parseListen(address).loopback;
  } catch {
    return /^localhost:\d+$/.test(address);
  }
}

function lintHttp(conf: string, path: string): Problem[] {
  const problems: Problem[] = [];
  const basicAuth = directives(conf, 'auth_basic').some((args) => args[0] !== 'off');
  for (const args of directives(conf, 'listen')) {
    const address = args[0] ?? '';
    if (basicAuth && !args.includes('ssl') && !isLoopbackListen(address)) {
      problems.push(error(`${path}: listen ${address} without ssl: basic-auth passwords cross the network in clear text`));
    }
  }
  const cleared = directives(conf, 'proxy_set_header').some((args) => args[0]?.toLowerCase() === 'authorization' && (args[1] === '""' || args[1] === "''"));
  if (basicAuth && !cleared) problems.push(error(`${path}: no \`proxy_set_header Authorization "";\`: every user's password is forwarded to the daemon`));
  if (!basicAuth && directives(conf, 'ssl_verify_client').length === 0) problems.push(error(`${path}: neither auth_basic nor ssl_verify_client: anyone who can connect controls the daemon`));
  if (/"~\^\[01\] full "/.test(conf)) problems.push(warning(`${path}: a user has the full profile: that is root on the daemon's host`));
  if (!/\$harden_allowed/.test(conf) && basicAuth) problems.push(warning(`${path}: no harden allow-list: every authenticated user can call every endpoint (root on the host)`));
  return problems;
}

function lintStream(conf: string, path: string): Problem[] {
  const verify = directives(conf, 'ssl_verify_client');
  if (!verify.some((args) => args[0] === 'on')) return [error(`${path}: stream proxy without \`ssl_verify_client on\`: anyone who can connect controls the daemon`)];
  return [warning(`${path}: stream mode has no allow-list: every client certificate from its CA is root on the daemon's host`)];
}

async function lintPasswordFiles(conf: string, dir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const args of directives(conf, 'auth_basic_user_file')) {
    const file = (args[0] ?? '').replace(/^["']|["']$/g, '');
    const path = isAbsolute(file) ? file : join(dir, file);
    const stats = await stat(path).catch(() => null);
    const text = stats ? await readFile(path, 'utf8').catch(() => null) : null;
    if (!stats || text === null) {
      problems.push(error(`${path}: the password file cannot be read, so every login fails`));
      continue;
    }
    if ((stats.mode & 0o004) !== 0) problems.push(error(`${path}: readable by every user (mode ${(stats.mode & 0o777).toString(8)}); chmod o-r it`));
    const entries = parsePasswordFile(text);
    problems.push(...describeBadHashes(path, entries).map(error));
    for (const entry of entries) {
      if (entry.verdict.strength === 'strong' && entry.verdict.note) problems.push(warning(`${path}:${entry.line}: user ${entry.user}: ${entry.verdict.format}: ${entry.verdict.note}`));
    }
  }
  return problems;
}

async function nginxTest(dir: string): Promise<CheckResult['nginxTest']> {
  try {
    const { stderr } = await run('nginx', ['-t', '-p', dir, '-c', PROXY_FILES.conf]);
    return { ok: true, output: stderr.trim() };
  } catch (failure) {
    const { code, stderr } = failure as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') return undefined;
    return { ok: false, output: (stderr ?? String(failure)).trim() };
  }
}

export async function checkProxy(dir: string): Promise<CheckResult> {
  const path = join(dir, PROXY_FILES.conf);
  const conf = await readFile(path, 'utf8').catch((failure: unknown) => {
    throw new ProxyInputError(`${path}: cannot read it (${describeFsError(failure)}); expected a directory made by \`harden proxy nginx\``);
  });
  const test = await nginxTest(dir);
  const problems: Problem[] = [];
  if (test && !test.ok) problems.push(error(`${path}: nginx -t failed: ${test.output.split('\n').find((line) => /\[(emerg|alert|crit|error)\]/.test(line)) ?? test.output}`));
  problems.push(...(/^\s*stream\s*\{/m.test(conf) ? lintStream(conf, path) : lintHttp(conf, path)));
  problems.push(...(await lintPasswordFiles(conf, dir)));
  return { nginxTest: test, problems };
}
