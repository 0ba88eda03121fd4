// Merges loaded policy files into one ResolvedPolicy: later files override earlier ones
// per check id, key by key (severity, params shallow-merged, scope replaced); custom checks
// and waivers accumulate. Everything that can be compiled is compiled here, once.
import type { ContainerSpec } from '../spec/types.js';
import type { LoadedPolicy } from './collect.js';
import { compileAssertion, createAssertionCompiler, runAssertion } from './custom.js';
import { toPointer } from './errors.js';
import type { CheckSetting, ResolvedPolicy, ResolvedRule, ResolvedWaiver } from './model.js';
import { compileScope } from './scope.js';
import { errorAt } from './source.js';
import type { AnyCheck, JsonValue, Severity } from './types.js';
import { resolveWaivers } from './waivers.js';

interface MergedSetting {
  enabled: boolean;
  severity: Severity | null;
  params: { [key: string]: JsonValue };
  inScope: ((spec: ContainerSpec) => boolean) | null;
}

function mergeSetting(previous: MergedSetting | undefined, setting: CheckSetting, compileScopeHere: () => MergedSetting['inScope']): MergedSetting {
  const base: MergedSetting = previous ?? { enabled: false, severity: null, params: {}, inScope: null };
  if (setting === true) return { ...base, enabled: true };
  if (setting === false || setting === 'off') return { ...base, enabled: false };
  return {
    enabled: true,
    severity: setting.severity ?? base.severity,
    params: { ...base.params, ...setting.params },
    inScope: setting.scope === undefined ? base.inScope : compileScopeHere(),
  };
}

function mergeCheckSettings(loaded: readonly LoadedPolicy[]): Map<string, MergedSetting> {
  const merged = new Map<string, MergedSetting>();
  for (const { source, document } of loaded) {
    for (const [id, setting] of Object.entries(document.checks ?? {})) {
      const scopePointer = toPointer(['checks', id, 'scope']);
      const compileHere = () => compileScope(typeof setting === 'object' ? setting.scope : undefined, source, scopePointer);
      merged.set(id, mergeSetting(merged.get(id), setting, compileHere));
    }
  }
  return merged;
}

function builtInRule(check: AnyCheck, setting: MergedSetting): ResolvedRule {
  const params: { [key: string]: unknown } = { ...check.defaults, ...setting.params };
  return {
    kind: 'built-in',
    info: {
      id: check.id,
      title: check.title,
      description: check.description,
      severity: setting.severity ?? check.severity,
      refs: { ...check.refs },
      remediation: { ...check.fix },
    },
    inScope: setting.inScope,
    params,
    evaluate: (spec, context) => check.evaluate(spec, params, context),
  };
}

function customRules(loaded: readonly LoadedPolicy[]): ResolvedRule[] {
  if (!loaded.some(({ document }) => (document.custom ?? []).length > 0)) return [];
  const ajv = createAssertionCompiler();
  const declaredAt = new Map<string, string>();
  const rules: ResolvedRule[] = [];
  for (const { source, document } of loaded) {
    (document.custom ?? []).forEach((custom, index) => {
      const pointer = toPointer(['custom', index]);
      const earlier = declaredAt.get(custom.id);
      if (earlier !== undefined) {
        throw errorAt(source, `${pointer}/id`, `duplicate custom check id ${JSON.stringify(custom.id)} (already defined at ${earlier})`);
      }
      const { line, column } = source.locate(`${pointer}/id`);
      declaredAt.set(custom.id, `${source.file}:${line}:${column}`);
      const validate = compileAssertion(ajv, custom, source, pointer);
      rules.push({
        kind: 'custom',
        info: {
          id: custom.id,
          title: custom.title,
          description: custom.description ?? custom.title,
          severity: custom.severity,
          refs: {},
          remediation: { ...custom.remediation },
        },
        inScope: compileScope(custom.scope, source, `${pointer}/scope`),
        params: null,
        evaluate: (spec) => runAssertion(validate, custom, spec),
      });
    });
  }
  return rules;
}

/**
 * Resolve loaded policy files (in application order) against a check list.
 * Semantic problems the schema cannot express are reported here as PolicyErrors.
 */
export function resolvePolicy(loaded: readonly LoadedPolicy[], checks: readonly AnyCheck[]): ResolvedPolicy {
  const settings = mergeCheckSettings(loaded);
  const builtIns = checks.flatMap((check) => {
    const setting = settings.get(check.id);
    return setting?.enabled ? [builtInRule(check, setting)] : [];
  });
  const custom = customRules(loaded);
  const knownIds = new Set([...checks.map((check) => check.id), ...custom.map((rule) => rule.info.id)]);
  const waivers: ResolvedWaiver[] = resolveWaivers(loaded, knownIds);
  const origins = loaded.map((policy) => policy.origin);
  const sources = origins.map((origin) => origin.pack ?? origin.file);
  return { origins, sources, rules: [...builtIns, ...custom], waivers, checkSettings: settings };
}
