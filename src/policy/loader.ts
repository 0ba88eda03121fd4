import { checks as registry } from './checks/index.js';
import { collectPolicies } from './collect.js';
import type { ResolvedPolicy } from './model.js';
import { DEFAULT_PACK } from './packs.js';
import { resolvePolicy } from './resolve.js';
import type { AnyCheck } from './types.js';

export interface LoadPoliciesOptions {
  /** Base for relative paths on the command line and for paths shown in messages; defaults to process.cwd(). */
  cwd?: string;
  /** The built-in checks; defaults to the registry (tests inject small fakes). */
  checks?: readonly AnyCheck[];
}

/**
 * Load, validate and merge policies. A ref is a built-in pack name (`baseline`, `restricted`)
 * or a `.yaml` / `.yml` / `.json` path; no refs means `baseline`. Throws PolicyError.
 */
export async function loadPolicies(refs: readonly string[], options: LoadPoliciesOptions = {}): Promise<ResolvedPolicy> {
  const checks = options.checks ?? registry;
  const loaded = await collectPolicies(refs, checks, { cwd: options.cwd ?? process.cwd(), defaultRefs: [DEFAULT_PACK] });
  return resolvePolicy(loaded, checks);
}
