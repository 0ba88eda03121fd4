// `harden policy init [FILE]`: a starter policy a team commits next to its compose
// files. The active part is just `extends: baseline`; everything else is commented-out
// examples (overrides, a scoped check, a custom check, a waiver) that validate once
// uncommented, so the file is a working policy from the first audit.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkTargets } from '../util/output-files.js';
import { POLICY_SCHEMA_PATH } from './packs.js';
import { POLICY_NAME_PATTERN } from './schema.js';

export const DEFAULT_POLICY_FILE = 'harden-policy.yaml';
const INSTALLED_SCHEMA = join('node_modules', 'harden', 'policies', 'policy.schema.json');
/** How long the example waiver runs: waivers are meant to be revisited, not forgotten. */
const EXAMPLE_WAIVER_DAYS = 90;

export interface StarterPolicyOptions {
  /** The file as the user named it, for the commands in the header. */
  file: string;
  /** Policy name; defaults to the directory the file is written to. */
  name: string;
  /** `$schema` value (path relative to the file, or absolute). */
  schema: string;
  /** YYYY-MM-DD the example waiver expires on. */
  waiverExpires: string;
}

/**
 * The `$schema` for a policy written at `policyPath`: the schema of the harden
 * installed in the repository (`node_modules/harden`, found in the file's directory or
 * any parent), as a relative path so the file works on every checkout; else the
 * absolute path of the schema shipped with the harden that is running.
 */
export function schemaReference(policyPath: string): string {
  const directory = dirname(resolve(policyPath));
  for (let probe = directory; ; probe = dirname(probe)) {
    const candidate = join(probe, INSTALLED_SCHEMA);
    if (existsSync(candidate)) return toPosix(relative(directory, candidate));
    if (dirname(probe) === probe) break;
  }
  return POLICY_SCHEMA_PATH;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** A policy name from a directory name (`My App` -> `my-app`), valid under POLICY_NAME_PATTERN. */
export function policyNameFor(policyPath: string): string {
  const directory = basename(dirname(resolve(policyPath)));
  const name = directory
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[._-]+$/, '');
  return new RegExp(POLICY_NAME_PATTERN).test(name) ? name : 'project';
}

/** `today` plus `days`, as YYYY-MM-DD. */
export function addDays(today: Date, days: number): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  return date.toISOString().slice(0, 10);
}

/** The examples of the starter file, uncommented. Together with the active part they form a valid policy. */
export function starterExamples(waiverExpires: string): string {
  return `checks:
  # Raise, lower or turn off a check from the extended pack:
  read-only-rootfs:
    severity: high
  healthcheck: off
  # Tune a check's parameters (\`harden policy list\` and the schema describe them):
  capabilities:
    params: { allowed: [NET_BIND_SERVICE] }
  # A scoped check: host mounts are allowed read-only, and only checked on web containers.
  sensitive-host-mounts:
    params: { allowReadOnly: true }
    scope:
      names: ["web-*"]
      exclude: { labels: { harden.example/debug: "true" } }

# Custom checks are JSON Schema assertions over the container model; ids contain a "/".
custom:
  - id: org/no-latest-tag
    title: Images are pinned to a tag
    severity: medium
    message: image is not pinned to a tag (no tag, or latest)
    remediation: { run: "use image:tag", compose: "image: name:tag" }
    assert:
      properties:
        image: { properties: { tag: { not: { enum: [null, latest] } } } }

# Waivers accept one check's findings for named containers and/or images, until
# they expire (mandatory): from that day the finding fails the run again.
waivers:
  - check: no-privileged
    container: "ci-runner-*"
    reason: nested containers until the rootless migration
    owner: platform-team@example.com
    expires: ${waiverExpires}
`;
}

function commentOut(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n');
}

export function renderStarterPolicy(options: StarterPolicyOptions): string {
  const examples = commentOut(starterExamples(options.waiverExpires).trimEnd());
  return `# yaml-language-server: $schema=${options.schema}
# harden policy: which checks run, on which containers, and which findings are waived.
# Audit with:    harden audit -p ${options.file}
# Validate with: harden policy validate ${options.file}
$schema: ${JSON.stringify(options.schema)}
name: ${options.name}
description: Security policy for the ${options.name} containers
extends: baseline          # the built-in pack (or restricted, or a relative path)

# Examples: uncomment and adapt.
#
${examples}
`;
}

export interface InitPolicyOptions {
  force: boolean;
  name?: string;
  today?: Date;
}

/** Writes the starter policy (atomically); refuses to overwrite unless `force`. Returns the absolute path. */
export async function initPolicy(file: string, options: InitPolicyOptions): Promise<string> {
  const path = resolve(file);
  await checkTargets(dirname(path), [basename(path)], options.force);
  const text = renderStarterPolicy({
    file,
    name: options.name ?? policyNameFor(path),
    schema: schemaReference(path),
    waiverExpires: addDays(options.today ?? new Date(), EXAMPLE_WAIVER_DAYS),
  });
  await writeFileAtomic(path, text);
  return path;
}
