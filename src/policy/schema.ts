// The policy JSON Schema, generated from the check registry so that every built-in
// check id is a known key and its `params` are validated against the check's own schema.
// `policies/policy.schema.json` is this output written to disk (`harden policy schema` prints it).
import { daemonChecks } from '../daemon/checks/index.js';
import type { AnyCheck, JsonSchema } from './types.js';
import { SEVERITIES } from './types.js';

/** What the schema needs of a check: container checks and daemon checks (src/daemon) alike. */
type CheckMetadata = Pick<AnyCheck, 'id' | 'title' | 'description' | 'severity' | 'refs' | 'params' | 'defaults'>;

export const POLICY_SCHEMA_ID = 'https://harden.dev/schemas/policy.schema.json';
export const POLICY_NAME_PATTERN = '^[a-z0-9][a-z0-9._-]*$';
export const CUSTOM_CHECK_ID_PATTERN = '^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)+$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** Plain words for the patterns above, used in error messages instead of the regular expression. */
export const PATTERN_MEANINGS: Readonly<Record<string, string>> = {
  [POLICY_NAME_PATTERN]: 'a name of lower-case letters, digits, ".", "_" or "-" that starts with a letter or digit',
  [CUSTOM_CHECK_ID_PATTERN]: 'a custom check id with a "/" such as "org/no-latest-tag", in lower-case letters, digits, ".", "_" or "-"',
  [DATE_PATTERN]: 'a date written YYYY-MM-DD',
};

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const GLOB_HELP =
  'Glob: "*" matches any run of characters (including "/"), "?" one character, "[abc]", "[a-z]", "[!a]" a character class. Anchored and case-sensitive.';

function selectorProperties(): Record<string, JsonSchema> {
  return {
    names: { ...ref('globList'), description: 'Container name globs; the container matches when any of them matches.' },
    images: { ...ref('globList'), description: 'Image reference globs (e.g. "nginx:*"); the container matches when any of them matches.' },
    labels: ref('labelSelector'),
  };
}

const DEFINITIONS: Record<string, JsonSchema> = {
  severity: {
    title: 'Severity',
    description: 'How bad a finding is: critical, high, medium, low or info.',
    type: 'string',
    enum: [...SEVERITIES],
  },
  glob: { title: 'Glob', description: GLOB_HELP, type: 'string', minLength: 1 },
  globList: { type: 'array', items: ref('glob'), minItems: 1 },
  labelSelector: {
    title: 'Label selector',
    description: 'Label key to value glob; every listed label must be present and match.',
    type: 'object',
    additionalProperties: ref('glob'),
  },
  selector: {
    title: 'Container selector',
    description: 'A container matches when every key given here matches.',
    type: 'object',
    additionalProperties: false,
    properties: selectorProperties(),
  },
  scope: {
    title: 'Scope',
    description: 'Which containers the check applies to. Every key given must match; without a scope the check applies to every container.',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...selectorProperties(),
      exclude: { ...ref('selector'), description: 'Containers matching this selector are out of scope.' },
    },
  },
  policyRef: {
    title: 'Policy reference',
    description: 'A built-in pack name (baseline, restricted) or a path to a .yaml, .yml or .json policy, relative to this file.',
    type: 'string',
    minLength: 1,
  },
  remediation: {
    title: 'Remediation',
    type: 'object',
    additionalProperties: false,
    required: ['run', 'compose'],
    properties: {
      run: { description: 'What to change on the `docker run` command line.', type: 'string', minLength: 1 },
      compose: { description: 'What to change in a compose service.', type: 'string', minLength: 1 },
    },
  },
  customCheck: {
    title: 'Custom check',
    description: 'A JSON Schema assertion over the normalized container spec; a container that does not satisfy `assert` gets one finding.',
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'severity', 'message', 'remediation', 'assert'],
    properties: {
      id: {
        description: 'Unique id containing "/" (e.g. "org/no-latest-tag") so it never clashes with a built-in check.',
        type: 'string',
        pattern: CUSTOM_CHECK_ID_PATTERN,
      },
      title: { description: 'Short statement of the desired state.', type: 'string', minLength: 1 },
      description: { description: 'Why it matters.', type: 'string' },
      severity: ref('severity'),
      message: { description: 'The finding message for a container that fails the assertion.', type: 'string', minLength: 1 },
      remediation: ref('remediation'),
      scope: ref('scope'),
      assert: {
        description: 'JSON Schema (draft-07) that a compliant container spec satisfies.',
        type: ['object', 'boolean'],
      },
    },
  },
  waiver: {
    title: 'Waiver',
    description:
      'Accepts the findings of one check for the containers named by `container` and/or `image` (at least one is required) until `expires`.',
    type: 'object',
    additionalProperties: false,
    required: ['check', 'reason', 'owner', 'expires'],
    properties: {
      check: { description: 'A built-in or custom check id.', type: 'string', minLength: 1 },
      container: { ...ref('glob'), description: `Container name glob. ${GLOB_HELP}` },
      image: { ...ref('glob'), description: `Image reference glob. ${GLOB_HELP}` },
      reason: { description: 'Why the finding is accepted.', type: 'string', minLength: 1 },
      owner: { description: 'Who is accountable for the waiver.', type: 'string', minLength: 1 },
      expires: {
        description: 'YYYY-MM-DD; from that day on the waiver no longer applies and is reported as expired.',
        type: 'string',
        pattern: DATE_PATTERN,
      },
    },
  },
};

