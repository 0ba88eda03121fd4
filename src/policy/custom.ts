// Custom checks: JSON Schema assertions over ContainerSpec, compiled once per load.
import type { Ajv, ValidateFunction } from 'ajv';
import type { ContainerSpec } from '../spec/types.js';
import { describeSchemaErrors } from './ajv-messages.js';
import type { CustomCheckSpec } from './model.js';
import type { PolicySource } from './source.js';
import { errorAt } from './source.js';
import type { CheckResult } from './types.js';
import { createAjv } from './validate.js';

/** One ajv instance per policy resolution: compiled assertions share it. */
export function createAssertionCompiler(): Ajv {
  return createAjv({ allErrors: true, verbose: true });
}

/** Compile a custom check's `assert`; a schema that is not valid JSON Schema is reported inside the assertion. */
export function compileAssertion(ajv: Ajv, custom: CustomCheckSpec, source: PolicySource, pointer: string): ValidateFunction {
  const assertPointer = `${pointer}/assert`;
  if (!ajv.validateSchema(custom.assert)) {
    const problem = describeSchemaErrors(ajv.errors ?? []);
    throw errorAt(source, assertPointer + problem.pointer, `assertion of ${JSON.stringify(custom.id)} is not valid JSON Schema: ${problem.detail}`, problem.at);
  }
  try {
    return ajv.compile(custom.assert);
  } catch (error) {
    throw errorAt(source, assertPointer, `assertion of ${JSON.stringify(custom.id)} does not compile: ${(error as Error).message}`);
  }
}

/** One finding when the spec fails the assertion; the evidence lists where it failed. */
export function runAssertion(validate: ValidateFunction, custom: CustomCheckSpec, spec: ContainerSpec): CheckResult[] {
  if (validate(spec)) return [];
  const failingPaths = [...new Set((validate.errors ?? []).map((error) => error.instancePath || '/'))];
  return [{ message: custom.message, evidence: { failingPaths } }];
}
