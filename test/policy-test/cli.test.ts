// `harden policy init` and `harden policy test` through the built CLI: exit codes
// 0 / 1 / 2 and what a CI log shows.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';

const example = fileURLToPath(new URL('./example', import.meta.url));
const inspectFixtures = fileURLToPath(new URL('../fixtures/inspect', import.meta.url));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-policy-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('harden policy init', () => {
  it('writes harden-policy.yaml that `policy validate` accepts, and refuses to overwrite it without --force', async () => {
    const init = await harden(['policy', 'init'], { cwd: work });
    expect(init).toMatchObject({ code: 0, stderr: '', stdout: 'wrote harden-policy.yaml; audit with: harden audit -p harden-policy.yaml\n' });
    const validate = await harden(['policy', 'validate', 'harden-policy.yaml'], { cwd: work });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^harden-policy\.yaml: valid policy "harden-policy-cli-[^"]+" \(29 checks enabled, 0 custom, 0 waivers\)\n$/i);

    const again = await harden(['policy', 'init'], { cwd: work });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`harden: ${join(work, 'harden-policy.yaml')} already exists; nothing was written (use --force to overwrite)\n`);
    const forced = await harden(['policy', 'init', '--force', '--name', 'shop'], { cwd: work });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(work, 'harden-policy.yaml'), 'utf8')).toContain('\nname: shop\n');
  });

  it('writes to another file and rejects a bad --name', async () => {
    expect((await harden(['policy', 'init', 'ops/policy.yaml'], { cwd: work })).code).toBe(0);
    expect((await harden(['policy', 'validate', 'ops/policy.yaml'], { cwd: work })).code).toBe(0);
    const bad = await harden(['policy', 'init', 'x.yaml', '--name', 'Bad Name'], { cwd: work });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^harden: --name: expected lower-case letters/);
  });
});

describe('harden policy test', () => {
  it('exits 0 when every case passes', async () => {
    const result = await harden(['policy', 'test', example]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter((line) => line.startsWith('PASS '))).toHaveLength(5);
    expect(result.stdout.endsWith('5 case(s): 5 passed, 0 failed\n')).toBe(true);
  });

  it('exits 1 when a case fails, with the diff', async () => {
    // The example's cases find the fixtures at ../../../fixtures/inspect: keep that layout.
    const dir = join(work, 'test', 'policy-test', 'example');
    cpSync(example, dir, { recursive: true });
    cpSync(inspectFixtures, join(work, 'test', 'fixtures', 'inspect'), { recursive: true });
    writeFileSync(join(dir, 'cases', 'wrong.yaml'), 'input: ../../../fixtures/inspect/h-net-host.json\nexpect: { pass: [host-network] }\n');
    const result = await harden(['policy', 'test', 'test/policy-test/example'], { cwd: work });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL test/policy-test/example/cases/wrong.yaml\n    expected host-network to pass, but it has 1 finding(s):\n      h-net-host: ');
    expect(result.stdout.endsWith('6 case(s): 5 passed, 1 failed\n')).toBe(true);
  });

  it('exits 2 with file:line:col for malformed cases and runs none', async () => {
    const dir = join(work, 'suite');
    mkdirSync(join(dir, 'cases'), { recursive: true });
    writeFileSync(join(dir, 'cases', 'a.yaml'), 'input: {}\nexpect:\n  fail: [no-privilegd]\n');
    writeFileSync(join(dir, 'cases', 'b.yaml'), 'input: {}\nexpect: { pass: [no-privileged] }\nextra: 1\n');
    const result = await harden(['policy', 'test', 'suite', '-p', 'baseline'], { cwd: work });
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'harden: suite/cases/a.yaml:3:10: /expect/fail/0: "no-privilegd" is not a rule the policy runs (did you mean "no-privileged"?)\n' +
        'harden: suite/cases/b.yaml:3:1: /extra: unknown property "extra" (expected description, today, input or expect)\n',
    });
  });
});
