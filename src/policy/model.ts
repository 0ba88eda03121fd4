// Shapes of a policy document (after schema validation) and of a resolved policy
// (documents merged, globs and custom assertions compiled, ready to evaluate).
import type { RuleInfo, WaiverStatus } from '../report/types.js';
import type { ContainerSpec } from '../spec/types.js';
import type { CheckContext, CheckRemediation, CheckResult, JsonSchema, JsonValue, Severity } from './types.js';

/** Which containers a check applies to; every key given must match. */
export interface SelectorSpec {
  names?: string[];
  images?: string[];
  labels?: Record<string, string>;
}

export interface ScopeSpec extends SelectorSpec {
  exclude?: SelectorSpec;
}

export interface CheckSettingObject {
  severity?: Severity;
  params?: { [key: string]: JsonValue };
  scope?: ScopeSpec;
}

/** `true` enables with defaults, `false` / `"off"` disables, an object enables with settings. */
export type CheckSetting = boolean | 'off' | CheckSettingObject;

export interface CustomCheckSpec {
  id: string;
  title: string;
  description?: string;
  severity: Severity;
  message: string;
  remediation: CheckRemediation;
  scope?: ScopeSpec;
  assert: JsonSchema;
}

export interface WaiverSpec {
  check: string;
  container?: string;
  image?: string;
  reason: string;
  owner: string;
  expires: string;
}

export interface PolicyDocument {
  $schema?: string;
  name: string;
  description?: string;
  extends?: string | string[];
  checks?: Record<string, CheckSetting>;
  custom?: CustomCheckSpec[];
  waivers?: WaiverSpec[];
}

/** A policy file as it takes part in a resolution. */
export interface PolicyOrigin {
  name: string;
  /** The file as shown in messages. */
  file: string;
  /** Null for a user file; the pack name for a built-in pack. */
  pack: string | null;
}

/** A rule ready to run: a built-in check with its effective settings, or a compiled custom check. */
export interface ResolvedRule {
  kind: 'built-in' | 'custom';
  /** Effective metadata (severity after overrides). */
  info: RuleInfo;
  /** Null when the rule applies to every container. */
  inScope: ((spec: ContainerSpec) => boolean) | null;
  /** Built-in: check defaults shallow-merged with policy params; custom: null. */
  params: { [key: string]: unknown } | null;
  evaluate(spec: ContainerSpec, context: CheckContext): CheckResult[];
}

export interface ResolvedWaiver {
  status: WaiverStatus;
  /** Null when the waiver does not constrain the container name. */
  container: RegExp | null;
  image: RegExp | null;
}

export interface ResolvedPolicy {
  /** Every policy file applied, in application order (extends first). */
  origins: PolicyOrigin[];
  /** How reports name the applied policies, in the same order: the pack name, or the file. */
  sources: string[];
  /** Enabled rules: built-ins in registry order, then custom checks in declaration order. */
  rules: ResolvedRule[];
  waivers: ResolvedWaiver[];
  /**
   * Every `checks:` entry after merging, by id, including the daemon checks (src/daemon),
   * which are not container rules and read their settings from here.
   */
  checkSettings?: ReadonlyMap<string, { enabled: boolean; severity: Severity | null; params: { [key: string]: JsonValue } }>;
}
