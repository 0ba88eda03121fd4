// npm run bench: speed targets as ratios against references measured in the
// same run (never absolute timings in tests).
//   1. live audit of 100 containers vs the floor (list + inspect only): target <= 1.3x
//   2. offline audit of a 10,000-container inspect file: target >= 20,000 containers/s
//      (and its ratio to a bare JSON.parse of the same file)
//   3. `harden --version`: target < 150 ms (and its ratio to `node -e 0`)
//   4. `harden tls init`: RSA-2048 <= 0.6x the openssl sequence, ECDSA P-256 < 300 ms (tls.mjs)
//   5. `harden proxy`: added latency of an authenticated /_ping <= 10 ms (proxy.mjs)
//   6. `harden selinux allow`: >= 20x faster than audit2allow, <= 100 MB peak (selinux.mjs)
//   *. `harden audit FILE`: a 1,000-service compose file and a 1,000-object manifest, each < 2 s (files.mjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTls, formatTlsBench } from './tls.mjs';
import { benchFiles, formatFilesBench } from './files.mjs';
import { benchProxy, formatProxyBench } from './proxy.mjs';
import { benchSelinux, formatSelinuxBench } from './selinux.mjs';
import { benchFleet, formatFleetBench } from './fleet.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/bundle/harden.js');
const engineScript = join(root, 'test/sandbox/engine.sh');
const dir = '/tmp/hd-bench';
const socket = `${dir}/docker.sock`;
const host = `unix://${socket}`;
const runs = Number(process.env.BENCH_RUNS ?? 11);

function timeOnce(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !(options.okStatus ?? [0]).includes(result.status)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Alternates A and B so drift on the machine hits both equally. */
function compare(a, b) {
  const ta = [];
  const tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(a());
    tb.push(b());
  }
  return { a: median(ta), b: median(tb) };
}

function api(method, path, body) {
  const args = ['-sf', '--unix-socket', socket, '-X', method, `http://localhost/v1.41${path}`];
  if (body) args.push('-H', 'Content-Type: application/json', '-d', JSON.stringify(body));
  return execFileSync('curl', args, { encoding: 'utf8' });
}

function createContainers(count) {
  const variants = [
    { HostConfig: { NetworkMode: 'none' } },
    { HostConfig: { NetworkMode: 'none', CapAdd: ['SYS_ADMIN'] } },
    { HostConfig: { NetworkMode: 'none', CapDrop: ['ALL'], ReadonlyRootfs: true } },
    { HostConfig: { NetworkMode: 'none', Binds: ['/etc:/host/etc:ro'] } },
    { HostConfig: { NetworkMode: 'none', PidMode: 'host' } },
    { HostConfig: { NetworkMode: 'none', SecurityOpt: ['seccomp=unconfined'] } },
    { HostConfig: { NetworkMode: 'none', Privileged: true }, create: true },
  ];
  for (let i = 0; i < count; i++) {
    const { create, ...variant } = variants[i % variants.length];
    const name = `bench-${i}-${Date.now()}`;
    const created = JSON.parse(api('POST', `/containers/create?name=${name}`, { Image: 'local/busybox:1', Cmd: ['sleep', '3600'], ...variant }));
    if (!create) api('POST', `/containers/${created.Id}/start`);
  }
}

function liveBench() {
  // BENCH_KEEP=1 leaves the engine and its containers up for profiling.
  const keep = Boolean(process.env.BENCH_KEEP);
  if (!keep) execFileSync('sh', [engineScript, 'stop', dir]);
  execFileSync('sh', [engineScript, 'start', dir]);
  try {
    const existing = JSON.parse(api('GET', '/containers/json?all=1')).length;
    if (existing !== 100) createContainers(100 - existing);
    const floorScript = join(root, 'test/bench/floor.mjs');
    // Warm both once (page cache, engine caches).
    timeOnce('node', [floorScript, socket]);
    timeOnce('node', [cli, 'audit', '-H', host, '-f', 'json'], { okStatus: [0, 1] });
    const { a: harden, b: floor } = compare(
      () => timeOnce('node', [cli, 'audit', '-H', host, '-f', 'json'], { okStatus: [0, 1] }),
      () => timeOnce('node', [floorScript, socket]),
    );
    return { harden, floor, ratio: harden / floor };
  } finally {
    if (!keep) execFileSync('sh', [engineScript, 'stop', dir]);
  }
}

