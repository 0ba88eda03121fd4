// The editor schema on disk is exactly what the registry generates, and the packs satisfy it.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/policy/checks/index.js';
import { daemonChecks } from '../../src/daemon/checks/index.js';
import { loadPolicies } from '../../src/policy/loader.js';
import { POLICY_SCHEMA_PATH, packPath } from '../../src/policy/packs.js';
import { buildPolicySchema, POLICY_SCHEMA_ID, renderPolicySchema } from '../../src/policy/schema.js';
import type { JsonSchema } from '../../src/policy/types.js';

const committed = readFileSync(POLICY_SCHEMA_PATH, 'utf8');

describe('policy schema', () => {
  it('is up to date on disk (regenerate: sh test/sandbox/update-readme.sh)', () => {
    expect(committed).toBe(renderPolicySchema(checks));
  });

  it('is a valid draft-07 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strictTypes: false });
    const schema = JSON.parse(committed) as JsonSchema;
    expect(ajv.validateSchema(schema), ajv.errorsText()).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(schema['$id']).toBe(POLICY_SCHEMA_ID);
  });

  it('has one entry per built-in check, with a title and a description for editors', () => {
    const properties = (buildPolicySchema(checks)['properties'] as Record<string, JsonSchema>)['checks']?.['properties'] as Record<
      string,
      JsonSchema
    >;
    // Daemon checks (src/daemon) share the `checks:` map; test/daemon/meta.test.ts covers their entries.
    expect(Object.keys(properties).sort()).toEqual([...checks, ...daemonChecks].map((check) => check.id).sort());
    for (const check of checks) {
      expect(properties[check.id]?.['title']).toBe(check.title);
      expect(properties[check.id]?.['description']).toContain(check.description);
    }
  });

  it.each(checks.map((check) => [check.id, check] as const))('accepts the defaults of %s as its params', (_id, check) => {
    const ajv = new Ajv({ strictTypes: false });
    const validate = ajv.compile(check.params);
    expect(validate(check.defaults), ajv.errorsText(validate.errors)).toBe(true);
  });

  it.each(['baseline', 'restricted'])('validates the %s pack as an editor would, and loads it', async (pack) => {
    const validate = new Ajv({ strictTypes: false, allErrors: true }).compile(JSON.parse(committed) as JsonSchema);
    const document: unknown = parse(readFileSync(packPath(pack), 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const policy = await loadPolicies([pack]);
    expect(policy.origins).toEqual([{ name: pack, file: expect.stringMatching(new RegExp(`${pack}\\.yaml$`)), pack }]);
    expect(policy.rules.length).toBeGreaterThan(20);
  });
});
