// `harden schedule`: the systemd units checked by systemd's own parser
// (systemd-analyze verify / calendar), and the cron line run the way cron runs it,
// against a real engine, with a reports folder whose name is hostile to every quoting.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { cliPath, harden } from '../helpers/cli.js';
import { latestTarget, runFolders } from './runs.js';
import type { AuditReport } from '../../src/report/types.js';

const run = promisify(execFile);

let engine: TestEngine;
let work: string;
/** Spaces, both quotes, $, % (a systemd specifier and cron's newline), a backslash. */
let hostileDir: string;

beforeAll(async () => {
  engine = await startEngine('sched');
  work = mkdtempSync(join(tmpdir(), 'harden-schedule-'));
  hostileDir = join(work, `rep orts "q" 'a' $HOME %h \\b`);
});

afterAll(async () => {
  await engine?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

type UnitFile = Record<string, Record<string, string[]>>;

/** systemd.syntax(7): [Section] headers, Key=Value lines, # and ; comments. */
function parseUnit(text: string): UnitFile {
  const unit: UnitFile = {};
  let section: Record<string, string[]> | undefined;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = unit[header[1] ?? ''] = {};
      continue;
    }
    const entry = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!entry || !section) throw new Error(`not a unit file line: ${line}`);
    (section[entry[1] ?? ''] ??= []).push(entry[2] ?? '');
  }
  return unit;
}

/** What cron does to the command part of a crontab line: `\%` is `%`, a bare `%` ends the command. */
function cronUnescape(command: string): string {
  const bare = command.search(/(?<!\\)%/);
  expect(bare).toBe(-1);
  return command.replace(/\\%/g, '%');
}

