// Real nginx (Debian's package) running a config `harden proxy nginx` generated,
// probed with the real curl and docker CLI. Every helper here starts something
// that the caller stops in afterAll.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { harden } from '../helpers/cli.js';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without throwing (tests assert on the exit code); stdin gets `input`, then EOF. */
export function outcome(command: string, args: string[], env: NodeJS.ProcessEnv, options: { input?: string; timeoutMs?: number } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
    });
    // A command that exits without reading its input (curl) closes the pipe: not an error here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

export { freeLoopbackPort } from '../helpers/ports.js';

/** A private working directory under /tmp (short: it may hold unix sockets). */
export function scratchDirectory(label: string): Promise<string> {
  return mkdtemp(`/tmp/hpx-${label}-`);
}

export const basicAuthorization = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** `harden proxy nginx --out DIR ...`; the password, if any, goes through stdin. Throws on a non-zero exit. */
export async function generateProxy(out: string, options: string[], password?: string): Promise<void> {
  const args = ['proxy', 'nginx', '--out', out, ...options];
  const result = await harden(password === undefined ? args : [...args, '--password-stdin'], { input: password === undefined ? '' : `${password}\n` });
  if (result.code !== 0) throw new Error(`harden ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
}

/** `harden proxy passwd FILE NAME --password-stdin`. Throws on a non-zero exit. */
export async function addUser(htpasswd: string, name: string, password: string): Promise<void> {
  const result = await harden(['proxy', 'passwd', htpasswd, name, '--password-stdin'], { input: `${password}\n` });
  if (result.code !== 0) throw new Error(`harden proxy passwd ${name} exited ${result.code}: ${result.stderr}`);
}

export interface RunningNginx {
  prefix: string;
  port: number;
  /** User names the worker processes run as (the master's children). */
  workerUsers(): Promise<string[]>;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function readErrorLog(prefix: string): Promise<string> {
  return readFile(join(prefix, 'logs/error.log'), 'utf8').catch(() => '(no logs/error.log in the prefix)');
}

async function childUsers(parent: number): Promise<string[]> {
  const names = new Map((await readFile('/etc/passwd', 'utf8')).split('\n').map((line) => {
    const [name = '', , uid = ''] = line.split(':');
    return [uid, name] as const;
  }));
  const users: string[] = [];
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (/^PPid:\s+(\d+)$/m.exec(status)?.[1] !== String(parent)) continue;
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1] ?? '';
    users.push(names.get(uid) ?? uid);
  }
  return users;
}

/** `nginx -p PREFIX -c nginx.conf -g 'daemon off;'`, resolved once `port` accepts connections. */
export async function startNginx(prefix: string, port: number): Promise<RunningNginx> {
  const child = spawn('nginx', ['-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const running: RunningNginx = {
    prefix,
    port,
    workerUsers: () => childUsers(child.pid ?? -1),
    async stop() {
      // SIGTERM is nginx's fast shutdown: the master stops its workers before exiting.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await portAnswers(port)) return running;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await running.stop();
  throw new Error(`nginx -p ${prefix} did not listen on ${port}: ${stderr}\n${await readErrorLog(prefix)}`);
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface ProbeOptions {
  method?: string;
  headers?: string[];
  user?: [string, string];
  /** Extra curl options (TLS material, ...). */
  curl?: string[];
}

/**
 * One request with the real curl. `--path-as-is` keeps `../` and `//` exactly as
 * written, so nginx, not curl, decides what they mean.
 */
export async function probe(url: string, options: ProbeOptions = {}): Promise<HttpAnswer> {
  const method = options.method ?? 'GET';
  const args = ['-s', '--path-as-is', '--max-time', '10', '-o', '-', '-w', '\n%{http_code}', ...(options.curl ?? [])];
  // curl -X HEAD would wait for a body that never comes.
  args.push(...(method === 'HEAD' ? ['--head'] : ['-X', method]));
  if (options.user) args.push('-u', `${options.user[0]}:${options.user[1]}`);
  for (const header of options.headers ?? []) args.push('-H', header);
  args.push(url);
  const result = await outcome('curl', args, { PATH: process.env.PATH ?? '' }, { timeoutMs: 15_000 });
  const cut = result.stdout.lastIndexOf('\n');
  return { status: Number(result.stdout.slice(cut + 1)), body: result.stdout.slice(0, cut) };
}

/** The real docker CLI with a private config dir, no machine DOCKER_* settings, and the given client env. */
export class DockerClient {
  private constructor(
    private readonly home: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /**
   * `env` is e.g. { DOCKER_HOST, DOCKER_CUSTOM_HEADERS } or { DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH };
   * `httpHeaders` go to config.json's HttpHeaders, the other way to send credentials.
   */
  static async create(home: string, env: NodeJS.ProcessEnv, httpHeaders?: Record<string, string>): Promise<DockerClient> {
    const config = join(home, '.docker');
    await mkdir(config, { recursive: true, mode: 0o700 });
    if (httpHeaders) await writeFile(join(config, 'config.json'), JSON.stringify({ HttpHeaders: httpHeaders }), { mode: 0o600 });
    return new DockerClient(home, env);
  }

  run(...args: string[]): Promise<Outcome> {
    return this.runWithInput(undefined, ...args);
  }

  runWithInput(input: string | undefined, ...args: string[]): Promise<Outcome> {
    const env = { PATH: process.env.PATH ?? '', HOME: this.home, DOCKER_CONFIG: join(this.home, '.docker'), ...this.env };
    return outcome('docker', args, env, input === undefined ? {} : { input });
  }
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface RecordingUpstream {
  /** `unix:///.../recorder.sock`, for `--upstream`. */
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * A stand-in Docker API on a unix socket that answers 200 to everything and
 * records what reached it: the proof of what the proxy forwards.
 */
export async function startRecordingUpstream(dir: string): Promise<RecordingUpstream> {
  const socket = join(dir, 'recorder.sock');
  await mkdir(dir, { recursive: true });
  await rm(socket, { force: true });
  const requests: RecordedRequest[] = [];
  const server = createHttpServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    request.resume();
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': '1.41' });
    response.end('OK');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  // nginx workers may run as an unprivileged user: let them reach the socket.
  await chmod(dir, 0o755);
  await chmod(socket, 0o666);
  return {
    url: `unix://${socket}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        // nginx keeps idle upstream connections open; close() alone would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