function describeCheck(check: CheckMetadata): string {
  const refs = [check.refs.cis ? `CIS ${check.refs.cis}` : '', check.refs.pss ? `PSS ${check.refs.pss}` : ''].filter(Boolean);
  return `${check.description} Default severity: ${check.severity}.${refs.length > 0 ? ` (${refs.join(', ')})` : ''}`;
}

export interface PolicySchemaOptions {
  /**
   * Leave each check's `params` as a plain object so the loader can validate params
   * separately, compiling only the params schemas a policy actually sets.
   */
  deferParams?: boolean;
}

/** Daemon checks have no container `scope`, and run unless a policy turns them off. */
function checkSettingSchema(check: CheckMetadata, options: PolicySchemaOptions, kind: 'container' | 'daemon'): JsonSchema {
  const params = options.deferParams ? { type: 'object' } : { title: `${check.id} parameters`, default: check.defaults, ...check.params };
  return {
    title: check.title,
    description: kind === 'daemon' ? `Daemon check, on unless set to false. ${describeCheck(check)}` : describeCheck(check),
    anyOf: [
      { type: 'boolean', description: 'true enables the check with its defaults; false disables it.' },
      { const: 'off', description: 'Disables the check.' },
      {
        type: 'object',
        description: 'Enables the check with these settings (every key optional).',
        additionalProperties: false,
        properties: kind === 'daemon' ? { severity: ref('severity'), params } : { severity: ref('severity'), params, scope: ref('scope') },
      },
    ],
  };
}

export function buildPolicySchema(checks: readonly AnyCheck[], options: PolicySchemaOptions = {}): JsonSchema {
  const checkProperties = Object.fromEntries([
    ...[...checks].sort((a, b) => a.id.localeCompare(b.id)).map((check) => [check.id, checkSettingSchema(check, options, 'container')]),
    ...daemonChecks.map((check) => [check.id, checkSettingSchema(check, options, 'daemon')]),
  ]);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: POLICY_SCHEMA_ID,
    title: 'harden policy',
    description: 'Which audit checks run, with which settings, on which containers, and which findings are waived.',
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      $schema: { description: 'Path or URL of this schema, for editors; ignored by harden.', type: 'string' },
      name: { description: 'Policy name.', type: 'string', pattern: POLICY_NAME_PATTERN },
      description: { description: 'What the policy is for.', type: 'string' },
      extends: {
        description: 'Policies applied before this one, in order; this file overrides them per check, key by key.',
        anyOf: [ref('policyRef'), { type: 'array', items: ref('policyRef'), minItems: 1 }],
      },
      checks: {
        description: 'Built-in checks by id. Container checks not mentioned (here or in `extends`) are off; daemon checks (daemon-*) are on unless set to false.',
        type: 'object',
        additionalProperties: false,
        properties: checkProperties,
      },
      custom: { description: 'Custom checks; they accumulate across policies.', type: 'array', items: ref('customCheck') },
      waivers: { description: 'Accepted findings; they accumulate across policies.', type: 'array', items: ref('waiver') },
    },
    definitions: DEFINITIONS,
  };
}

/** The schema file's exact content (stable key order, trailing newline). */
export function renderPolicySchema(checks: readonly AnyCheck[]): string {
  return `${JSON.stringify(buildPolicySchema(checks), null, 2)}\n`;
}