describe('harden schedule', () => {
  it('prints a oneshot service running harden report with absolute paths, and its timer', async () => {
    writeFileSync(join(work, 'team-policy.yaml'), 'checks: {}\n');
    const result = await harden(['schedule', '--every', '30m', '-H', engine.host, '-p', 'team-policy.yaml', '-p', 'restricted', '--out-dir', 'reports', '--keep', '48'], { cwd: work });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [, service = '', timer = ''] = result.stdout.split(/^# ==> harden-report\.(?:service|timer) <==\n/m);
    const serviceUnit = parseUnit(service);
    expect(serviceUnit.Service).toMatchObject({ Type: ['oneshot'], SuccessExitStatus: ['1'] });
    expect(serviceUnit.Service?.ExecStart).toEqual([
      `${process.execPath} ${cliPath} report --host ${engine.host} --policy ${join(work, 'team-policy.yaml')} --policy restricted --fail-on high --out-dir ${join(work, 'reports')} --keep 48`,
    ]);
    expect(parseUnit(timer)).toEqual({
      Unit: { Description: ['harden audit report every 30m'] },
      Timer: { OnCalendar: ['*-*-* *:00/30:00'], Persistent: ['true'] },
      Install: { WantedBy: ['timers.target'] },
    });
  });

  it('writes units that systemd-analyze verify accepts, even for a hostile reports folder, and refuses to overwrite them', async () => {
    const unitDir = join(work, 'units');
    const args = ['schedule', '--every', '6h', '-H', engine.host, '--out-dir', hostileDir, '--systemd', unitDir, '--unit', 'harden-report-prod'];
    const result = await harden(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const service = join(unitDir, 'harden-report-prod.service');
    const timer = join(unitDir, 'harden-report-prod.timer');
    expect(result.stdout).toBe(`wrote ${service}\nwrote ${timer}\nenable with: systemctl daemon-reload && systemctl enable --now harden-report-prod.timer\n`);
    const verify = await run('systemd-analyze', ['verify', service, timer]).catch((error: { code: number; stderr: string }) => error);
    expect(verify).toMatchObject({ stderr: '' });
    const execStart = parseUnit(readFileSync(service, 'utf8')).Service?.ExecStart?.[0] ?? '';
    // systemd's own quoting: double quotes, \" and \\, with % and $ doubled.
    expect(execStart).toContain(` --out-dir "${join(work, `rep orts \\"q\\" 'a' $$HOME %%h \\\\b`)}"`);
    expect(parseUnit(readFileSync(timer, 'utf8')).Timer?.OnCalendar).toEqual(['*-*-* 00/6:00:00']);

    const again = await harden(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist; nothing was written \(use --force to overwrite\)\n$/);
    expect((await harden([...args, '--force'])).code).toBe(0);
  });

  it('turns each --every into a calendar event systemd fires at that interval, and the same cron schedule', async () => {
    const expected: [string, number, string][] = [
      ['1m', 60, '* * * * *'],
      ['15m', 15 * 60, '*/15 * * * *'],
      ['1h', 3600, '0 * * * *'],
      ['6h', 6 * 3600, '0 */6 * * *'],
      ['1d', 86400, '0 0 * * *'],
      ['1w', 7 * 86400, '0 0 * * 1'],
    ];
    for (const [every, seconds, cron] of expected) {
      const units = await harden(['schedule', '--every', every]);
      const onCalendar = /^OnCalendar=(.*)$/m.exec(units.stdout)?.[1] ?? '';
      const { stdout } = await run('systemd-analyze', ['calendar', '--iterations=3', onCalendar], { env: { ...process.env, TZ: 'UTC' } });
      const times = [...stdout.matchAll(/(?:Next elapse|Iter\. #\d): \w{3} (\S+ \S+) UTC/g)].map((match) => Date.parse(`${match[1] ?? ''}Z`));
      expect(times).toHaveLength(3);
      expect([(times[1] ?? 0) - (times[0] ?? 0), (times[2] ?? 0) - (times[1] ?? 0)]).toEqual([seconds * 1000, seconds * 1000]);
      const cronLine = (await harden(['schedule', '--every', every, '--cron'])).stdout.split('\n').find((line) => line !== '' && !line.startsWith('#')) ?? '';
      expect(cronLine.split(' ').slice(0, 5).join(' ')).toBe(cron);
    }
  });

  it('prints a cron line that, run the way cron runs it, writes a report into the hostile folder', async () => {
    const result = await harden(['schedule', '--every', '15m', '--cron', '-H', engine.host, '--out-dir', hostileDir, '--fail-on', 'critical']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n').filter((line) => line !== '');
    expect(lines.slice(0, -1).every((line) => line.startsWith('# '))).toBe(true);
    const line = lines[lines.length - 1] ?? '';
    expect(line).toMatch(/^\*\/15 \* \* \* \* \S/);
    expect(line.endsWith(' >/dev/null')).toBe(true);
    const command = cronUnescape(line.split(' ').slice(5).join(' '));
    // cron runs the command with /bin/sh, a minimal PATH and HOME.
    const ran = await run('/bin/sh', ['-c', command], { env: { PATH: '/usr/bin:/bin', HOME: work, SHELL: '/bin/sh' } }).catch((error: { code: number }) => error);
    expect(ran).toMatchObject({ stdout: '', stderr: '' });
    const runs = runFolders(hostileDir);
    expect(runs).toHaveLength(1);
    expect(latestTarget(hostileDir)).toBe(runs[0]);
    expect(readdirSync(join(hostileDir, runs[0] ?? '')).sort()).toEqual(['report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif']);
  });

  it('passes FILE arguments, --baseline and --update-baseline on as absolute, quoted words that cron runs as given', async () => {
    const compose = `comp 'o' "s" $HOME %h.yaml`;
    writeFileSync(join(work, compose), 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n');
    const baseline = `base line $x %d.json`;
    const outDir = join(hostileDir, 'files');
    const result = await harden(['schedule', '--every', '1h', '--cron', compose, '--baseline', baseline, '--update-baseline', '--out-dir', outDir], { cwd: work });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const line = result.stdout.split('\n').filter((text) => text !== '' && !text.startsWith('#'))[0] ?? '';
    const command = cronUnescape(line.split(' ').slice(5).join(' '));
    const ran = await run('/bin/sh', ['-c', command], { env: { PATH: '/usr/bin:/bin', HOME: work, SHELL: '/bin/sh' } }).catch((error: { code: number }) => error);
    // The baseline summary goes to stdout with the run's line: cron mails nothing for a run that went well.
    expect(ran).toMatchObject({ stdout: '', stderr: '' });
    const baselineFile = JSON.parse(readFileSync(join(work, baseline), 'utf8')) as { findings: { container: string }[] };
    expect(baselineFile.findings.length).toBeGreaterThan(0);
    const runs = runFolders(outDir);
    expect(runs).toHaveLength(1);
    const report = JSON.parse(readFileSync(join(outDir, runs[0] ?? '', 'report.json'), 'utf8')) as AuditReport;
    expect(report.target).toMatchObject({ kind: 'compose', host: join(work, compose) });
    expect(report.findings.find((finding) => finding.ruleId === 'no-privileged')?.location).toEqual({ file: join(work, compose), line: 4 });
    expect(report.findings.every((finding) => finding.inBaseline === true)).toBe(true);

    const units = await harden(['schedule', compose, '--baseline', baseline, '--out-dir', 'reports'], { cwd: work });
    expect(units).toMatchObject({ code: 0, stderr: '' });
    const execStart = parseUnit(units.stdout.split(/^# ==> harden-report\.(?:service|timer) <==\n/m)[1] ?? '').Service?.ExecStart;
    expect(execStart).toEqual([
      `${process.execPath} ${cliPath} report "${join(work, `comp 'o' \\"s\\" $$HOME %%h.yaml`)}" --fail-on high --baseline "${join(work, 'base line $$x %%d.json')}" --out-dir ${join(work, 'reports')}`,
    ]);
  });

  it('passes --hosts on as an absolute path, and --parallel-hosts when it is not the default', async () => {
    const result = await harden(['schedule', '--hosts', 'fleet.yaml', '--parallel-hosts', '3', '--out-dir', 'reports', '--cron'], { cwd: work });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const line = result.stdout.split('\n').filter((text) => text !== '' && !text.startsWith('#'))[0] ?? '';
    expect(line).toBe(`0 0 * * * ${process.execPath} ${cliPath} report --hosts ${join(work, 'fleet.yaml')} --parallel-hosts 3 --fail-on high --out-dir ${join(work, 'reports')} >/dev/null`);
    const byDefault = await harden(['schedule', '--hosts', 'fleet.yaml', '--parallel-hosts', '8', '--cron'], { cwd: work });
    expect(byDefault.stdout).toContain(` report --hosts ${join(work, 'fleet.yaml')} --fail-on high --out-dir `);
  });

  it('refuses the option combinations harden report refuses, with its messages', async () => {
    const cases: [string[], string][] = [
      [['compose.yaml', '-H', engine.host], '-H/--host selects a live engine and cannot be combined with FILE arguments'],
      [['compose.yaml', '--from', 'inspect.json'], 'use either FILE arguments or --from, not both'],
      [['--hosts', 'fleet.yaml', '--context', 'prod'], 'use either --hosts or --context, not both (the fleet file names every engine and its TLS files)'],
      [['--hosts', 'fleet.yaml', '--parallel-hosts', 'many'], '--parallel-hosts: expected a positive whole number, got "many"'],
      [['--update-baseline'], '--update-baseline needs --baseline FILE (the file to write)'],
      [['--timeout', '0'], '--timeout: expected a positive number, got "0"'],
    ];
    for (const [args, message] of cases) {
      const result = await harden(['schedule', ...args]);
      expect({ args, ...result }).toEqual({ args, code: 2, stdout: '', stderr: `harden: ${message}\n` });
    }
  });

  it('rejects an interval no scheduler can keep, stdin input, and control characters, as usage errors', async () => {
    for (const every of ['7m', '60m', '5h', '2d', '1y', 'hourly', '0h']) {
      const result = await harden(['schedule', '--every', every]);
      expect(result).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `harden: --every: expected an interval that divides an hour, a day or a week evenly, such as 15m, 30m, 1h, 6h, 1d or 1w; got "${every}"\n`,
      });
    }
    expect((await harden(['schedule', '--from', '-'])).stderr).toBe('harden: --from -: a scheduled report has no stdin; give the inspect file\n');
    const newline = await harden(['schedule', '--out-dir', '/tmp/a\nb']);
    expect(newline).toMatchObject({ code: 2, stderr: 'harden: "/tmp/a\\nb": control characters cannot be passed through a unit file or crontab\n' });
    const badUnit = await harden(['schedule', '--unit', 'a/b']);
    expect(badUnit).toMatchObject({ code: 2, stderr: 'harden: --unit: expected letters, digits and _ . : - only, got "a/b"\n' });
  });
});