function offlineBench() {
  const fixtures = join(root, 'test/fixtures/inspect');
  const samples = readdirSync(fixtures)
    .filter((f) => f.startsWith('h-'))
    .map((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')));
  const containers = [];
  for (let i = 0; i < 10_000; i++) {
    const sample = structuredClone(samples[i % samples.length]);
    sample.Id = i.toString(16).padStart(64, '0');
    sample.Name = `/${sample.Name.slice(1)}-${i}`;
    containers.push(sample);
  }
  const work = mkdtempSync(join(tmpdir(), 'harden-bench-'));
  const file = join(work, 'inspect-10000.json');
  // Indented like `docker inspect` prints it.
  writeFileSync(file, JSON.stringify(containers, null, 4));
  try {
    const parseOnly = `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
    const { a: harden, b: parse } = compare(
      () => timeOnce('node', [cli, 'audit', '--from', file, '-f', 'json'], { okStatus: [0, 1] }),
      () => timeOnce('node', ['-e', parseOnly]),
    );
    return { harden, parse, perSecond: 10_000 / (harden / 1000), ratio: harden / parse };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function versionBench() {
  const { a: version, b: bare } = compare(
    () => timeOnce('node', [cli, '--version']),
    () => timeOnce('node', ['-e', '0']),
  );
  return { version, bare, ratio: version / bare };
}

const fmt = (n) => n.toFixed(1);
// BENCH_ONLY=live|offline|version|tls|proxy|selinux|... runs one part (while tuning).
const only = process.env.BENCH_ONLY;
const wanted = (part) => !only || only === part;
let failed = false;
if (wanted('version')) {
const v = versionBench();
console.log(`--version:      ${fmt(v.version)} ms (node -e 0: ${fmt(v.bare)} ms, ratio ${v.ratio.toFixed(2)}x)   target < 150 ms   ${v.version < 150 ? 'PASS' : 'FAIL'}`);
failed ||= v.version >= 150;
}
if (wanted('offline')) {
const o = offlineBench();
console.log(`offline 10,000: ${fmt(o.harden)} ms = ${Math.round(o.perSecond)} containers/s (JSON.parse alone: ${fmt(o.parse)} ms, ratio ${o.ratio.toFixed(2)}x)   target >= 20000/s   ${o.perSecond >= 20_000 ? 'PASS' : 'FAIL'}`);
failed ||= o.perSecond < 20_000;
}
if (wanted('live')) {
const l = liveBench();
console.log(`live 100:       ${fmt(l.harden)} ms vs floor ${fmt(l.floor)} ms, ratio ${l.ratio.toFixed(2)}x   target <= 1.30x   ${l.ratio <= 1.3 ? 'PASS' : 'FAIL'}`);
failed ||= l.ratio > 1.3;
}
if (wanted('tls')) {
  const tls = formatTlsBench(benchTls({ runs }));
  for (const line of tls.lines) console.log(line);
  failed ||= !tls.ok;
}
if (wanted('proxy')) {
  const proxy = formatProxyBench(await benchProxy());
  for (const line of proxy.lines) console.log(line);
  failed ||= !proxy.ok;
}
if (wanted('selinux')) {
  const selinux = formatSelinuxBench(await benchSelinux({ runs: 5, audit2allowRuns: 1 }));
  for (const line of selinux.lines) console.log(line);
  failed ||= !selinux.ok;
}
if (wanted('fleet')) {
  const fleet = formatFleetBench(benchFleet({ runs: Math.min(runs, 7) }));
  for (const line of fleet.lines) console.log(line);
  failed ||= !fleet.ok;
}
if (wanted('files')) {
  const files = formatFilesBench(benchFiles({ runs: Math.min(runs, 7) }));
  for (const line of files.lines) console.log(line);
  failed ||= !files.ok;
}
process.exitCode = failed ? 1 : 0;
