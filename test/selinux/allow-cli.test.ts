// `harden selinux allow` as a user runs it: files and stdin, -m/-M, --domain, --why,
// the summary on stderr, exit 2 on bad input, and modules checkmodule compiles.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import { avcLogLines, seededRandom } from './avc-log-generator.mjs';

const work = mkdtempSync(join(tmpdir(), 'harden-allow-cli-'));
const log = join(work, 'audit.log');
const LOG_LINES = 400;
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  writeFileSync(log, `${[...avcLogLines({ lines: LOG_LINES, seed: 3 })].join('\n')}\n`);
});

/** Compiles a plain module the way `audit2allow -M` does; throws with the compiler's message when it does not compile. */
function compile(teFile: string): void {
  const mod = teFile.replace(/\.te$/, '.mod');
  execFileSync('checkmodule', ['-M', '-m', '-o', mod, teFile], { stdio: 'pipe' });
  execFileSync('semodule_package', ['-o', teFile.replace(/\.te$/, '.pp'), '-m', mod], { stdio: 'pipe' });
}

const SUMMARY = /^harden: (\d+) lines: (\d+) denials -> (\d+) rules; (\d+) ignored \([^)]*\), (\d+) malformed$/m;

describe('harden selinux allow', () => {
  it('prints a module for a log file and a summary on stderr whose counts add up', async () => {
    const result = await harden(['selinux', 'allow', log]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^module harden_allow 1\.0;\n\nrequire \{\n\ttype /);
    const [, lines, denials, rules, ignored, malformed] = (SUMMARY.exec(result.stderr) ?? []).map(Number);
    expect(lines).toBe(LOG_LINES);
    expect((denials ?? 0) + (ignored ?? 0) + (malformed ?? 0)).toBe(LOG_LINES);
    expect(malformed).toBe(0);
    expect(result.stdout.match(/^allow /gm)).toHaveLength(rules ?? -1);
  });

  it('reads standard input for -, and prints the same module', async () => {
    const [fromFile, fromStdin] = await Promise.all([harden(['selinux', 'allow', log]), harden(['selinux', 'allow', '-'], { input: readFileSync(log, 'utf8') })]);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('-M writes NAME.te into --out and, like audit2allow -M, NAME.pp; it refuses to overwrite NAME.te without --force', async () => {
    const out = join(work, 'pkg');
    const first = await harden(['selinux', 'allow', log, '-M', 'web_local', '--out', out, '--why']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`wrote ${join(out, 'web_local.te')}\ncompiled plain module web_local with checkmodule`);
    const te = readFileSync(join(out, 'web_local.te'), 'utf8');
    expect(te).toMatch(/^module web_local 1\.0;\n/);
    expect(te).toMatch(/^# why: \d+ denials?, /m);
    expect(readFileSync(join(out, 'web_local.pp')).length).toBeGreaterThan(1000);

    const again = await harden(['selinux', 'allow', log, '-M', 'web_local', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; nothing was written \(use --force/);
    expect((await harden(['selinux', 'allow', log, '-M', 'web_local', '--out', out, '--force'])).code).toBe(0);
  });

  it('-M without the policy compilers writes NAME.te only and says why there is no NAME.pp', async () => {
    const out = join(work, 'no-tools');
    const result = await harden(['selinux', 'allow', log, '-M', 'bare', '--out', out], { env: { PATH: join(work, 'empty-path') } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/did not build the \.pp: checkmodule \(checkpolicy.*semodule_package .*not found: install/);
    expect(existsSync(join(out, 'bare.te'))).toBe(true);
    expect(existsSync(join(out, 'bare.pp'))).toBe(false);
  });

  it('--domain keeps one source type; its module compiles', async () => {
    const result = await harden(['selinux', 'allow', log, '--domain', 'httpd_t', '-m', 'httpd_local']);
    expect(result.code).toBe(0);
    const sources = new Set([...result.stdout.matchAll(/^allow (\S+) /gm)].map((m) => m[1]));
    expect([...sources]).toEqual(['httpd_t']);
    expect(result.stderr).toContain('other domains than httpd_t');
    writeFileSync(join(work, 'httpd_local.te'), result.stdout);
    compile(join(work, 'httpd_local.te'));
  });

  it('an empty log or one without denials gives a module with no rules, exit 0', async () => {
    const result = await harden(['selinux', 'allow', '-'], { input: 'type=SYSCALL msg=audit(1700000000.000:1): arch=c000003e syscall=2\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('module harden_allow 1.0;\n\n# no AVC denials in the log: nothing to allow\n');
    expect(result.stderr).toMatch(/1 line: 0 denials -> 0 rules; 1 ignored/);
  });

  it('binary garbage is counted, not fatal', async () => {
    const random = seededRandom(7);
    const file = join(work, 'garbage.bin');
    writeFileSync(file, Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256))));
    const result = await harden(['selinux', 'allow', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(SUMMARY);
  });

  it.each([
    [['-m', 'my module'], /-m "my module": expected a module name/],
    [['-M', '9lives'], /-M "9lives": expected a module name/],
    [['-M', '../escape'], /-M "..\/escape": expected a module name/],
    [['-m', 'a', '-M', 'b'], /-m and -M exclude each other/],
    [['--domain', 'httpd_t;allow'], /--domain "httpd_t;allow": expected an SELinux type/],
  ])('exits 2 with one line for %j', async (flags, message) => {
    const result = await harden(['selinux', 'allow', log, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('exits 2 naming a log that does not exist', async () => {
    const result = await harden(['selinux', 'allow', join(work, 'nope.log')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`harden: ${join(work, 'nope.log')}: no such file\n`);
  });
});
