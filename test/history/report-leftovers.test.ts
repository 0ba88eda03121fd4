// What a killed `harden report` leaves in a reports folder, and what SIGINT/SIGTERM
// leave: a run removes the staging folders (and temporary `latest` links) of runs
// whose process is gone, never those of a live process; an interrupted run discards
// its own and exits 130/143. The slow engine is a unix-socket HTTP server that holds
// its answer until the test has signalled harden.
import { spawn, type ChildProcess } from 'node:child_process';
import { lutimesSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, harden } from '../helpers/cli.js';
import { machineTag, ownedPrefix } from '../../src/history/leftovers.js';
import { runFolders } from './runs.js';

const fixture = new URL('../fixtures/inspect/h-hardened.json', import.meta.url).pathname;

let work: string;
let sleeper: ChildProcess;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-leftovers-'));
  // A live process that is neither the test nor harden: its folder must survive.
  sleeper = spawn('sleep', ['3600'], { stdio: 'ignore' });
});

afterAll(() => {
  sleeper?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('true', { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid ?? 0));
  });
}

/** Sets an entry's modification time `hours` back (a symlink's own, not its target's). */
function age(path: string, hours: number): void {
  const then = new Date(Date.now() - hours * 3600 * 1000);
  lutimesSync(path, then, then);
}

describe('harden report and what killed runs left', () => {
  it('removes the staging folders of dead processes and old unowned ones, and keeps those of live processes', async () => {
    const outDir = join(work, 'reports');
    mkdirSync(outDir);
    const dead = await deadPid();
    const otherMachine = machineTag() === '00000000' ? '11111111' : '00000000';
    const entries = {
      deadRun: `${ownedPrefix('incoming', dead)}AbC123`,
      deadLink: `${ownedPrefix('latest', dead)}0123456789ab`,
      thisTest: `${ownedPrefix('incoming', process.pid)}DeF456`,
      sleeper: `${ownedPrefix('incoming', sleeper.pid)}GhI789`,
      otherMachineFresh: `.incoming-${dead}-${otherMachine}-JkL012`,
      otherMachineOld: `.incoming-${dead}-${otherMachine}-MnO345`,
      unownedFresh: '.incoming-PqR678',
      unownedOld: '.incoming-StU901',
      unownedOldLink: '.latest-abcdef012345',
      notOurs: '.incoming-notes',
    };
    for (const [key, name] of Object.entries(entries)) {
      const path = join(outDir, name);
      if (key === 'deadLink' || key === 'unownedOldLink') {
        symlinkSync('2026-01-01T00-00-00.000Z', path);
        continue;
      }
      mkdirSync(path);
      writeFileSync(join(path, 'report.json'), '{"half":');
    }
    for (const key of ['otherMachineOld', 'unownedOld', 'unownedOldLink', 'notOurs'] as const) age(join(outDir, entries[key]), 25);
    age(join(outDir, entries.otherMachineFresh), 23);

    const result = await harden(['report', '--from', fixture, '--out-dir', outDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const removed = [entries.deadRun, entries.deadLink, entries.otherMachineOld, entries.unownedOld, entries.unownedOldLink];
    const kept = [entries.thisTest, entries.sleeper, entries.otherMachineFresh, entries.unownedFresh, entries.notOurs];
    const run = runFolders(outDir)[0] ?? '';
    expect(readdirSync(outDir).sort()).toEqual([...kept, run, 'latest'].sort());
    const lines = result.stdout.split('\n');
    expect(lines[1]?.startsWith(`removed what 5 interrupted run(s) left: `)).toBe(true);
    expect(lines[1]?.slice(lines[1].indexOf(': ') + 2).split(', ').sort()).toEqual([...removed].sort());
  });
});

/** Resolves on the first request, which the server then leaves unanswered. */
async function slowEngine(socket: string): Promise<{ firstRequest: Promise<void>; close(): Promise<void> }> {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => undefined;
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((_request, response) => {
    held.push(response);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    firstRequest,
    async close() {
      for (const response of held) response.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('harden report interrupted while the engine is answering', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal}: discards the staging folder and exits ${code}`, async () => {
      const dir = mkdtempSync(join(work, 'sig-'));
      const outDir = join(dir, 'reports');
      const engine = await slowEngine(join(dir, 'docker.sock'));
      try {
        const child = spawn(process.execPath, [cliPath, 'report', '-H', `unix://${join(dir, 'docker.sock')}`, '--out-dir', outDir], {
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const exited = exitOf(child);
        await engine.firstRequest;
        // Mid-audit: the staging folder exists, owned by harden's pid.
        const staging = readdirSync(outDir);
        expect(staging).toHaveLength(1);
        expect(staging[0]?.startsWith(ownedPrefix('incoming', child.pid))).toBe(true);
        child.kill(signal);
        expect(await exited).toEqual({
          code,
          signal: null,
          stdout: '',
          stderr: `harden: interrupted by ${signal}; the run was discarded, nothing was added to ${outDir}\n`,
        });
        expect(readdirSync(outDir)).toEqual([]);
      } finally {
        await engine.close();
      }
    });
  }
});
