// What `harden audit` and `harden report` audit and how they gate it: FILE arguments,
// `--from`, one engine or a fleet (`--hosts`), the policy, `--fail-on` and `--baseline`.
// Both commands turn their options into the audit here, so they accept and refuse
// exactly the same things; `harden schedule` checks the options it passes on here too.
import { Option, type Command } from 'commander';
import type { AuditOptions, AuditSource } from '../audit/run-audit.js';
import type { OpenBaseline } from '../baseline/apply-baseline.js';
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { AuditReport } from '../report/types.js';
import { addFleetOptions, fleetOption, type FleetRun } from './audit-fleet.js';
import { addEngineOptions, engineFlags, rejectEngineFlags } from './engine-options.js';
import { CliError, EXIT } from './exit-codes.js';
import { collect, positiveNumber } from './option-parsers.js';

/** The targets, policy, gate and engine-request options of `harden audit` and `harden report`. */
export function addAuditJobOptions(command: Command): void {
  command.argument('[files...]', 'compose files or Kubernetes manifests to audit instead of an engine');
  addEngineOptions(command);
  addFleetOptions(command);
  command
    .option('--running', 'audit running containers only (default: every state)')
    .option('--from <file>', 'audit `docker inspect` output from a file, or - for stdin, instead of an engine')
    .option('-p, --policy <file|name>', 'policy file or built-in pack (baseline, restricted); repeatable', collect, [])
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity').choices([...SEVERITIES]).default('high'))
    .option('--timeout <seconds>', 'per-request engine timeout in seconds', '10')
    .option('--concurrency <n>', 'parallel container inspects', '16')
    .option('--baseline <file>', 'fail only on findings not in this baseline file (findings in it are still reported)')
    .option('--update-baseline', 'write the current unwaived findings to the --baseline file');
}

/** The options, checked: what to audit, with which settings, gated by which baseline. */
export interface AuditPlan {
  target: { kind: 'fleet'; fleet: FleetRun } | { kind: 'single'; source: AuditSource };
  settings: Omit<AuditOptions, 'source' | 'onProgress'>;
  baseline: { file: string; update: boolean } | null;
}

/**
 * Every usage error of the options (exit 2), found without reading a file or
 * contacting an engine: conflicting targets, engine flags with an offline input,
 * bad numbers, `--update-baseline` without a file.
 */
export function planAuditJob(files: readonly string[], options: Record<string, unknown>): AuditPlan {
  const settings = {
    runningOnly: Boolean(options.running),
    policies: options.policy as string[],
    failOn: options.failOn as Severity,
    timeoutMs: positiveNumber(options.timeout as string, '--timeout') * 1000,
    concurrency: Math.floor(positiveNumber(options.concurrency as string, '--concurrency')),
  };
  const from = options.from as string | undefined;
  const offlineInput = files.length > 0 ? 'FILE arguments' : from !== undefined ? '--from' : null;
  if (offlineInput !== null) rejectEngineFlags(options, offlineInput);
  const baselineFile = options.baseline as string | undefined;
  const update = Boolean(options.updateBaseline);
  if (update && !baselineFile) throw new CliError('--update-baseline needs --baseline FILE (the file to write)', EXIT.usage);
  const baseline = baselineFile ? { file: baselineFile, update } : null;
  const fleet = fleetOption(options, files);
  if (fleet) return { target: { kind: 'fleet', fleet }, settings, baseline };
  return { target: { kind: 'single', source: singleSource(files, from, options) }, settings, baseline };
}

/** FILE arguments audit compose files and manifests; they name the target, so --from cannot. */
function singleSource(files: readonly string[], from: string | undefined, options: Record<string, unknown>): AuditSource {
  if (files.length > 0) {
    if (from !== undefined) throw new CliError('use either FILE arguments or --from, not both', EXIT.usage);
    return { kind: 'files', paths: [...files] };
  }
  return from !== undefined ? { kind: 'inspect-file', path: from } : { kind: 'engine', flags: engineFlags(options) };
}

export interface AuditJob {
  /** One live engine: the only audit that reports inspect progress. */
  readonly singleEngine: boolean;
  /** Audits one engine, the FILE arguments, an inspect file or every engine of the fleet. */
  audit(onProgress?: (done: number, total: number) => void): Promise<AuditReport>;
  /** The `--baseline` to mark the report against (written first with `--update-baseline`). */
  readonly baseline: OpenBaseline | null;
}

/** The checked job, with a `--baseline` already read, so a missing or broken one fails before any audit. */
export async function openAuditJob(files: readonly string[], options: Record<string, unknown>): Promise<AuditJob> {
  const { target, settings, baseline } = planAuditJob(files, options);
  const opened = baseline ? await (await import('../baseline/apply-baseline.js')).openBaseline(baseline) : null;
  if (target.kind === 'fleet') {
    return { singleEngine: false, baseline: opened, audit: () => target.fleet.run(settings) };
  }
  return {
    singleEngine: target.source.kind === 'engine',
    baseline: opened,
    async audit(onProgress) {
      const { runAudit } = await import('../audit/run-audit.js');
      return runAudit({ ...settings, source: target.source, onProgress });
    },
  };
}
