// Walks the registry: every check module is registered, self-describing, tested,
// documented in README.md and used by a pack; every pack names only real checks
// with params their schemas accept.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checks, getCheck } from '../../../src/policy/checks/index.js';
import { SEVERITIES, type JsonSchema } from '../../../src/policy/types.js';

const root = new URL('../../../', import.meta.url);
const checksDir = fileURLToPath(new URL('src/policy/checks/', root));
const testsDir = fileURLToPath(new URL('test/policy/checks/', root));
const PACKS = ['baseline', 'restricted'] as const;

interface PackEntry {
  severity?: string;
  params?: Record<string, unknown>;
}

function readPack(name: string): Record<string, boolean | 'off' | PackEntry> {
  const document = parse(readFileSync(new URL(`policies/${name}.yaml`, root), 'utf8')) as { checks?: Record<string, boolean | 'off' | PackEntry> };
  return document.checks ?? {};
}

const ajv = new Ajv({ strict: true, allErrors: true });
const checkFiles = readdirSync(checksDir)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length));

describe('check registry', () => {
  it('registers every check module under the id equal to its file name, sorted by id', () => {
    expect(checks.map((check) => check.id)).toEqual([...checkFiles].sort());
    for (const id of checkFiles) expect(getCheck(id)?.id).toBe(id);
    expect(getCheck('no-such-check')).toBeUndefined();
  });

  it('has unique ids', () => {
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
  });

  describe.each(checks.map((check) => [check.id, check] as const))('%s', (id, check) => {
    it('describes itself: title, description, remediation for docker run and compose', () => {
      expect(check.title.trim()).not.toBe('');
      expect(check.description.trim()).not.toBe('');
      expect(check.fix.compose.trim()).not.toBe('');
      expect(check.fix.run).toMatch(/--[a-z]|docker /);
      expect(SEVERITIES).toContain(check.severity);
    });

    it('cites references in the expected shape', () => {
      if (check.refs.cis !== undefined) expect(check.refs.cis).toMatch(/^\d+\.\d+$/);
      if (check.refs.pss !== undefined) expect(check.refs.pss).toMatch(/^(baseline|restricted)\/[a-z-]+(, (baseline|restricted)\/[a-z-]+)*$/);
    });

    it('has a closed params schema with every property documented, and defaults that satisfy it', () => {
      expect(check.params['type']).toBe('object');
      expect(check.params['additionalProperties']).toBe(false);
      const properties = (check.params['properties'] ?? {}) as Record<string, JsonSchema>;
      for (const [name, property] of Object.entries(properties)) {
        expect(typeof property['description'], `${id} param ${name} needs a description`).toBe('string');
      }
      expect(Object.keys(check.defaults).sort()).toEqual(Object.keys(properties).sort());
      const validate = ajv.compile(check.params);
      expect(validate(check.defaults), ajv.errorsText(validate.errors)).toBe(true);
    });

    it('has a table test', () => {
      expect(existsSync(`${testsDir}${id}.test.ts`)).toBe(true);
    });

    // README.md's check table is written by the lead from `harden policy list`.
    it('is listed in README.md', () => {
      const readme = existsSync(new URL('README.md', root)) ? readFileSync(new URL('README.md', root), 'utf8') : '';
      expect(readme.split('\n').some((line) => line.startsWith(`| \`${id}\` |`))).toBe(true);
    });

    it('is enabled by at least one pack', () => {
      expect(PACKS.some((pack) => { const entry = readPack(pack)[id]; return entry !== undefined && entry !== false && entry !== 'off'; })).toBe(true);
    });
  });
});

describe.each(PACKS)('pack %s', (pack) => {
  const entries = Object.entries(readPack(pack));

  it('names only registered checks, with valid severities and params', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const [id, entry] of entries) {
      const check = getCheck(id);
      expect(check, `${pack} names unknown check ${id}`).toBeDefined();
      if (check === undefined || typeof entry !== 'object') continue;
      if (entry.severity !== undefined) expect(SEVERITIES).toContain(entry.severity);
      const validate = ajv.compile(check.params);
      expect(validate({ ...check.defaults, ...entry.params }), `${pack}: ${id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});
