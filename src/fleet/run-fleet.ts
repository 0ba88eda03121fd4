// `harden audit --hosts FILE`: every engine of a fleet audited concurrently (bounded),
// one policy for all. An engine that cannot be audited is an `engine-unreachable`
// finding in the report, not a failed run. Container ids and names are qualified
// with the fleet entry name (`web-1/nginx`), and every finding carries `host`.
import { buildReport, collectFromEngine, judgeCollected, type AuditOptions, type CollectedSpecs } from '../audit/run-audit.js';
import type { ResolvedPolicy } from '../policy/model.js';
import type { Finding } from '../policy/types.js';
import type { AuditReport, HostStatus, RuleInfo, WaiverStatus } from '../report/types.js';
import { connectionOf, readFleetFile, type FleetHost } from './fleet-file.js';
import { unreachableFinding, UNREACHABLE_RULE } from './unreachable.js';

export const DEFAULT_PARALLEL_HOSTS = 8;

export interface FleetAuditOptions extends Omit<AuditOptions, 'source' | 'onProgress'> {
  fleetFile: string;
  /** Engines audited at once. */
  parallelHosts?: number;
}

type HostOutcome =
  | { entry: FleetHost; error: Error }
  | ({ entry: FleetHost; collected: CollectedSpecs } & Awaited<ReturnType<typeof judgeCollected>>);

export async function runFleetAudit(options: FleetAuditOptions): Promise<AuditReport> {
  const fleet = await readFleetFile(options.fleetFile);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  let policyLoad: Promise<ResolvedPolicy> | undefined;
  const loadPolicy = (): Promise<ResolvedPolicy> => (policyLoad ??= import('../policy/loader.js').then((m) => m.loadPolicies(options.policies)));
  const auditing = mapBounded(fleet, options.parallelHosts ?? DEFAULT_PARALLEL_HOSTS, async (entry): Promise<HostOutcome> => {
    const { flags, env } = connectionOf(entry, options.fleetFile);
    let collected: CollectedSpecs;
    try {
      collected = await collectFromEngine({ kind: 'engine', flags, env }, { ...options, source: { kind: 'engine', flags, env } }, () => undefined);
    } catch (error) {
      return { entry, error: error instanceof Error ? error : new Error(String(error)) };
    }
    return { entry, collected, ...(await judgeCollected(collected, await loadPolicy(), today, entry.name)) };
  });
  // The policy loads while the engines answer (connections, lists), and each engine is
  // judged as soon as it has answered, while slower ones still answer.
  // Awaited here too: it may fail, and with every engine unreachable the report still names the policy.
  auditing.catch(() => undefined);
  const policy = await loadPolicy();
  return combine(await auditing, policy, options);
}

function combine(outcomes: HostOutcome[], policy: ResolvedPolicy, options: FleetAuditOptions): AuditReport {
  const findings: Finding[] = [];
  const specs: CollectedSpecs['specs'] = [];
  const skipped: CollectedSpecs['skipped'] = [];
  const hosts: HostStatus[] = [];
  const rules = new Map<string, RuleInfo>();
  let expired: WaiverStatus[] = [];
  const unusedPerHost: Set<WaiverStatus>[] = [];
  for (const outcome of outcomes) {
    const { entry } = outcome;
    if ('error' in outcome) {
      hosts.push({ name: entry.name, host: entry.host, reachable: false, engineVersion: null, error: outcome.error.message });
      findings.push(unreachableFinding(entry, outcome.error));
      rules.set(UNREACHABLE_RULE.id, UNREACHABLE_RULE);
      continue;
    }
    const { collected, evaluation, daemon } = outcome;
    hosts.push({ name: entry.name, host: entry.host, reachable: true, engineVersion: collected.target.engineVersion });
    for (const rule of [...evaluation.rules, ...daemon.rules]) rules.set(rule.id, rule);
    findings.push(...daemon.findings);
    for (const finding of evaluation.findings) findings.push({ ...finding, container: qualify(entry.name, finding.container), host: entry.name });
    specs.push(...collected.specs.map((spec) => ({ ...spec, ...qualify(entry.name, spec) })));
    skipped.push(...collected.skipped.map((container) => ({ ...container, ...qualify(entry.name, container) })));
    expired = evaluation.waivers.expired;
    unusedPerHost.push(new Set(evaluation.waivers.unmatched));
  }
  // A waiver is unmatched only when no engine used it (the same status objects come from the one policy).
  const [first, ...others] = unusedPerHost;
  const unmatchedList = [...(first ?? [])].filter((waiver) => others.every((unused) => unused.has(waiver)));
  const combined: CollectedSpecs = {
    target: { kind: 'fleet', host: options.fleetFile, engineVersion: null, apiVersion: null },
    specs,
    skipped,
    engineSocket: null,
  };
  const report = buildReport(combined, findings, [...rules.values()], { expired, unmatched: unmatchedList }, { ...options, source: { kind: 'inspect-file', path: options.fleetFile } }, policy.sources);
  return { ...report, hosts };
}

function qualify(host: string, container: { id: string; name: string }): { id: string; name: string };
function qualify(host: string, container: { id: string; name: string } | undefined): { id: string; name: string } | undefined;
function qualify(host: string, container: { id: string; name: string } | undefined): { id: string; name: string } | undefined {
  return container === undefined ? undefined : { id: `${host}/${container.id}`, name: `${host}/${container.name}` };
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
