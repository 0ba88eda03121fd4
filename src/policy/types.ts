import type { ContainerSpec } from '../spec/types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse; used for --fail-on and sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** A JSON Schema (draft 2020-12 / ajv) fragment, kept as plain data. */
export type JsonSchema = { [key: string]: unknown };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a check's evaluate function returns for one problem in one container. */
export interface CheckResult {
  /** One sentence about this container, e.g. `mounts host path /etc read-write at /host/etc`. */
  message: string;
  /** The facts that prove it, copied from the spec (plain JSON). */
  evidence: { [key: string]: JsonValue };
}

/** Context every check gets besides the spec. */
export interface CheckContext {
  /** Path of the engine socket being audited, when the target is a unix socket. */
  engineSocket: string | null;
}

export interface CheckReferences {
  /** CIS Docker Benchmark control, e.g. `5.5`. */
  cis?: string;
  /** Kubernetes Pod Security Standards control, e.g. `baseline/privileged`. */
  pss?: string;
}

export interface CheckRemediation {
  /** What to change on the `docker run` command line, naming the exact flag. */
  run: string;
  /** What to change in a compose service, naming the exact key. */
  compose: string;
}

/**
 * A built-in check: metadata next to one pure function.
 * `P` is the shape of its parameters after defaults are applied.
 */
export interface CheckDefinition<P extends object = Record<string, never>> {
  /** Kebab-case id, equal to the module's file name. */
  id: string;
  /** Short statement of the desired state, e.g. `Containers do not run privileged`. */
  title: string;
  /** Why it matters: one or two sentences a reviewer can act on. */
  description: string;
  severity: Severity;
  refs: CheckReferences;
  fix: CheckRemediation;
  /** JSON Schema of the check's parameters (an object schema with `additionalProperties: false`). */
  params: JsonSchema;
  /** Parameter values used when a policy does not set them. */
  defaults: P;
  // Method syntax on purpose: it keeps the registry's CheckDefinition<object> assignable.
  evaluate(spec: ContainerSpec, params: P, context: CheckContext): CheckResult[];
}

/** Type-erased form used by the registry. */
export type AnyCheck = CheckDefinition<object>;

export function defineCheck<P extends object = Record<string, never>>(check: CheckDefinition<P>): CheckDefinition<P> {
  return check;
}

export interface WaiverInfo {
  reason: string;
  owner: string;
  /** ISO date `YYYY-MM-DD`. */
  expires: string;
}

/** Where a finding from a file input (compose, Kubernetes) was declared: the offending key. */
export interface FindingLocation {
  file: string;
  /** 1-based line of the key. */
  line: number;
}

/** One finding in a report (the stable JSON contract). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /**
   * `container` (the default when absent) or `daemon`: a daemon finding is about the
   * engine itself and carries no container (its `container` is absent in the JSON).
   */
  scope?: 'container' | 'daemon';
  /** Absent exactly for daemon findings (`scope: 'daemon'`). */
  container?: { id: string; name: string };
  /** Fleet audits: the fleet entry name of the engine the finding comes from. */
  host?: string;
  /** File inputs: where the offending key is. */
  location?: FindingLocation;
  message: string;
  evidence: { [key: string]: JsonValue };
  remediation: CheckRemediation;
  waived: boolean;
  /** Present when `waived` is true. */
  waiver?: WaiverInfo;
  /**
   * Present on unwaived findings when the audit ran with `--baseline`: true when the
   * finding is in the baseline (reported, but it does not fail the run), false when new.
   */
  inBaseline?: boolean;
}
