// Bad input through the real CLI: one line on stderr naming what is wrong,
// a distinct exit code, no stack trace and no half-written output.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden, type CliResult } from '../helpers/cli.js';

let work: string;
const fixture = new URL('../fixtures/inspect/h-hardened.json', import.meta.url).pathname;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-err-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function expectOneLineError(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('engine problems exit 3', () => {
  it('names the unix socket and how to set the host', async () => {
    const result = await harden(['audit', '-H', 'unix:///tmp/hd-nowhere/docker.sock']);
    expectOneLineError(result, 3, /unix:\/\/\/tmp\/hd-nowhere\/docker\.sock.*(-H|DOCKER_HOST)/);
  });

  it('names a host from DOCKER_HOST as coming from DOCKER_HOST', async () => {
    const result = await harden(['audit'], { env: { DOCKER_HOST: 'unix:///tmp/hd-nowhere/docker.sock' } });
    expectOneLineError(result, 3, /DOCKER_HOST/);
  });

  it('reports a closed TCP port', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await harden(['audit', '-H', `tcp://127.0.0.1:${port}`]);
    expectOneLineError(result, 3, new RegExp(`tcp://127\\.0\\.0\\.1:${port}`));
  });

  it('reports a missing TLS client key as a TLS problem', async () => {
    const result = await harden(['audit', '-H', 'tcp://127.0.0.1:2376', '--tlsverify', '--tlscacert', '/nonexistent/ca.pem']);
    expectOneLineError(result, 3, /ca\.pem/);
  });
});

describe('policy and input problems exit 2', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed YAML', 'name: x\nchecks: [\n', /bad-yaml\.yaml:\d+:\d+/],
    ['unknown check id', 'name: x\nchecks:\n  no-privilegd: true\n', /unknown-id\.yaml:3:3: \/checks\/no-privilegd: .*no-privileged/],
    ['waiver without expiry', 'name: x\nchecks: { no-privileged: true }\nwaivers:\n  - { check: no-privileged, container: a, reason: r, owner: o }\n', /no-expiry\.yaml:4:\d+: \/waivers\/0.*expires/],
    ['invalid glob', 'name: x\nchecks:\n  no-privileged: { scope: { names: ["web-[a"] } }\n', /bad-glob\.yaml:3:\d+: \/checks\/no-privileged\/scope\/names\/0.*glob/],
    ['bad severity', 'name: x\nchecks:\n  no-privileged: { severity: urgent }\n', /bad-severity\.yaml:3:\d+: \/checks\/no-privileged\/severity/],
  ];
  const names = ['bad-yaml.yaml', 'unknown-id.yaml', 'no-expiry.yaml', 'bad-glob.yaml', 'bad-severity.yaml'];

  it.each(cases.map((c, i) => [...c, names[i]!] as const))('%s', async (_label, text, pattern, name) => {
    const policy = file(name, text);
    expectOneLineError(await harden(['audit', '--from', fixture, '-p', policy]), 2, pattern);
    expectOneLineError(await harden(['policy', 'validate', policy]), 2, pattern);
  });

  it('a waiver naming a daemon check, which has no container to scope it to', async () => {
    const policy = file('daemon-waiver.yaml', 'name: x\nchecks: { no-privileged: true }\nwaivers:\n  - { check: daemon-live-restore, container: a, reason: r, owner: o, expires: 2999-01-01 }\n');
    expectOneLineError(await harden(['policy', 'validate', policy]), 2, /daemon-waiver\.yaml:4:\d+: \/waivers\/0\/check: "daemon-live-restore" is a daemon check/);
  });

  it('a missing policy file or pack', async () => {
    expectOneLineError(await harden(['audit', '--from', fixture, '-p', join(work, 'nope.yaml')]), 2, /nope\.yaml/);
    expectOneLineError(await harden(['audit', '--from', fixture, '-p', 'strictest']), 2, /strictest/);
  });

  it('an unreadable or malformed inspect file', async () => {
    expectOneLineError(await harden(['audit', '--from', join(work, 'missing.json')]), 2, /missing\.json: .*no such file/);
    expectOneLineError(await harden(['audit', '--from', file('broken.json', '[{"Id": "a",\n}]')]), 2, /broken\.json: .*line 2, column 1/);
    expectOneLineError(await harden(['audit', '--from', file('wrong.json', '[{"Id":"a","Name":"/w","HostConfig":{"CapAdd":"SYS_ADMIN"}}]')]), 2, /wrong\.json: container 0 \(w\): HostConfig\.CapAdd/);
  });

  it('usage errors', async () => {
    expect((await harden(['audit', '--from', fixture, '--fail-on', 'urgent'])).code).toBe(2);
    expect((await harden(['audit', '--from', fixture, '--bogus'])).code).toBe(2);
    expectOneLineError(await harden(['audit', '--from', fixture, '-o', join(work, 'a'), '--output-dir', work]), 2, /not both/);
    expectOneLineError(await harden(['audit', '--from', fixture, '-H', 'unix:///x.sock']), 2, /-H\/--host selects a live engine and cannot be combined with --from/);
    expectOneLineError(await harden(['audit', '--from', fixture, '-f', 'json,sarif', '-o', join(work, 'a')]), 2, /one format/);
  });

  it('writes nothing when one requested format is unknown', async () => {
    const dir = join(work, 'out');
    expectOneLineError(await harden(['audit', '--from', fixture, '--output-dir', dir, '-f', 'json,pdf']), 2, /unknown format "pdf"/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe('policy commands', () => {
  it('validates a good policy and lists checks', async () => {
    const good = file('good.yaml', 'name: good\nextends: baseline\nchecks:\n  read-only-rootfs: off\n');
    const validated = await harden(['policy', 'validate', good]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/valid policy "good"/);
    const listed = await harden(['policy', 'list', '-p', 'restricted', '-f', 'json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; severity: string; enabled: boolean }[];
    expect(rows.find((r) => r.id === 'run-as-non-root')).toMatchObject({ severity: 'high', enabled: true });
  });

  it('prints the version and help with exit 0', async () => {
    const version = await harden(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const help = await harden(['audit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--tlsverify/);
  });
});

describe('a reader that stops early', () => {
  it('ends harden quietly with 141, as SIGPIPE would, instead of a stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const cli = new URL('../../dist/bundle/harden.js', import.meta.url).pathname;
    // Far more output than a pipe holds (64 KiB), so the writes meet the closed pipe.
    const one = JSON.parse(readFileSync(new URL('../fixtures/inspect/h-privileged.json', import.meta.url), 'utf8')) as unknown[];
    const many = file('many.json', JSON.stringify(Array.from({ length: 200 }, () => one).flat()));
    const errors = join(work, 'epipe.err');
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${cli} audit --from ${many} -f json 2>${errors} | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    expect(readFileSync(errors, 'utf8')).toBe('');
    expect(result.stdout).toBe('status 141\n');
  });
});
