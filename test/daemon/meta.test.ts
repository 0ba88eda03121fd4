// Walks the daemon check registry: every module registered under its file name,
// self-describing (fix naming the dockerd flag and the daemon.json key), covered by
// the check table, listed in README.md, and known to the policy schema.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { daemonChecks, getDaemonCheck } from '../../src/daemon/checks/index.js';
import { checks as containerChecks } from '../../src/policy/checks/index.js';
import { buildPolicySchema } from '../../src/policy/schema.js';
import { SEVERITIES, type JsonSchema } from '../../src/policy/types.js';

const root = new URL('../../', import.meta.url);
const checkFiles = readdirSync(fileURLToPath(new URL('src/daemon/checks/', root)))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length));
const table = readFileSync(new URL('test/daemon/checks.test.ts', root), 'utf8');
const readme = existsSync(new URL('README.md', root)) ? readFileSync(new URL('README.md', root), 'utf8') : '';
const ajv = new Ajv({ strict: true, allErrors: true });

describe('daemon check registry', () => {
  it('registers every module under the id equal to its file name, sorted, prefixed daemon-', () => {
    expect(daemonChecks.map((check) => check.id)).toEqual([...checkFiles].sort());
    for (const id of checkFiles) {
      expect(getDaemonCheck(id)?.id).toBe(id);
      expect(id).toMatch(/^daemon-[a-z-]+$/);
    }
  });

  it('shares no id with a container check', () => {
    const containerIds = new Set(containerChecks.map((check) => check.id));
    expect(daemonChecks.filter((check) => containerIds.has(check.id))).toEqual([]);
  });

  it('is part of the policy schema, without a container scope', () => {
    const properties = ((buildPolicySchema(containerChecks)['properties'] as Record<string, JsonSchema>)['checks']?.['properties'] ?? {}) as Record<string, JsonSchema>;
    for (const check of daemonChecks) {
      const setting = JSON.stringify(properties[check.id]);
      expect(setting).toContain(check.title);
      expect(setting).not.toContain('"scope"');
    }
  });

  describe.each(daemonChecks.map((check) => [check.id, check] as const))('%s', (id, check) => {
    it('describes itself: title, description, severity, a fix naming the dockerd flag and the daemon.json key', () => {
      expect(check.title.trim()).not.toBe('');
      expect(check.description.trim()).not.toBe('');
      expect(SEVERITIES).toContain(check.severity);
      expect(check.fix.dockerd).toMatch(/--[a-z]|chown|chmod|dockerd/);
      expect(check.fix.daemonJson).toMatch(/"[a-z-]+"|daemon\.json|chown/);
      if (check.refs.cis !== undefined) expect(check.refs.cis).toMatch(/^[23]\.\d+$/);
    });

    it('has a closed, documented params schema whose defaults satisfy it', () => {
      expect(check.params['type']).toBe('object');
      expect(check.params['additionalProperties']).toBe(false);
      const properties = (check.params['properties'] ?? {}) as Record<string, JsonSchema>;
      for (const [name, property] of Object.entries(properties)) expect(typeof property['description'], `${id} ${name}`).toBe('string');
      expect(Object.keys(check.defaults).sort()).toEqual(Object.keys(properties).sort());
      const validate = ajv.compile(check.params);
      expect(validate(check.defaults), ajv.errorsText(validate.errors)).toBe(true);
    });

    it('has rows in the check table and a line in README.md', () => {
      expect(table).toContain(`'${id}'`);
      expect(readme.split('\n').some((line) => line.startsWith(`| \`${id}\` |`))).toBe(true);
    });
  });
});
