// `harden audit` end to end against a real throwaway dockerd holding the
// standard risky set (test/sandbox/containers.sh): exact findings per container,
// exit codes, states, --from parity and every output format.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { harden } from '../helpers/cli.js';
import type { AuditReport } from '../../src/report/types.js';

const run = promisify(execFile);
const containersScript = fileURLToPath(new URL('../sandbox/containers.sh', import.meta.url));

// Every finding the baseline pack must produce, per container, and nothing else.
const DEFAULTS = ['cpu-limit', 'healthcheck', 'memory-limit', 'no-new-privileges', 'pids-limit', 'read-only-rootfs', 'run-as-non-root'];
const EXPECTED: Record<string, string[]> = {
  'h-privileged': [...DEFAULTS, 'apparmor-unconfined', 'capabilities', 'host-devices', 'no-privileged', 'seccomp-unconfined', 'selinux-options'],
  'h-cap-all': [...DEFAULTS, 'capabilities'],
  'h-cap-sys-admin': [...DEFAULTS, 'capabilities'],
  'h-drop-all-ro': DEFAULTS.filter((id) => id !== 'read-only-rootfs'),
  'h-etc-rw': [...DEFAULTS, 'sensitive-host-mounts'],
  'h-etc-ro': [...DEFAULTS, 'sensitive-host-mounts'],
  'h-engine-socket': [...DEFAULTS, 'docker-socket-mount'],
  'h-engine-socket-dir': [...DEFAULTS, 'docker-socket-mount'],
  'h-tmpfs-usr': DEFAULTS,
  'h-pid-host': [...DEFAULTS, 'host-pid', 'selinux-options'],
  'h-net-host': [...DEFAULTS, 'host-network'],
  'h-seccomp-unconfined': [...DEFAULTS, 'seccomp-unconfined'],
  'h-nnp-false': DEFAULTS,
  'h-hardened': [],
  'h-exited': DEFAULTS,
};

function findingsByContainer(report: AuditReport): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const container of report.containers) map[container.name] = [];
  // Daemon findings (no container) are asserted in test/daemon.
  for (const finding of report.findings) if (finding.container) map[finding.container.name]?.push(finding.ruleId);
  for (const ids of Object.values(map)) ids.sort();
  return map;
}

const sorted = (record: Record<string, string[]>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, [...v].sort()]));

let engine: TestEngine;
let work: string;

beforeAll(async () => {
  engine = await startEngine('cli');
  await run('sh', [containersScript], { env: { ...process.env, DOCKER_HOST: engine.host } });
  work = mkdtempSync(join(tmpdir(), 'harden-cli-'));
});

