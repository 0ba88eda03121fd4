// `harden policy init`: the starter file validates as written and with every example
// uncommented, its `$schema` points at a schema that exists, and it never overwrites
// a policy unless told to.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, initPolicy, policyNameFor, schemaReference } from '../../src/policy/init.js';
import { validatePolicyFile } from '../../src/policy/list.js';
import { loadPolicies } from '../../src/policy/loader.js';
import { POLICY_SCHEMA_PATH } from '../../src/policy/packs.js';

const EXAMPLES_MARKER = '# Examples: uncomment and adapt.\n#\n';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-init-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The file as a user would have it after uncommenting every example line. */
function uncommentExamples(text: string): string {
  const [active, examples] = text.split(EXAMPLES_MARKER);
  if (examples === undefined) throw new Error('no examples block');
  return active + examples.replace(/^# ?/gm, '');
}

describe('harden policy init', () => {
  it('writes a policy that validates, extends baseline and carries $schema', async () => {
    const path = await initPolicy(join(work, 'payments', 'harden-policy.yaml'), { force: false, today: new Date('2026-03-01T12:00:00Z') });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`\n$schema: ${JSON.stringify(POLICY_SCHEMA_PATH)}\n`);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${POLICY_SCHEMA_PATH}`);
    expect(text).toContain('\nname: payments\n');
    expect(text).toContain('\nextends: baseline ');
    expect(await validatePolicyFile(path, { cwd: work })).toEqual({ name: 'payments', enabledChecks: 29, customChecks: 0, waivers: 0 });
    // Only the file itself: the atomic write leaves no temp file behind.
    expect(readdirSync(dirname(path))).toEqual(['harden-policy.yaml']);
  });

  it('has commented examples (overrides, a scoped check, a custom check, an expiring waiver) that validate uncommented', async () => {
    const path = await initPolicy(join(work, 'harden-policy.yaml'), { force: false, today: new Date('2026-03-01T00:00:00Z') });
    const uncommented = join(work, 'uncommented.yaml');
    writeFileSync(uncommented, uncommentExamples(readFileSync(path, 'utf8')));
    const policy = await loadPolicies([uncommented], { cwd: work });
    const rules = new Map(policy.rules.map((rule) => [rule.info.id, rule]));
    expect(rules.get('read-only-rootfs')?.info.severity).toBe('high');
    expect(rules.has('healthcheck')).toBe(false);
    expect(rules.get('capabilities')?.params).toMatchObject({ allowed: ['NET_BIND_SERVICE'] });
    expect(rules.get('sensitive-host-mounts')?.inScope).not.toBeNull();
    expect(rules.get('org/no-latest-tag')?.kind).toBe('custom');
    expect(policy.waivers.map((waiver) => [waiver.status.check, waiver.status.expires])).toEqual([['no-privileged', '2026-05-30']]);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const path = join(work, 'harden-policy.yaml');
    writeFileSync(path, 'name: mine\n');
    await expect(initPolicy(path, { force: false })).rejects.toThrow(
      `${path} already exists; nothing was written (use --force to overwrite)`,
    );
    expect(readFileSync(path, 'utf8')).toBe('name: mine\n');
    await initPolicy(path, { force: true, name: 'team-x' });
    expect(readFileSync(path, 'utf8')).toContain('\nname: team-x\n');
  });
});

describe('$schema', () => {
  it('is the relative path of node_modules/harden in the repository when harden is installed there', () => {
    const installed = join(work, 'node_modules', 'harden', 'policies', 'policy.schema.json');
    mkdirSync(dirname(installed), { recursive: true });
    writeFileSync(installed, '{}');
    expect(schemaReference(join(work, 'harden-policy.yaml'))).toBe('node_modules/harden/policies/policy.schema.json');
    expect(schemaReference(join(work, 'ops', 'security', 'policy.yaml'))).toBe('../../node_modules/harden/policies/policy.schema.json');
    expect(existsSync(resolve(work, 'ops', 'security', '../../node_modules/harden/policies/policy.schema.json'))).toBe(true);
  });

  it('is the absolute path of the running install otherwise, and that schema exists', () => {
    expect(schemaReference(join(work, 'harden-policy.yaml'))).toBe(POLICY_SCHEMA_PATH);
    expect(existsSync(POLICY_SCHEMA_PATH)).toBe(true);
  });
});

describe('helpers', () => {
  it('derives a valid policy name from the directory', () => {
    expect(policyNameFor('/srv/My App/harden-policy.yaml')).toBe('my-app');
    expect(policyNameFor('/srv/__Payments.API__/p.yaml')).toBe('payments.api');
    expect(policyNameFor('/srv/###/p.yaml')).toBe('project');
  });

  it('adds days across month and year ends', () => {
    expect(addDays(new Date('2026-12-15T23:30:00Z'), 90)).toBe('2027-03-15');
    expect(addDays(new Date('2028-02-28T00:00:00Z'), 1)).toBe('2028-02-29');
  });
});
