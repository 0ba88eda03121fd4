// `harden report` with `harden audit`'s offline targets and gates, through the CLI:
// compose files as FILE arguments (findings keep their file:line), `--baseline`
// gating the exit code while every run is still written, and the usage errors both
// commands share (exit 2, one line, nothing created).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden, type CliResult } from '../helpers/cli.js';
import type { BaselineFile } from '../../src/baseline/baseline-file.js';
import { readRun, runFolders } from './runs.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-report-files-'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const WEB = ['services:', '  web:', '    image: nginx:1.25', '    privileged: true', ''].join('\n');
// A second service with the docker socket mounted: a critical finding of its own.
const WITH_AGENT = [WEB.trimEnd(), '  agent:', '    image: local/agent:1', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock', ''].join('\n');

/** `harden report` run in `work`, so the compose file is named relative to it, as in a repository. */
const report = (...args: string[]): Promise<CliResult> => harden(['report', ...args], { cwd: work });

describe('harden report FILE...', () => {
  it('writes a run of the compose file whose findings point at their lines', async () => {
    writeFileSync(join(work, 'compose.yaml'), WEB);
    const outDir = join(work, 'compose-reports');
    const result = await report('compose.yaml', '--out-dir', outDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(1);
    const run = readRun(outDir, runs[0] ?? '');
    expect(result.stdout).toBe(`${join(outDir, runs[0] ?? '')}: ${run.summary.findings} open finding(s) in 1 container(s); first run in this folder\n`);
    expect(run.target).toMatchObject({ kind: 'compose', host: 'compose.yaml' });
    expect(run.findings.find((finding) => finding.ruleId === 'no-privileged')).toMatchObject({ location: { file: 'compose.yaml', line: 4 } });
    expect(run.findings.every((finding) => finding.location?.file === 'compose.yaml')).toBe(true);
    const sarif = readFileSync(join(outDir, 'latest', 'report.sarif'), 'utf8');
    expect(sarif).toContain('"uri": "compose.yaml"');
  });
});

describe('harden report --baseline', () => {
  const outDir = () => join(work, 'baseline-reports');
  const baselineFile = () => join(work, 'harden-baseline.json');

  it('--update-baseline writes the baseline and passes, with the run written', async () => {
    writeFileSync(join(work, 'gated.yaml'), WEB);
    const result = await report('gated.yaml', '--out-dir', outDir(), '--baseline', baselineFile(), '--update-baseline');
    const written = JSON.parse(readFileSync(baselineFile(), 'utf8')) as BaselineFile;
    expect(written.findings.length).toBeGreaterThan(0);
    const runs = runFolders(outDir());
    expect(runs).toHaveLength(1);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[1]).toBe(`baseline: wrote ${written.findings.length} finding(s) to ${baselineFile()}`);
    expect(readRun(outDir(), runs[0] ?? '').findings.every((finding) => finding.inBaseline === true)).toBe(true);
  });

  it('exits 0 while every finding is in the baseline, though they are high and critical', async () => {
    const result = await report('gated.yaml', '--out-dir', outDir(), '--baseline', baselineFile());
    const runs = runFolders(outDir());
    expect(runs).toHaveLength(2);
    const run = readRun(outDir(), runs[1] ?? '');
    expect(run.findings.some((finding) => finding.severity === 'critical')).toBe(true);
    expect(run.findings.every((finding) => finding.inBaseline === true)).toBe(true);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[1]).toBe(`baseline ${baselineFile()}: 0 new finding(s), ${run.summary.findings} in the baseline`);
  });

  it('exits 1 when a new service brings findings, and still writes the run with them marked new', async () => {
    writeFileSync(join(work, 'gated.yaml'), WITH_AGENT);
    const result = await report('gated.yaml', '--out-dir', outDir(), '--baseline', baselineFile());
    const runs = runFolders(outDir());
    expect(runs).toHaveLength(3);
    const run = readRun(outDir(), runs[2] ?? '');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    const fresh = run.findings.filter((finding) => finding.inBaseline === false);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((finding) => finding.container?.name === 'agent')).toBe(true);
    expect(fresh.map((finding) => finding.ruleId)).toContain('docker-socket-mount');
    expect(run.findings.filter((finding) => finding.container?.name === 'web').every((finding) => finding.inBaseline === true)).toBe(true);
    // The run's own comparison agrees: exactly the new service's findings are new.
    expect(run.changes?.new.map((change) => change.container?.name)).toEqual(fresh.map(() => 'agent'));
  });
});

describe('harden report usage errors', () => {
  it('refuses what harden audit refuses, with one line, exit 2 and nothing created', async () => {
    writeFileSync(join(work, 'usage.yaml'), WEB);
    const outDir = join(work, 'never-created');
    const cases: [string[], string][] = [
      [['usage.yaml', '--from', 'inspect.json'], 'use either FILE arguments or --from, not both'],
      [['usage.yaml', '-H', 'unix:///nowhere.sock'], '-H/--host selects a live engine and cannot be combined with FILE arguments'],
      [['--from', 'inspect.json', '--tlsverify'], '--tlsverify selects a live engine and cannot be combined with --from'],
      [['--hosts', 'fleet.yaml', '-H', 'unix:///nowhere.sock'], 'use either --hosts or -H/--host, not both (the fleet file names every engine and its TLS files)'],
      [['--hosts', 'fleet.yaml', 'usage.yaml'], 'use either --hosts or FILE arguments, not both (the fleet file names every engine and its TLS files)'],
      [['--hosts', 'fleet.yaml', '--tlsverify'], 'use either --hosts or --tlsverify, not both (the fleet file names every engine and its TLS files)'],
      [['--hosts', 'fleet.yaml', '--parallel-hosts', '0'], '--parallel-hosts: expected a positive whole number, got "0"'],
      [['usage.yaml', '--update-baseline'], '--update-baseline needs --baseline FILE (the file to write)'],
      [['usage.yaml', '--baseline', 'missing.json'], `missing.json: cannot read baseline (no such file); create it with --update-baseline`],
    ];
    for (const [args, message] of cases) {
      const result = await report(...args, '--out-dir', outDir);
      expect({ args, ...result }).toEqual({ args, code: 2, stdout: '', stderr: `harden: ${message}\n` });
    }
    expect(existsSync(outDir)).toBe(false);
  });

  it('reports a compose file it cannot read as exit 2 and leaves no staging folder', async () => {
    const outDir = join(work, 'unreadable-input');
    const result = await report('absent.yaml', '--out-dir', outDir);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^harden: absent\.yaml: cannot read \(no such file\); expected a compose file or a Kubernetes manifest\n$/);
    expect(readdirSync(outDir)).toEqual([]);
  });
});
