// `harden report` end to end against a real throwaway dockerd: consecutive runs
// in one reports folder, changes between them, `latest`, --keep, and a reports
// folder that cannot be written (refused before anything is audited).
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { cliPath, harden, type CliResult } from '../helpers/cli.js';
import type { AuditReport, FindingChange } from '../../src/report/types.js';
import { atLeast } from '../../src/policy/types.js';
import { addRiskyContainer, latestTarget, openRuleIds, readRun, RUN_FILES, runFolders } from './runs.js';

let engine: TestEngine;
let work: string;
let outDir: string;

beforeAll(async () => {
  engine = await startEngine('rep');
  await engine.docker('run', '-d', '--name', 'r-base', '--network', 'none', 'local/busybox:1', 'sleep', '3600');
  work = mkdtempSync(join(tmpdir(), 'harden-report-'));
  // Traversable by the unprivileged user of the unwritable-folder test.
  chmodSync(work, 0o755);
  outDir = join(work, 'reports');
});

afterAll(async () => {
  await engine?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const report = (...extra: string[]): Promise<CliResult> => harden(['report', '-H', engine.host, '--out-dir', outDir, ...extra]);

/** The exit code the report's own findings call for. */
function expectedCode(audit: AuditReport): number {
  return audit.findings.some((finding) => !finding.waived && atLeast(finding.severity, audit.failOn)) ? 1 : 0;
}

const describeChange = (change: FindingChange) => `${change.container?.name ?? 'daemon'} ${change.ruleId}`;
const describeOpen = (audit: AuditReport, name: string) => openRuleIds(audit, name).map((rule) => `${name} ${rule}`);

describe('harden report on a live engine', () => {
  let first: AuditReport;
  let second: AuditReport;

  it('writes the first run into a timestamped folder with all five reports, points latest at it, and has nothing to compare', async () => {
    const result = await report();
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(1);
    const run = runs[0] ?? '';
    first = readRun(outDir, run);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(expectedCode(first));
    expect(result.stdout).toBe(`${join(outDir, run)}: ${first.summary.findings} open finding(s) in 1 container(s); first run in this folder\n`);
    expect(readdirSync(join(outDir, run)).sort()).toEqual(RUN_FILES);
    expect(lstatSync(join(outDir, 'latest')).isSymbolicLink()).toBe(true);
    expect(latestTarget(outDir)).toBe(run);
    expect(first.changes).toBeUndefined();
    expect(first.trend).toEqual([{ run, generatedAt: first.generatedAt, bySeverity: first.summary.bySeverity }]);
    expect(openRuleIds(first, 'r-base').length).toBeGreaterThan(0);
    // Nothing else in the folder: no staging folder or temporary symlink left behind.
    expect(readdirSync(outDir).sort()).toEqual([run, 'latest']);
  });

  it('shows exactly the findings of a container added since the previous run as new', async () => {
    await addRiskyContainer(engine, 'r-risky');
    const result = await report();
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(2);
    second = readRun(outDir, runs[1] ?? '');
    expect(result.code).toBe(expectedCode(second));
    const changes = second.changes;
    if (!changes) throw new Error('second run has no changes');
    expect(changes.previous).toEqual({ run: runs[0], generatedAt: first.generatedAt });
    expect(changes.new.map(describeChange).sort()).toEqual(describeOpen(second, 'r-risky'));
    expect(openRuleIds(second, 'r-risky')).toEqual(expect.arrayContaining(['capabilities', 'sensitive-host-mounts']));
    expect(changes.new.every((change) => change.container?.image === 'local/busybox:1')).toBe(true);
    expect(changes.resolved).toEqual([]);
    expect(changes.unchanged).toHaveLength(second.summary.findings - changes.new.length);
    expect(result.stdout).toContain(`; since ${runs[0]}: ${changes.new.length} new, 0 resolved, ${changes.unchanged.length} unchanged\n`);
    expect(latestTarget(outDir)).toBe(runs[1]);
    expect(second.trend?.map((point) => point.run)).toEqual(runs);
    // CI systems read the run's JUnit: well-formed XML, a failing case per open finding at or above --fail-on.
    const failures = execFileSync('xmllint', ['--xpath', 'count(//testcase/failure)', join(outDir, runs[1] ?? '', 'report.junit.xml')], { encoding: 'utf8' });
    const failing = second.findings.filter((f) => !f.waived && atLeast(f.severity, second.failOn));
    expect(failing.length).toBeGreaterThan(0);
    expect(Number(failures)).toBe(failing.length);
  });

  it('shows them as resolved once the container is removed, and keeps a re-created container the same container', async () => {
    await engine.docker('rm', '-f', 'r-risky');
    // A new id for the same name and image: its findings must stay "unchanged".
    const oldId = await engine.docker('inspect', '-f', '{{.Id}}', 'r-base');
    await engine.docker('rm', '-f', 'r-base');
    await engine.docker('run', '-d', '--name', 'r-base', '--network', 'none', 'local/busybox:1', 'sleep', '3600');
    expect(await engine.docker('inspect', '-f', '{{.Id}}', 'r-base')).not.toBe(oldId);

    const result = await report();
    const runs = runFolders(outDir);
    const third = readRun(outDir, runs[2] ?? '');
    expect(result.code).toBe(expectedCode(third));
    const changes = third.changes;
    if (!changes) throw new Error('third run has no changes');
    expect(changes.previous.run).toBe(runs[1]);
    expect(changes.resolved.map(describeChange).sort()).toEqual(describeOpen(second, 'r-risky'));
    expect(changes.new).toEqual([]);
    expect(changes.unchanged.map(describeChange)).toEqual(expect.arrayContaining(describeOpen(third, 'r-base')));
    expect(changes.unchanged).toHaveLength(third.summary.findings);
    expect(latestTarget(outDir)).toBe(runs[2]);

    // The Markdown and HTML reports lead with the changes.
    const markdown = readFileSync(join(outDir, 'latest', 'report.md'), 'utf8');
    expect(markdown.indexOf('## Changes since the previous run')).toBeGreaterThan(0);
    expect(markdown.indexOf('## Changes since the previous run')).toBeLessThan(markdown.indexOf('## Summary'));
    expect(markdown).toContain(`**0 new**, **${changes.resolved.length} resolved**`);
    expect(markdown).toMatch(/### Resolved findings\n\n\| Severity \| Container \| Rule \| Finding \|\n[\s\S]*\| high \| r-risky \| capabilities \|/);
    const html = readFileSync(join(outDir, 'latest', 'report.html'), 'utf8');
    expect(html.indexOf('<h2 id="changes">')).toBeLessThan(html.indexOf('<h2 id="summary">'));
    expect(html).toContain('<svg class="trend"');
  });

  it('--keep N prunes the oldest runs, and the trend covers only the kept runs', async () => {
    const before = runFolders(outDir);
    const result = await report('--keep', '2');
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toBe(before[before.length - 1]);
    expect(result.stdout).toContain(`pruned 2 old run(s): ${before[0]}, ${before[1]}\n`);
    expect(latestTarget(outDir)).toBe(runs[1]);
    const kept = readRun(outDir, runs[1] ?? '');
    expect(kept.trend?.map((point) => point.run)).toEqual(runs);
    expect(kept.changes?.previous.run).toBe(runs[0]);
    expect(kept.changes?.new).toEqual([]);
    expect(kept.changes?.resolved).toEqual([]);
  });

  it('rejects a --keep that is not a whole number of runs before auditing', async () => {
    const result = await report('--keep', '0');
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'harden: --keep: expected a whole number of runs, 1 or more, got "0"\n' });
  });
});

describe('harden report with a reports folder it cannot write', () => {
  let fake: Server;
  let fakeDir: string;
  let connections = 0;

  // An "engine" that only counts connections: any audit would have to connect.
  beforeAll(async () => {
    fakeDir = mkdtempSync(join(tmpdir(), 'harden-fake-engine-'));
    chmodSync(fakeDir, 0o755);
    fake = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const socket = join(fakeDir, 'docker.sock');
    await new Promise<void>((resolve) => fake.listen(socket, resolve));
    chmodSync(socket, 0o777);
  });

  afterAll(async () => {
    await new Promise((resolve) => fake?.close(resolve));
    if (fakeDir) rmSync(fakeDir, { recursive: true, force: true });
  });

  const fakeHost = () => `unix://${join(fakeDir, 'docker.sock')}`;

  it('exits 2 without connecting to the engine when the folder is not writable for the user', async () => {
    const folder = join(work, 'not-yours');
    mkdirSync(folder, { mode: 0o755 });
    // root ignores permission bits: run harden as nobody, like a scheduled job under a service user.
    const asNobody = await runAsNobody(['report', '-H', fakeHost(), '--out-dir', folder]);
    expect(asNobody.code).toBe(2);
    expect(asNobody.stderr).toBe(`harden: ${folder}: reports folder is not writable (permission denied); nothing was audited (choose another --out-dir or fix its permissions)\n`);
    expect(asNobody.stdout).toBe('');
    expect(connections).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('exits 2 without connecting when the folder would be under a regular file, or latest is not a symlink', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const underFile = await harden(['report', '-H', fakeHost(), '--out-dir', join(file, 'reports')]);
    expect(underFile).toMatchObject({ code: 2, stdout: '' });
    expect(underFile.stderr).toBe(`harden: ${join(file, 'reports')}: reports folder is not writable (a parent is not a directory); nothing was audited (choose another --out-dir or fix its permissions)\n`);

    const folder = join(work, 'latest-is-a-folder');
    mkdirSync(join(folder, 'latest'), { recursive: true });
    const latestFolder = await harden(['report', '-H', fakeHost(), '--out-dir', folder]);
    expect(latestFolder).toMatchObject({ code: 2, stdout: '' });
    expect(latestFolder.stderr).toMatch(/latest: exists and is not a symlink; move it away/);
    expect(connections).toBe(0);
    expect(readdirSync(folder)).toEqual(['latest']);
    expect(existsSync(join(file, 'reports'))).toBe(false);
  });
});

function runAsNobody(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const command = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, ...args];
    execFile('setpriv', command, { env: { PATH: process.env.PATH ?? '', HOME: '/tmp' } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}
