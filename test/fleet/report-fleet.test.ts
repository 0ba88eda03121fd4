// `harden report --hosts` on two real engines: consecutive runs of a fleet in one
// reports folder. Both engines end up with a risky container named `web` with the
// same settings, so its findings differ only by host: they must stay apart across
// runs, and the changes must name the engine they come from.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import type { AuditReport, FindingChange } from '../../src/report/types.js';
import { readRun, runFolders } from '../history/runs.js';

// Created, not started: SYS_ADMIN and a read-write /etc mount are high findings.
const RISKY_WEB = ['create', '--network', 'none', '--name', 'web', '--cap-add', 'SYS_ADMIN', '-v', '/etc:/host/etc', 'local/busybox:1', 'sleep', '3600'];

let alpha: TestEngine;
let bravo: TestEngine;
let dir = '';
let fleet = '';
let outDir = '';

beforeAll(async () => {
  [alpha, bravo] = await Promise.all([startEngine('rpo-a'), startEngine('rpo-b')]);
  await alpha.docker('create', '--network', 'none', '--name', 'db', 'local/busybox:1', 'sleep', '3600');
  // bravo's `web` comes first; alpha gets the same one between the runs. alpha is
  // first in the fleet, so a finding of alpha's new `web` that took bravo's identity
  // would be matched with bravo's old one and bravo's would show as new.
  await bravo.docker(...RISKY_WEB);
  dir = await mkdtemp('/tmp/hd-rpo-fleet-');
  fleet = join(dir, 'fleet.yaml');
  await writeFile(fleet, ['hosts:', '  - name: alpha', `    host: ${alpha.host}`, '  - name: bravo', `    host: ${bravo.host}`, ''].join('\n'));
  outDir = join(dir, 'reports');
});

afterAll(async () => {
  await Promise.all([alpha?.stop(), bravo?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const describeChange = (change: FindingChange) => `${change.host} ${change.container?.name ?? 'daemon'} ${change.ruleId}`;

/** `host container rule` of every open finding of one container. */
function openOf(report: AuditReport, host: string, container: string): string[] {
  return report.findings
    .filter((finding) => !finding.waived && finding.host === host && finding.container?.name === container)
    .map((finding) => `${host} ${container} ${finding.ruleId}`)
    .sort();
}

describe('harden report --hosts', () => {
  let first: AuditReport;

  it('writes the fleet run: every engine, every finding with its host', async () => {
    const result = await harden(['report', '--hosts', fleet, '--out-dir', outDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(1);
    first = readRun(outDir, runs[0] ?? '');
    expect(first.target).toMatchObject({ kind: 'fleet', host: fleet });
    expect(first.hosts?.map((host) => [host.name, host.reachable])).toEqual([['alpha', true], ['bravo', true]]);
    expect(first.containers.map((container) => container.name).sort()).toEqual(['alpha/db', 'bravo/web']);
    expect(first.findings.every((finding) => finding.host === 'alpha' || finding.host === 'bravo')).toBe(true);
    expect(openOf(first, 'bravo', 'bravo/web').length).toBeGreaterThan(0);
  });

  it('shows exactly the findings of a container added on one engine as new, under that engine', async () => {
    await alpha.docker(...RISKY_WEB);
    const result = await harden(['report', '--hosts', fleet, '--out-dir', outDir]);
    expect(result.stderr).toBe('');
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(2);
    const second = readRun(outDir, runs[1] ?? '');
    const changes = second.changes;
    if (!changes) throw new Error('second run has no changes');
    const added = openOf(second, 'alpha', 'alpha/web');
    expect(added).toEqual(expect.arrayContaining(['alpha alpha/web capabilities', 'alpha alpha/web sensitive-host-mounts']));
    expect(changes.new.map(describeChange).sort()).toEqual(added);
    expect(changes.resolved).toEqual([]);
    // The same problems in bravo's `web` are unchanged, each once.
    const bravoWeb = openOf(second, 'bravo', 'bravo/web');
    expect(bravoWeb.map((line) => line.replace(/bravo/g, 'alpha'))).toEqual(added);
    expect(changes.unchanged.map(describeChange).filter((line) => line.startsWith('bravo bravo/web ')).sort()).toEqual(bravoWeb);
    expect(changes.unchanged).toHaveLength(second.summary.findings - changes.new.length);
    expect(result.stdout).toContain(`; since ${runs[0]}: ${added.length} new, 0 resolved, ${changes.unchanged.length} unchanged\n`);

    // The Markdown report lists them under alpha.
    const markdown = readFileSync(join(outDir, 'latest', 'report.md'), 'utf8');
    const newTable = /### New findings\n\n(\| Severity [^\n]*\n\| --- [^\n]*\n(?:\|[^\n]*\n)*)/.exec(markdown)?.[1] ?? '';
    const rows = newTable.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(added.length);
    expect(rows.every((row) => row.includes('| alpha/web |'))).toBe(true);
  });

  it('shows exactly the removed container of one engine as resolved', async () => {
    await bravo.docker('rm', '-f', 'web');
    const result = await harden(['report', '--hosts', fleet, '--out-dir', outDir]);
    expect(result.stderr).toBe('');
    const runs = runFolders(outDir);
    const previous = readRun(outDir, runs[1] ?? '');
    const third = readRun(outDir, runs[2] ?? '');
    const changes = third.changes;
    if (!changes) throw new Error('third run has no changes');
    expect(changes.new).toEqual([]);
    // Were bravo's identities alpha's, alpha's old findings would be the resolved ones.
    expect(changes.resolved.map(describeChange).sort()).toEqual(openOf(previous, 'bravo', 'bravo/web'));
    expect(changes.unchanged.map(describeChange).filter((line) => line.startsWith('alpha alpha/web ')).sort()).toEqual(openOf(third, 'alpha', 'alpha/web'));
  });
});
