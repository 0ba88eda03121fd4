import { readFileSync } from 'node:fs';
import type { ContainerSpec, SpecSource } from '../spec/types.js';
import { atLeast, SEVERITIES, type Finding, type Severity } from '../policy/types.js';
import type { AuditReport, AuditTarget, SkippedContainer } from '../report/types.js';
import { resolveEndpoint, type HostFlags } from '../engine/host.js';
import { EngineClient } from '../engine/client.js';
import type { ResolvedPolicy } from '../policy/model.js';
import { toolVersion } from '../util/package-info.js';
import { describeFsError } from '../util/fs-errors.js';
import { readAllBytes } from '../util/read-stream.js';
import type { DaemonFacts } from '../daemon/types.js';
import type { DaemonAudit } from '../daemon/audit.js';
import type { PolicyEvaluation } from '../policy/evaluate.js';

export type AuditSource =
  | { kind: 'engine'; flags: HostFlags; env?: NodeJS.ProcessEnv }
  | { kind: 'inspect-file'; path: string }
  /** Compose files and Kubernetes manifests (`harden audit FILE...`). */
  | { kind: 'files'; paths: string[] };

export interface AuditOptions {
  source: AuditSource;
  /** Only running containers (default: every state, so a created --privileged container is not missed). */
  runningOnly: boolean;
  /** Built-in pack names or policy files; empty means `baseline`. */
  policies: string[];
  failOn: Severity;
  timeoutMs?: number;
  concurrency?: number;
  /** YYYY-MM-DD used for waiver expiry; defaults to today (UTC). */
  today?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CollectedSpecs {
  target: AuditTarget;
  specs: ContainerSpec[];
  skipped: SkippedContainer[];
  engineSocket: string | null;
  /** Live engines only: what the daemon checks judge. */
  daemon?: DaemonFacts;
}

/** Runs one audit end to end: source -> specs -> findings -> report data. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  // Policy loading (yaml, the check registry) is CPU work. For a live audit it starts
  // once the inspects are on the wire, so it fills the time dockerd spends answering
  // them instead of delaying the first request.
  let policyLoad: Promise<ResolvedPolicy> | undefined;
  const startPolicyLoad = (): Promise<ResolvedPolicy> => {
    if (policyLoad === undefined) {
      policyLoad = import('../policy/loader.js').then((m) => m.loadPolicies(options.policies));
      // Awaited below; this only keeps an engine error from leaving it unhandled.
      policyLoad.catch(() => undefined);
    }
    return policyLoad;
  };
  const collected =
    options.source.kind === 'engine'
      ? await collectFromEngine(options.source, options, startPolicyLoad)
      : options.source.kind === 'files'
        ? await collectFromYamlFiles(options.source.paths, startPolicyLoad)
        : await collectFromFile(options.source.path, options.runningOnly, startPolicyLoad);
  const policy = await startPolicyLoad();
  const { evaluation, daemon } = await judgeCollected(collected, policy, options.today ?? new Date().toISOString().slice(0, 10));
  if (options.source.kind === 'files') evaluation.findings = (await import('./finding-locations.js')).withLocations(evaluation.findings, collected.specs);
  const findings = [...daemon.findings, ...evaluation.findings];
  return buildReport(collected, findings, [...evaluation.rules, ...daemon.rules], evaluation.waivers, options, policy.sources);
}

/**
 * What the policy finds in collected specs, and the daemon checks in the engine's facts
 * (nothing without them); `host` names a fleet's engine on its daemon findings.
 */
export async function judgeCollected(collected: CollectedSpecs, policy: ResolvedPolicy, today: string, host?: string): Promise<{ evaluation: PolicyEvaluation; daemon: DaemonAudit }> {
  const { evaluatePolicy } = await import('../policy/evaluate.js');
  const evaluation = evaluatePolicy(collected.specs, policy, { context: { engineSocket: collected.engineSocket }, today });
  if (collected.daemon === undefined) return { evaluation, daemon: { findings: [], rules: [] } };
  const { auditDaemon } = await import('../daemon/audit.js');
  return { evaluation, daemon: auditDaemon(collected.daemon, policy.checkSettings, host) };
}

export async function collectFromEngine(
  source: Extract<AuditSource, { kind: 'engine' }>,
  options: AuditOptions,
  whileWaiting: () => void,
): Promise<CollectedSpecs> {
  const endpoint = await resolveEndpoint(source.flags, source.env ?? process.env);
  const client = await EngineClient.connect(endpoint, { timeoutMs: options.timeoutMs, concurrency: options.concurrency });
  try {
    const engineSocket = endpoint.transport === 'unix' ? endpoint.socketPath : null;
    const specSource: SpecSource = { kind: 'engine', location: endpoint.url };
    // Requests first, CPU work after: the engine answers the list while this process
    // loads the code that normalizes the answers, and the inspects while it loads the
    // policy and reads the daemon's facts (/info, its process and files).
    const listing = client.listContainers({ all: !options.runningOnly });
    // Awaited right below; this only keeps a failing list from going unhandled while the code loads.
    listing.catch(() => undefined);
    const [{ fromInspect }, { readDaemonFacts }] = await Promise.all([import('../spec/from-inspect.js'), import('../daemon/collect.js')]);
    const inspection = client.inspectListed(await listing, {
      onProgress: options.onProgress,
      transform: (raw) => fromInspect(raw, { source: specSource, engineSocket }),
    });
    // Awaited below; this only keeps an inspect error from leaving it unhandled.
    inspection.catch(() => undefined);
    whileWaiting();
    const daemon = readDaemonFacts(client, endpoint);
    daemon.catch(() => undefined);
    const { inspected: specs, skipped } = await inspection;
    const facts = await daemon;
    return {
      target: { kind: 'engine', host: endpoint.url, engineVersion: facts.engine.version, apiVersion: client.apiVersion },
      specs,
      skipped,
      engineSocket,
      daemon: facts,
    };
  } finally {
    client.close();
  }
}

async function collectFromFile(path: string, runningOnly: boolean, whileWaiting: () => void): Promise<CollectedSpecs> {
  whileWaiting();
  const bytes = path === '-' ? await readAllBytes(process.stdin) : await readInputFile(path);
  const location = path === '-' ? '<stdin>' : path;
  const specSource: SpecSource = { kind: 'inspect-file', location };
  const { specsFromInspectBytes } = await import('../spec/inspect-bytes.js');
  let specs = specsFromInspectBytes(bytes, specSource);
  if (runningOnly) specs = specs.filter((spec) => spec.state.running);
  return {
    target: { kind: 'inspect-file', host: location, engineVersion: null, apiVersion: null },
    specs,
    skipped: [],
    engineSocket: null,
  };
}

/** The YAML parser is loaded only for file inputs, never on the live-audit path. */
async function collectFromYamlFiles(paths: string[], whileWaiting: () => void): Promise<CollectedSpecs> {
  whileWaiting();
  const { collectFromFiles } = await import('./collect-files.js');
  return { ...collectFromFiles(paths), engineSocket: null };
}

export class InputFileError extends Error {
  override name = 'InputFileError';
}

async function readInputFile(path: string): Promise<Buffer> {
  try {
    // One synchronous read: for a 65 MB inspect file it is several times faster than
    // the chunked promise API, and nothing else is waiting on the event loop here.
    // Bytes, not text: specsFromInspectBytes decodes one container at a time.
    return readFileSync(path);
  } catch (error) {
    throw new InputFileError(`${path}: cannot read inspect file (${describeFsError(error)}); expected the output of \`docker inspect\``);
  }
}

export function buildReport(
  collected: CollectedSpecs,
  findings: Finding[],
  rules: AuditReport['rules'],
  waivers: AuditReport['waivers'],
  options: AuditOptions,
  policySources: string[],
): AuditReport {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let waived = 0;
  for (const finding of findings) {
    if (finding.waived) waived++;
    else bySeverity[finding.severity]++;
  }
  return {
    tool: { name: 'harden', version: toolVersion() },
    target: collected.target,
    generatedAt: new Date().toISOString(),
    policies: policySources,
    failOn: options.failOn,
    summary: { containers: collected.specs.length, findings: findings.length - waived, waived, bySeverity },
    containers: collected.specs.map((spec) => ({ id: spec.id, name: spec.name, image: spec.image.ref, state: spec.state.status })),
    skipped: collected.skipped,
    findings,
    rules,
    waivers,
  };
}

/** True when the report has an unwaived finding at or above its failure threshold that is not in the `--baseline`. */
export function reportFails(report: AuditReport): boolean {
  return report.findings.some((finding) => !finding.waived && finding.inBaseline !== true && atLeast(finding.severity, report.failOn));
}
