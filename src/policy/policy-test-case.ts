// One case of `harden policy test DIR`: a YAML/JSON file with the containers to audit
// (`input`) and what the policy must decide about them (`expect`). Every problem with
// the file itself is a PolicyError at its line and column (exit 2), never a failed case.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { specsFromInspectBytes } from '../spec/inspect-bytes.js';
import type { ContainerSpec } from '../spec/types.js';
import { describeFsError } from '../util/fs-errors.js';
import { describeSchemaErrors } from './ajv-messages.js';
import { displayPath, toPointer } from './errors.js';
import { DATE_PATTERN } from './schema.js';
import { errorAt, formatOfPath, positionlessSource, type PolicySource } from './source.js';
import { didYouMean } from './suggest.js';
import { SEVERITIES, type Severity } from './types.js';
import { createAjv } from './validate.js';
import { isCalendarDate } from './waivers.js';
import { parsePolicySource } from './yaml-source.js';

export interface ExpectedFinding {
  ruleId: string;
  severity?: Severity;
  container?: string;
}

export interface CaseExpectations {
  /** Rules that must produce no unwaived finding. */
  pass?: string[];
  /** Rules that must produce at least one unwaived finding. */
  fail?: string[];
  /** Rules that must produce at least one waived finding. */
  waived?: string[];
  /** The exact unwaived findings (each field given must match). */
  findings?: ExpectedFinding[];
}

export interface PolicyTestCase {
  /** The case file as shown in messages. */
  file: string;
  description: string | null;
  /** YYYY-MM-DD used for waiver expiry; null means today. */
  today: string | null;
  specs: ContainerSpec[];
  expect: CaseExpectations;
}

interface CaseDocument {
  description?: string;
  today?: string;
  input: string | Record<string, unknown> | Record<string, unknown>[];
  expect: CaseExpectations;
}

const ruleList = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };

const CASE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['input', 'expect'],
  properties: {
    description: { type: 'string' },
    today: { type: 'string', pattern: DATE_PATTERN },
    input: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'object' },
        { type: 'array', items: { type: 'object' }, minItems: 1 },
      ],
    },
    expect: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pass: ruleList,
        fail: ruleList,
        waived: ruleList,
        findings: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['ruleId'],
            properties: {
              ruleId: { type: 'string', minLength: 1 },
              severity: { enum: [...SEVERITIES] },
              container: { type: 'string', minLength: 1 },
            },
          },
        },
      },
    },
  },
};

let caseValidator: ValidateFunction | undefined;

function validateCase(source: PolicySource): CaseDocument {
  caseValidator ??= createAjv({ allErrors: true, verbose: true }).compile(CASE_SCHEMA);
  if (!caseValidator(source.value)) {
    const problem = describeSchemaErrors(caseValidator.errors ?? []);
    throw errorAt(source, problem.pointer, problem.detail, problem.at);
  }
  const document = source.value as CaseDocument;
  if (Object.keys(document.expect).length === 0) {
    throw errorAt(source, '/expect', 'must name at least one of pass, fail, waived or findings');
  }
  if (document.today !== undefined && !isCalendarDate(document.today)) {
    throw errorAt(source, '/today', `must be a real calendar date (got ${JSON.stringify(document.today)})`);
  }
  return document;
}

/** Rule ids in `expect` must be rules the policy runs: anything else is a typo that would pass silently. */
function checkRuleIds(source: PolicySource, expect: CaseExpectations, ruleIds: ReadonlySet<string>): void {
  const lists = [
    ...(['pass', 'fail', 'waived'] as const).flatMap((key) => (expect[key] ?? []).map((id, index) => ({ id, pointer: toPointer(['expect', key, index]) }))),
    ...(expect.findings ?? []).map((finding, index) => ({ id: finding.ruleId, pointer: toPointer(['expect', 'findings', index, 'ruleId']) })),
  ];
  for (const { id, pointer } of lists) {
    if (!ruleIds.has(id)) {
      throw errorAt(source, pointer, `${JSON.stringify(id)} is not a rule the policy runs${didYouMean(id, ruleIds)}`);
    }
  }
}

async function readSpecs(source: PolicySource, input: CaseDocument['input'], path: string, cwd: string): Promise<ContainerSpec[]> {
  let bytes: Buffer;
  let location: string;
  if (typeof input === 'string') {
    // Relative to the case file, so a test directory can be moved as a whole.
    const inputPath = resolve(dirname(path), input);
    location = displayPath(inputPath, cwd);
    try {
      bytes = await readFile(inputPath);
    } catch (error) {
      throw errorAt(source, '/input', `cannot read inspect file ${location} (${describeFsError(error)})`);
    }
  } else {
    location = `${source.file}#/input`;
    bytes = Buffer.from(JSON.stringify(input));
  }
  try {
    return specsFromInspectBytes(bytes, { kind: 'inspect-file', location });
  } catch (error) {
    if ((error as Error).name !== 'InspectError') throw error;
    throw errorAt(source, '/input', (error as Error).message);
  }
}

/** Reads and checks one case file; throws PolicyError (file:line:col) when it is malformed. */
export async function loadTestCase(path: string, ruleIds: ReadonlySet<string>, cwd: string): Promise<PolicyTestCase> {
  const file = displayPath(path, cwd);
  const format = formatOfPath(path) ?? 'yaml';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw errorAt(positionlessSource(file, null), '', `cannot read test case (${describeFsError(error)})`);
  }
  const source = parsePolicySource(text, file, format);
  const document = validateCase(source);
  checkRuleIds(source, document.expect, ruleIds);
  return {
    file,
    description: document.description ?? null,
    today: document.today ?? null,
    specs: await readSpecs(source, document.input, path, cwd),
    expect: document.expect,
  };
}
