import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { describeSchemaErrors } from './ajv-messages.js';
import { toPointer } from './errors.js';
import type { PolicyDocument } from './model.js';
import { buildPolicySchema } from './schema.js';
import type { PolicySource } from './source.js';
import { errorAt } from './source.js';
import { getDaemonCheck } from '../daemon/checks/index.js';
import type { AnyCheck, JsonSchema } from './types.js';

/**
 * An ajv instance for policy schemas and custom assertions (draft-07, ajv's default dialect).
 * strictSchema stays on so a misspelt keyword in an assertion is an error, not a silent pass;
 * the type/tuple strictness only logs and would add noise.
 */
export function createAjv(options: { allErrors: boolean; verbose: boolean }): Ajv {
  // Loaded on first use (ajv is CommonJS, so synchronously): an audit under a built-in
  // pack without custom checks never needs it, and loading it costs ~70 ms.
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new AjvClass({ ...options, strictTypes: false, strictTuples: false, allowUnionTypes: true });
}

// Compiling every check's params schema costs more than the rest of loading a policy, and
// most policies only switch checks on; so the document is validated with params left open,
// and a check's params schema is compiled the first time a policy sets its params.
let sharedAjv: Ajv | undefined;
const ajvInstance = (): Ajv => (sharedAjv ??= createAjv({ allErrors: true, verbose: true }));
const documentValidators = new WeakMap<readonly AnyCheck[], ValidateFunction>();
const paramsValidators = new WeakMap<{ params: JsonSchema }, ValidateFunction>();

function documentValidator(checks: readonly AnyCheck[]): ValidateFunction {
  let validator = documentValidators.get(checks);
  if (validator === undefined) {
    validator = ajvInstance().compile(buildPolicySchema(checks, { deferParams: true }));
    documentValidators.set(checks, validator);
  }
  return validator;
}

function paramsValidator(check: { params: JsonSchema }): ValidateFunction {
  let validator = paramsValidators.get(check);
  if (validator === undefined) {
    validator = ajvInstance().compile(check.params);
    paramsValidators.set(check, validator);
  }
  return validator;
}

function validateParams(source: PolicySource, document: PolicyDocument, checks: readonly AnyCheck[]): void {
  for (const [id, setting] of Object.entries(document.checks ?? {})) {
    if (typeof setting !== 'object' || setting.params === undefined) continue;
    const check = checks.find((candidate) => candidate.id === id) ?? getDaemonCheck(id);
    if (check === undefined) continue;
    const validate = paramsValidator(check);
    if (validate(setting.params)) continue;
    const problem = describeSchemaErrors(validate.errors ?? []);
    throw errorAt(source, toPointer(['checks', id, 'params']) + problem.pointer, problem.detail, problem.at);
  }
}

/** Validate one parsed policy file against the schema; the most relevant error becomes a PolicyError. */
export function validatePolicyDocument(source: PolicySource, checks: readonly AnyCheck[]): PolicyDocument {
  const validate = documentValidator(checks);
  if (!validate(source.value)) {
    const problem = describeSchemaErrors(validate.errors ?? [], { checkIdsAt: '/checks' });
    throw errorAt(source, problem.pointer, problem.detail, problem.at);
  }
  const document = source.value as PolicyDocument;
  validateParams(source, document, checks);
  return document;
}
