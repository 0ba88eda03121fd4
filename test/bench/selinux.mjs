// `harden selinux allow` speed and memory, for `npm run bench`: on a 200,000-line
// log from the committed generator, the median wall time of harden against the real
// audit2allow (-p policy.33) in the same run, and harden's peak resident memory.
// Targets: at least 20x faster than audit2allow, at most 100 MB peak.
// audit2allow takes tens of seconds, so it runs once unless BENCH_AUDIT2ALLOW_RUNS says more.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionTuples, writeAvcLog } from '../selinux/avc-log-generator.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/bundle/harden.js');
const POLICY = '/etc/selinux/default/policy/policy.33';
const LINES = 200_000;

// Runs one command with its stdout in a file and reports its wall time and its peak
// resident set (getrusage of the waited-for child: what GNU time's %M prints).
const MEASURE = `
import json, resource, subprocess, sys, time
with open(sys.argv[1], 'wb') as out:
    start = time.perf_counter()
    child = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - start) * 1000
print(json.dumps({"ms": ms, "code": child.returncode, "stderr": child.stderr.decode(errors="replace")[-400:], "peakKb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
`;

function measure(outFile, command, args) {
  const result = spawnSync('python3', ['-c', MEASURE, outFile, command, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`measuring ${command} failed: ${result.stderr}`);
  const run = JSON.parse(result.stdout);
  if (run.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchSelinux({ runs = Number(process.env.BENCH_RUNS ?? 7), audit2allowRuns = Number(process.env.BENCH_AUDIT2ALLOW_RUNS ?? 1) } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'harden-selinux-bench-'));
  try {
    const log = join(work, 'audit.log');
    await writeAvcLog(log, { lines: LINES, seed: 1 });
    const ours = join(work, 'harden.te');
    const theirs = join(work, 'audit2allow.te');
    const hardenRun = () => measure(ours, process.execPath, [cli, 'selinux', 'allow', log]);
    const audit2allowRun = () => measure(theirs, 'audit2allow', ['-p', POLICY, '-i', log]);
    hardenRun(); // warm the page cache and node's code cache
    const harden = [];
    const audit2allow = [];
    // Interleaved so drift on the machine hits both.
    for (let i = 0; i < Math.max(runs, audit2allowRuns); i++) {
      if (i < runs) harden.push(hardenRun());
      if (i < audit2allowRuns) audit2allow.push(audit2allowRun());
    }
    const ourRules = permissionTuples(readFileSync(ours, 'utf8'));
    const theirRules = permissionTuples(readFileSync(theirs, 'utf8'));
    const hardenMs = median(harden.map((run) => run.ms));
    const audit2allowMs = median(audit2allow.map((run) => run.ms));
    return {
      lines: LINES,
      bytes: statSync(log).size,
      hardenMs,
      audit2allowMs,
      ratio: audit2allowMs / hardenMs,
      hardenPeakMb: Math.max(...harden.map((run) => run.peakKb)) / 1024,
      audit2allowPeakMb: Math.max(...audit2allow.map((run) => run.peakKb)) / 1024,
      permissions: ourRules.size,
      sameRules: ourRules.size === theirRules.size && [...ourRules].every((tuple) => theirRules.has(tuple)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatSelinuxBench(result) {
  const fast = result.ratio >= 20;
  const small = result.hardenPeakMb <= 100;
  const fmt = (n) => n.toFixed(1);
  const size = `${result.lines.toLocaleString('en-US')} lines, ${fmt(result.bytes / 1024 / 1024)} MB`;
  return {
    ok: fast && small && result.sameRules,
    lines: [
      `selinux allow:  ${fmt(result.hardenMs)} ms vs audit2allow ${fmt(result.audit2allowMs)} ms on ${size}, ${result.ratio.toFixed(1)}x faster   target >= 20x   ${fast ? 'PASS' : 'FAIL'}`,
      `selinux memory: ${fmt(result.hardenPeakMb)} MB peak (audit2allow ${fmt(result.audit2allowPeakMb)} MB)   target <= 100 MB   ${small ? 'PASS' : 'FAIL'}`,
      `selinux rules:  ${result.permissions} (source, target, class, permission) ${result.sameRules ? 'identical to' : 'DIFFERENT from'} audit2allow's   ${result.sameRules ? 'PASS' : 'FAIL'}`,
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const formatted = formatSelinuxBench(await benchSelinux());
  for (const line of formatted.lines) console.log(line);
  process.exitCode = formatted.ok ? 0 : 1;
}
