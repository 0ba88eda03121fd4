// Data behind `harden policy list` and `harden policy validate`.
import { checks as registry } from './checks/index.js';
import { loadPolicies } from './loader.js';
import type { ResolvedPolicy } from './model.js';
import type { AnyCheck, CheckRemediation, Severity } from './types.js';

export interface CheckListRow {
  id: string;
  title: string;
  /** Effective severity under the policy, or the check's default without one. */
  severity: Severity;
  /** Whether the policy enables the check; null when no policy was given. */
  enabled: boolean | null;
  kind: 'built-in' | 'custom';
  cis: string | null;
  pss: string | null;
  description: string;
  fix: CheckRemediation;
}

/** Every built-in check in registry order, then the policy's custom checks. */
export function listChecks(policy?: ResolvedPolicy, checks: readonly AnyCheck[] = registry): CheckListRow[] {
  const enabled = new Map((policy?.rules ?? []).map((rule) => [rule.info.id, rule.info]));
  const builtIns = checks.map(
    (check): CheckListRow => ({
      id: check.id,
      title: check.title,
      severity: enabled.get(check.id)?.severity ?? check.severity,
      enabled: policy === undefined ? null : enabled.has(check.id),
      kind: 'built-in',
      cis: check.refs.cis ?? null,
      pss: check.refs.pss ?? null,
      description: check.description,
      fix: { ...check.fix },
    }),
  );
  const custom = (policy?.rules ?? [])
    .filter((rule) => rule.kind === 'custom')
    .map(
      ({ info }): CheckListRow => ({
        id: info.id,
        title: info.title,
        severity: info.severity,
        enabled: true,
        kind: 'custom',
        cis: null,
        pss: null,
        description: info.description,
        fix: { ...info.remediation },
      }),
    );
  return [...builtIns, ...custom];
}

export interface PolicyFileSummary {
  /** Name of the policy in the file (its `extends` are counted in, not named here). */
  name: string;
  /** Enabled rules after `extends`, built-in and custom. */
  enabledChecks: number;
  customChecks: number;
  waivers: number;
}

/** Load one policy file (with its `extends`) exactly as an audit would; throws PolicyError. */
export async function validatePolicyFile(
  path: string,
  options: { cwd?: string; checks?: readonly AnyCheck[] } = {},
): Promise<PolicyFileSummary> {
  const cwd = options.cwd ?? process.cwd();
  // `./` keeps a bare file name from being read as a pack name.
  const ref = path.includes('/') || path.includes('\\') ? path : `./${path}`;
  const policy = await loadPolicies([ref], { cwd, ...(options.checks ? { checks: options.checks } : {}) });
  const own = policy.origins[policy.origins.length - 1];
  return {
    name: own?.name ?? '',
    enabledChecks: policy.rules.length,
    customChecks: policy.rules.filter((rule) => rule.kind === 'custom').length,
    waivers: policy.waivers.length,
  };
}