afterAll(async () => {
  await engine?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('harden audit on a live engine', () => {
  it('reports exactly the expected findings per container and exits 1 at --fail-on high', async () => {
    const result = await harden(['audit', '-H', engine.host, '-f', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(findingsByContainer(report)).toEqual(sorted(EXPECTED));
    expect(report.target).toMatchObject({ kind: 'engine', host: engine.host, apiVersion: '1.41' });
    expect(report.target.engineVersion).toMatch(/^20\.10\./);
    expect(report.summary).toMatchObject({ containers: 15, waived: 0, bySeverity: { critical: 3, high: 9 } });
    expect(report.containers.every((c) => !c.name.startsWith('/'))).toBe(true);
  });

  it('audits created and exited containers by default, and only running ones with --running', async () => {
    const all = JSON.parse((await harden(['audit', '-H', engine.host, '-f', 'json'])).stdout) as AuditReport;
    const states = Object.fromEntries(all.containers.map((c) => [c.name, c.state]));
    expect(states).toMatchObject({ 'h-privileged': 'created', 'h-cap-all': 'created', 'h-exited': 'exited', 'h-hardened': 'running' });

    const running = await harden(['audit', '-H', engine.host, '--running', '-f', 'json']);
    const report = JSON.parse(running.stdout) as AuditReport;
    const names = report.containers.map((c) => c.name).sort();
    expect(names).toEqual(Object.keys(EXPECTED).filter((n) => !['h-privileged', 'h-cap-all', 'h-exited'].includes(n)).sort());
    expect(report.findings.some((f) => f.ruleId === 'no-privileged')).toBe(false);
  });

  it('reads the host from DOCKER_HOST like the docker CLI', async () => {
    const result = await harden(['audit', '-f', 'json'], { env: { DOCKER_HOST: engine.host } });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as AuditReport).summary.containers).toBe(15);
  });

  it('exits by --fail-on: critical still fails here, and the report records the threshold', async () => {
    const result = await harden(['audit', '-H', engine.host, '--fail-on', 'critical', '-f', 'json']);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as AuditReport).failOn).toBe('critical');
  });

  it('finds the same as a live audit in `docker inspect` output given with --from, from a file and stdin', async () => {
    const ids = (await engine.docker('ps', '-aq')).split('\n');
    const inspect = await engine.docker('inspect', ...ids);
    const file = join(work, 'inspect.json');
    writeFileSync(file, inspect);
    const fromFile = await harden(['audit', '--from', file, '-f', 'json']);
    const fromStdin = await harden(['audit', '--from', '-', '-f', 'json'], { input: inspect });
    expect(fromFile.code).toBe(1);
    expect(fromStdin.code).toBe(1);
    const live = findingsByContainer(JSON.parse((await harden(['audit', '-H', engine.host, '-f', 'json'])).stdout) as AuditReport);
    // Offline there is no audited engine to locate: the socket file itself is
    // still recognised by its name, a bind of its unknown directory is not.
    const offlineExpected = { ...live, 'h-engine-socket-dir': live['h-engine-socket-dir']!.filter((id) => id !== 'docker-socket-mount') };
    const fileReport = JSON.parse(fromFile.stdout) as AuditReport;
    expect(findingsByContainer(fileReport)).toEqual(offlineExpected);
    expect(fileReport.target).toEqual({ kind: 'inspect-file', host: file, engineVersion: null, apiVersion: null });
    expect(findingsByContainer(JSON.parse(fromStdin.stdout) as AuditReport)).toEqual(offlineExpected);
  });

  it('passes the hardened container at high under baseline and at medium under restricted', async () => {
    const file = join(work, 'hardened.json');
    writeFileSync(file, await engine.docker('inspect', 'h-hardened'));
    const baseline = await harden(['audit', '--from', file, '-f', 'json']);
    expect(baseline.code).toBe(0);
    expect((JSON.parse(baseline.stdout) as AuditReport).findings).toEqual([]);
    const restricted = await harden(['audit', '--from', file, '-p', 'restricted', '--fail-on', 'medium', '-f', 'json']);
    expect(restricted.code).toBe(0);
  });

  it('writes every format with --output-dir, each parseable', async () => {
    const dir = join(work, 'reports');
    const result = await harden(['audit', '-H', engine.host, '--output-dir', dir, '-f', 'table,json,sarif,junit,markdown,html']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(
      ['harden-report.html', 'harden-report.json', 'harden-report.junit.xml', 'harden-report.md', 'harden-report.sarif', 'harden-report.txt'].sort(),
    );
    const sarif = JSON.parse(readFileSync(join(dir, 'harden-report.sarif'), 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    // 113 container findings and the sandbox daemon's 6 (test/daemon/engine.test.ts).
    expect(sarif.runs[0]!.results.length).toBe(119);
    expect(sarif.runs[0]!.results.every((r) => r.locations[0]!.physicalLocation.region.startLine === 1)).toBe(true);
    await run('xmllint', ['--noout', join(dir, 'harden-report.junit.xml')]);
    expect(readFileSync(join(dir, 'harden-report.html'), 'utf8')).toContain('h-privileged');
    expect(readFileSync(join(dir, 'harden-report.txt'), 'utf8')).toMatch(/119 finding/);
  });
});
