// `harden selinux allow` against the real audit2allow on logs from the committed
// generator: the same set of (source, target, class, permission), compared as sets
// because audit2allow splits one (source, target, class) into several rules when
// its policy lookup says some of the denials are already allowed, and its require
// block order is not stable.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import { COMBINATION_COUNT, everyCombinationLines, permissionTuples, writeAvcLog } from './avc-log-generator.mjs';

const POLICY = '/etc/selinux/default/policy/policy.33';
const work = mkdtempSync(join(tmpdir(), 'harden-allow-agreement-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const audit2allow = (log: string) => promisify(execFile)('audit2allow', ['-p', POLICY, '-i', log], { maxBuffer: 16 * 1024 * 1024 });

describe('harden selinux allow agrees with audit2allow', () => {
  it(`on one record of each of the generator's ${COMBINATION_COUNT} combinations: every type, class and permission exists in policy.33`, async () => {
    const log = join(work, 'every-combination.log');
    writeFileSync(log, `${everyCombinationLines(1).join('\n')}\n`);
    const [ours, theirs] = await Promise.all([harden(['selinux', 'allow', log]), audit2allow(log)]);
    expect(theirs.stderr).toBe('');
    expect(ours.stderr).toContain(`${COMBINATION_COUNT} lines: ${COMBINATION_COUNT} denials -> ${COMBINATION_COUNT} rules; 0 ignored`);
    expect([...permissionTuples(ours.stdout)].sort()).toEqual([...permissionTuples(theirs.stdout)].sort());
  });

  it.each([
    [3000, 11],
    [2500, 42],
  ])('on %i generated lines (seed %i)', async (lines, seed) => {
    const log = join(work, `seed-${seed}.log`);
    await writeAvcLog(log, { lines, seed });
    const [ours, theirs] = await Promise.all([harden(['selinux', 'allow', log]), audit2allow(log)]);
    expect(ours.code).toBe(0);
    // audit2allow drops denials whose contexts the policy does not know; the generator uses none, so it must print nothing about them.
    expect(theirs.stderr).toBe('');
    expect(ours.stderr).toMatch(/, 0 malformed$/m);
    const expected = permissionTuples(theirs.stdout);
    expect(expected.size).toBeGreaterThan(300);
    expect([...permissionTuples(ours.stdout)].sort()).toEqual([...expected].sort());
  });
});
