// Runs the daemon checks over one engine's DaemonFacts. Daemon checks run on every
// live audit unless a policy's `checks:` map turns one off ("daemon-icc": false);
// the same map sets their severity and params.
import { SEVERITY_RANK, type Finding, type JsonValue, type Severity } from '../policy/types.js';
import type { RuleInfo } from '../report/types.js';
import { daemonChecks } from './checks/index.js';
import type { AnyDaemonCheck, DaemonFacts } from './types.js';

/** A policy's merged `checks:` entry for one check id. */
export interface DaemonCheckSetting {
  enabled: boolean;
  severity: Severity | null;
  params: { [key: string]: JsonValue };
}

export type DaemonCheckSettings = ReadonlyMap<string, DaemonCheckSetting>;

export interface DaemonAudit {
  findings: Finding[];
  rules: RuleInfo[];
}

export function daemonRuleInfo(check: AnyDaemonCheck, severity: Severity = check.severity): RuleInfo {
  return {
    id: check.id,
    title: check.title,
    description: check.description,
    severity,
    refs: { ...check.refs },
    remediation: { run: check.fix.dockerd, compose: check.fix.daemonJson },
    scope: 'daemon',
  };
}

/** The daemon rules a policy leaves enabled, with their effective severity and params. */
export function enabledDaemonRules(settings: DaemonCheckSettings = new Map()): { check: AnyDaemonCheck; info: RuleInfo; params: object }[] {
  return daemonChecks.flatMap((check) => {
    const setting = settings.get(check.id);
    if (setting !== undefined && !setting.enabled) return [];
    const info = daemonRuleInfo(check, setting?.severity ?? check.severity);
    return [{ check, info, params: { ...check.defaults, ...setting?.params } }];
  });
}

/** Findings worst first, then by rule id; `host` is set on fleet audits. */
export function auditDaemon(facts: DaemonFacts, settings?: DaemonCheckSettings, host?: string): DaemonAudit {
  const rules = enabledDaemonRules(settings);
  const findings: Finding[] = [];
  for (const { check, info, params } of rules) {
    let results;
    try {
      results = check.evaluate(facts, params);
    } catch (error) {
      throw new Error(`daemon check ${check.id} failed on ${facts.endpoint.url}: ${(error as Error).message}`, { cause: error });
    }
    for (const result of results) {
      findings.push({
        ruleId: info.id,
        severity: info.severity,
        scope: 'daemon',
        ...(host === undefined ? {} : { host }),
        message: result.message,
        evidence: result.evidence,
        remediation: info.remediation,
        waived: false,
      });
    }
  }
  findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { findings, rules: rules.map((rule) => rule.info) };
}
