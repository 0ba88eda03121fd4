// Runs a resolved policy over container specs: scopes, checks, waivers, ordering.
// Everything policy-shaped was compiled at load time; this loop only calls matchers and checks.
import type { RuleInfo, WaiverStatus } from '../report/types.js';
import type { ContainerSpec } from '../spec/types.js';
import type { ResolvedPolicy, ResolvedRule, ResolvedWaiver } from './model.js';
import type { CheckContext, CheckResult, Finding, WaiverInfo } from './types.js';
import { SEVERITY_RANK } from './types.js';

export interface EvaluationOptions {
  context: CheckContext;
  /** `YYYY-MM-DD`; a waiver expires on its `expires` day. */
  today: string;
}

export interface PolicyEvaluation {
  findings: Finding[];
  rules: RuleInfo[];
  waivers: { expired: WaiverStatus[]; unmatched: WaiverStatus[] };
}

interface ActiveWaiver {
  waiver: ResolvedWaiver;
  info: WaiverInfo;
  matched: boolean;
}

/** Worst severity first, then rule id: the order findings of one container are reported in. */
function byReportOrder(a: ResolvedRule, b: ResolvedRule): number {
  const rank = SEVERITY_RANK[b.info.severity] - SEVERITY_RANK[a.info.severity];
  if (rank !== 0) return rank;
  return a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0;
}

function toActiveWaiver(waiver: ResolvedWaiver): ActiveWaiver {
  const { reason, owner, expires } = waiver.status;
  return { waiver, info: { reason, owner, expires }, matched: false };
}

function groupByCheck(active: readonly ActiveWaiver[]): Map<string, ActiveWaiver[]> {
  const byCheck = new Map<string, ActiveWaiver[]>();
  for (const entry of active) {
    const group = byCheck.get(entry.waiver.status.check);
    if (group === undefined) byCheck.set(entry.waiver.status.check, [entry]);
    else group.push(entry);
  }
  return byCheck;
}

/** Every matching waiver counts as used; the first one (declaration order) is attached to the finding. */
function findWaiver(candidates: readonly ActiveWaiver[] | undefined, spec: ContainerSpec): WaiverInfo | null {
  if (candidates === undefined) return null;
  let first: WaiverInfo | null = null;
  for (const candidate of candidates) {
    const { container, image } = candidate.waiver;
    if ((container === null || container.test(spec.name)) && (image === null || image.test(spec.image.ref))) {
      candidate.matched = true;
      first ??= candidate.info;
    }
  }
  return first;
}

/** Two literal shapes rather than a conditional spread: this runs for every finding of every container. */
function toFinding(rule: ResolvedRule, container: Finding['container'], result: CheckResult, waiver: WaiverInfo | null): Finding {
  const { id, severity, remediation } = rule.info;
  if (waiver === null) {
    return { ruleId: id, severity, container, message: result.message, evidence: result.evidence, remediation, waived: false };
  }
  return { ruleId: id, severity, container, message: result.message, evidence: result.evidence, remediation, waived: true, waiver };
}

function runRule(rule: ResolvedRule, spec: ContainerSpec, context: CheckContext): CheckResult[] {
  try {
    return rule.evaluate(spec, context);
  } catch (error) {
    throw new Error(`check ${rule.info.id} failed on container ${spec.name}: ${(error as Error).message}`, { cause: error });
  }
}

export function evaluatePolicy(specs: readonly ContainerSpec[], policy: ResolvedPolicy, options: EvaluationOptions): PolicyEvaluation {
  // Findings of one rule share its severity, so ordering the rules once orders every container's findings.
  const rules = [...policy.rules].sort(byReportOrder);
  // ISO dates compare correctly as strings.
  const expired = policy.waivers.filter((waiver) => options.today >= waiver.status.expires);
  const active = policy.waivers.filter((waiver) => options.today < waiver.status.expires).map(toActiveWaiver);
  const waiversByCheck = groupByCheck(active);
  const plan = rules.map((rule) => ({ rule, waivers: waiversByCheck.get(rule.info.id) }));
  const findings: Finding[] = [];
  for (const spec of specs) {
    const container = { id: spec.id, name: spec.name };
    for (const { rule, waivers } of plan) {
      if (rule.inScope !== null && !rule.inScope(spec)) continue;
      for (const result of runRule(rule, spec, options.context)) {
        findings.push(toFinding(rule, container, result, findWaiver(waivers, spec)));
      }
    }
  }
  return {
    findings,
    rules: policy.rules.map((rule) => rule.info),
    waivers: {
      expired: expired.map((waiver) => waiver.status),
      unmatched: active.filter((entry) => !entry.matched).map((entry) => entry.waiver.status),
    },
  };
}
