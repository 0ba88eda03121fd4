// A RuleTester-like table runner for built-in checks: each row is one vitest case.
// Besides the expected verdict it enforces what every check owes the report:
// params that validate against the check's own schema, one non-empty one-line
// message per result, plain-JSON evidence, and no mutation of the spec.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ContainerSpec } from '../../../src/spec/types.js';
import type { CheckContext, CheckDefinition, CheckResult } from '../../../src/policy/types.js';

/** `[spec, expected, params?]`: one RegExp means exactly one result; an array means one result per RegExp, in order. */
export type FailRow<P> = [ContainerSpec, RegExp | RegExp[], Partial<P>?];

export interface CheckTable<P> {
  pass: PassRow<P>[];
  fail: FailRow<P>[];
}

const ajv = new Ajv({ strict: true, allErrors: true });

function paramsFor<P extends object>(check: CheckDefinition<P>, overrides: Partial<P> | undefined): P {
  const params = { ...check.defaults, ...overrides };
  const validate = ajv.compile(check.params);
  if (!validate(params)) {
    throw new Error(`${check.id}: test params ${JSON.stringify(overrides)} do not match its params schema: ${ajv.errorsText(validate.errors)}`);
  }
  return params;
}

function evaluateChecked<P extends object>(
  check: CheckDefinition<P>,
  spec: ContainerSpec,
  params: P,
  context: Partial<CheckContext> = {},
): CheckResult[] {
  const before = JSON.stringify(spec);
  const results = check.evaluate(spec, params, { engineSocket: null, ...context });
  expect(JSON.stringify(spec), 'evaluate must not mutate the spec').toBe(before);
  for (const result of results) {
    expect(result.message.trim(), 'message must be a non-empty sentence').not.toBe('');
    expect(result.message, 'message must be one line').not.toMatch(/\n/);
    expect(JSON.parse(JSON.stringify(result.evidence)), 'evidence must be plain JSON').toEqual(result.evidence);
  }
  return results;
}

type PassCase<P> = { spec: ContainerSpec; params?: Partial<P>; context?: Partial<CheckContext>; name?: string };

export type PassRow<P> = ContainerSpec | PassCase<P>;

function passCase<P>(row: PassRow<P>): PassCase<P> {
  // A ContainerSpec has no `spec` key, so its presence marks the object form.
  return 'spec' in row ? row : { spec: row };
}

export function runCheckTable<P extends object>(check: CheckDefinition<P>, table: CheckTable<P>): void {
  describe(check.id, () => {
    it('has a params schema that compiles and defaults that satisfy it', () => {
      expect(() => paramsFor(check, undefined)).not.toThrow();
    });

    table.pass.forEach((row, index) => {
      const { spec, params, context, name } = passCase(row);
      it(`passes ${name ?? `#${index + 1} (${spec.name})`}`, () => {
        const results = evaluateChecked(check, spec, paramsFor(check, params), context);
        expect(results.map((result) => result.message)).toEqual([]);
      });
    });

    table.fail.forEach(([spec, expected, params], index) => {
      const patterns = Array.isArray(expected) ? expected : [expected];
      it(`fails #${index + 1} (${spec.name}) with ${patterns.map(String).join(', ')}`, () => {
        const results = evaluateChecked(check, spec, paramsFor(check, params));
        const messages = results.map((result) => result.message);
        expect(messages).toHaveLength(patterns.length);
        patterns.forEach((pattern, at) => expect(messages[at]).toMatch(pattern));
      });
    });
  });
}
