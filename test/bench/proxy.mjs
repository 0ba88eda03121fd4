// `harden proxy nginx` speed, for `npm run bench`: the median latency an
// authenticated `/_ping` gains by going through the generated nginx proxy instead
// of straight to the engine socket. One client, keep-alive on both paths, batches
// alternating so drift on the machine hits both equally. Target: <= 10 ms added,
// at the hash `harden proxy passwd` writes by default (nginx verifies it on every
// request: it keeps no cache).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/bundle/harden.js');
const engineScript = join(root, 'test/sandbox/engine.sh');
const engineDir = '/tmp/hd-bench-proxy';
const socket = `${engineDir}/docker.sock`;
const user = 'bench';
const password = 'bench password, long enough to be realistic';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const answers = (port) =>
  new Promise((resolve) => {
    const probe = connect({ host: '127.0.0.1', port }, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });

/** The hash scheme of the first htpasswd line, in words: `bcrypt cost 5`, `sha512-crypt 5000 rounds`. */
export function describeHash(line) {
  const hash = line.slice(line.indexOf(':') + 1);
  const bcrypt = /^\$2[aby]\$(\d+)\$/.exec(hash);
  if (bcrypt) return `bcrypt cost ${Number(bcrypt[1])}`;
  const sha = /^\$([56])\$(?:rounds=(\d+)\$)?/.exec(hash);
  if (sha) return `${sha[1] === '6' ? 'sha512' : 'sha256'}-crypt ${sha[2] ?? 5000} rounds`;
  return hash.slice(0, 4);
}

async function startNginx(prefix, port) {
  const nginx = spawn('nginx', ['-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200 && nginx.exitCode === null; i++) {
    if (await answers(port)) return nginx;
    await sleep(50);
  }
  nginx.kill('SIGTERM');
  throw new Error(`nginx -p ${prefix} did not listen on 127.0.0.1:${port}`);
}

/** One GET /_ping on `target`'s single keep-alive socket; resolves with its latency in ms. */
function timedPing(target) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = request({ ...target, path: '/_ping' }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200 || body !== 'OK') reject(new Error(`/_ping answered ${response.statusCode} ${body.slice(0, 80)}`));
        else resolve(Number(process.hrtime.bigint() - start) / 1e6);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function batch(target, count, into) {
  for (let i = 0; i < count; i++) into.push(await timedPing(target));
}

/**
 * Resolves with { requests, hash, direct, proxied, added } (latencies in ms, medians).
 * Needs the built CLI (dist/), dockerd and nginx.
 */
export async function benchProxy({ requests = Number(process.env.BENCH_PROXY_REQUESTS ?? 500), batchSize = 50 } = {}) {
  execFileSync('sh', [engineScript, 'stop', engineDir]);
  execFileSync('sh', [engineScript, 'start', engineDir]);
  const work = mkdtempSync('/tmp/hpx-bench-');
  let nginx;
  const agents = [new Agent({ keepAlive: true, maxSockets: 1 }), new Agent({ keepAlive: true, maxSockets: 1 })];
  try {
    const port = await freePort();
    const out = join(work, 'proxy');
    execFileSync('node', [cli, 'proxy', 'nginx', '--out', out, '--upstream', `unix://${socket}`, '--listen', `127.0.0.1:${port}`, '--user', user, '--password-stdin'], {
      input: `${password}\n`,
      // Its stderr carries the expected warning that workers run as root here; a failure throws with it.
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const hash = describeHash(readFileSync(join(out, 'htpasswd'), 'utf8').split('\n')[0] ?? '');
    nginx = await startNginx(out, port);
    const direct = { socketPath: socket, agent: agents[0] };
    const proxied = { host: '127.0.0.1', port, agent: agents[1], headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } };
    await batch(direct, batchSize, []);
    await batch(proxied, batchSize, []);
    const directTimes = [];
    const proxiedTimes = [];
    while (directTimes.length < requests) {
      await batch(direct, batchSize, directTimes);
      await batch(proxied, batchSize, proxiedTimes);
    }
    const result = { requests: directTimes.length, hash, direct: median(directTimes), proxied: median(proxiedTimes) };
    return { ...result, added: result.proxied - result.direct };
  } finally {
    for (const agent of agents) agent.destroy();
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await new Promise((resolve) => nginx.once('exit', resolve));
    }
    rmSync(work, { recursive: true, force: true });
    execFileSync('sh', [engineScript, 'stop', engineDir]);
  }
}

/** Report lines in the style of bench.mjs, and whether the target was met. */
export function formatProxyBench(result) {
  const ok = result.added <= 10;
  const fmt = (n) => n.toFixed(2);
  return {
    ok,
    lines: [
      `proxy /_ping:   +${fmt(result.added)} ms added (proxied ${fmt(result.proxied)} ms vs direct socket ${fmt(result.direct)} ms, medians of ${result.requests} keep-alive requests each; hash ${result.hash})   target <= 10 ms   ${ok ? 'PASS' : 'FAIL'}`,
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok, lines } = formatProxyBench(await benchProxy());
  for (const line of lines) console.log(line);
  process.exitCode = ok ? 0 : 1;
}
