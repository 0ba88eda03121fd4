// `harden audit --hosts` speed, for `npm run bench`: three throwaway engines with
// 50 containers each (created, running and privileged, like the live bench), audited
// as one fleet. Target: the fleet takes at most 1.5x the slowest single-engine audit
// (engines are audited concurrently, the policy is loaded once). Medians of
// alternating runs, so machine drift hits both sides.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/bundle/harden.js');
const engineScript = join(root, 'test/sandbox/engine.sh');
const ENGINES = ['/tmp/hd-bfleet1', '/tmp/hd-bfleet2', '/tmp/hd-bfleet3'];
const CONTAINERS = 50;
export const FLEET_TARGET = 1.5;

function timed(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync('node', [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`harden ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function fill(dir) {
  const api = (method, path, body) => {
    const args = ['-sf', '--unix-socket', `${dir}/docker.sock`, '-X', method, `http://localhost/v1.41${path}`];
    if (body) args.push('-H', 'Content-Type: application/json', '-d', JSON.stringify(body));
    return execFileSync('curl', args, { encoding: 'utf8' });
  };
  const variants = [
    { HostConfig: { NetworkMode: 'none' } },
    { HostConfig: { NetworkMode: 'none', CapAdd: ['SYS_ADMIN'] } },
    { HostConfig: { NetworkMode: 'none', Binds: ['/etc:/host/etc:ro'] } },
    { HostConfig: { NetworkMode: 'none', Privileged: true }, createOnly: true },
  ];
  for (let i = 0; i < CONTAINERS; i++) {
    const { createOnly, ...variant } = variants[i % variants.length];
    const created = JSON.parse(api('POST', `/containers/create?name=fleet-${i}`, { Image: 'local/busybox:1', Cmd: ['sleep', '3600'], ...variant }));
    if (!createOnly) api('POST', `/containers/${created.Id}/start`);
  }
}

/** Times each engine alone and the three as a fleet; returns medians in ms. */
export function benchFleet({ runs = 7 } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'harden-fleet-bench-'));
  try {
    for (const dir of ENGINES) {
      execFileSync('sh', [engineScript, 'stop', dir]);
      execFileSync('sh', [engineScript, 'start', dir]);
      fill(dir);
    }
    const fleetFile = join(work, 'fleet.yaml');
    writeFileSync(fleetFile, `hosts:\n${ENGINES.map((dir, i) => `  - name: engine-${i + 1}\n    host: unix://${dir}/docker.sock\n`).join('')}`);
    const single = (dir) => ['audit', '-H', `unix://${dir}/docker.sock`, '-f', 'json'];
    const fleet = ['audit', '--hosts', fleetFile, '-f', 'json'];
    for (const dir of ENGINES) timed(single(dir));
    timed(fleet);
    const singles = ENGINES.map(() => []);
    const fleets = [];
    for (let run = 0; run < runs; run++) {
      ENGINES.forEach((dir, index) => singles[index].push(timed(single(dir))));
      fleets.push(timed(fleet));
    }
    const singleMedians = singles.map(median);
    const slowest = Math.max(...singleMedians);
    const fleetMs = median(fleets);
    return { singles: singleMedians, slowest, fleet: fleetMs, ratio: fleetMs / slowest };
  } finally {
    for (const dir of ENGINES) execFileSync('sh', [engineScript, 'stop', dir]);
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatFleetBench(result) {
  const ok = result.ratio <= FLEET_TARGET;
  const singles = result.singles.map((ms) => ms.toFixed(0)).join('/');
  return {
    ok,
    lines: [
      `fleet 3x${CONTAINERS}:    ${result.fleet.toFixed(0)} ms vs slowest single ${result.slowest.toFixed(0)} ms (singles ${singles} ms), ratio ${result.ratio.toFixed(2)}x   target <= ${FLEET_TARGET}x   ${ok ? 'PASS' : 'FAIL'}`,
    ],
  };
}
