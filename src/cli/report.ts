import { join } from 'node:path';
import type { Command } from 'commander';
import type { CommandModule } from './command.js';
import { CliError, EXIT } from './exit-codes.js';
import { addAuditJobOptions, openAuditJob } from './audit-job.js';
import type { ReportChanges } from '../report/types.js';

export const DEFAULT_REPORTS_FOLDER = 'reports';

/** `harden report`'s options: `harden audit`'s targets and gates, and the reports folder. `harden schedule` passes them on. */
export function addReportOptions(command: Command): void {
  addAuditJobOptions(command);
  command
    .option('--out-dir <dir>', 'reports folder: a folder per run and a `latest` symlink', DEFAULT_REPORTS_FOLDER)
    .option('--keep <n>', 'keep only the newest N runs (default: keep every run)');
}

export const reportCommand: CommandModule = {
  path: ['report'],
  summary: 'audit and keep the reports: one timestamped folder per run, compared with the previous run',
  examples: [
    'harden report',
    'harden report -H unix:///run/docker.sock -p restricted --out-dir /var/lib/harden/reports --keep 30',
    'harden report --from inspect.json --out-dir reports --fail-on critical',
    'harden report compose.yaml k8s/deployment.yaml --out-dir reports',
    'harden report --hosts fleet.yaml --baseline harden-baseline.json --out-dir /var/lib/harden/reports',
  ],
  configure(command) {
    addReportOptions(command);
  },
  async run(args, options) {
    const outDir = options.outDir as string;
    const keep = options.keep === undefined ? undefined : parseKeep(options.keep as string);
    const job = await openAuditJob(args, options);
    const [{ runReport }, { reportFails }, { Interrupted, exitCodeFor }] = await Promise.all([
      import('../history/report-run.js'),
      import('../audit/run-audit.js'),
      import('../util/interrupts.js'),
    ]);
    const result = await runReport({ outDir, keep, audit: () => job.audit(), baseline: job.baseline }).catch((error: unknown) => {
      if (!(error instanceof Interrupted)) throw error;
      process.stderr.write(`harden: ${error.message}; the run was discarded, nothing was added to ${outDir}\n`);
      // At once: an abandoned engine request would otherwise hold the process until its timeout.
      process.exit(error.exitCode);
    });
    for (const warning of result.warnings) process.stderr.write(`harden: warning: ${warning}\n`);
    const { summary } = result.report;
    const lines = [
      `${join(outDir, result.run)}: ${summary.findings} open finding(s) in ${summary.containers} container(s)${describeChanges(result.report.changes)}`,
      // On stdout with the run's line, unlike `harden audit`'s: a scheduler mails stderr, and this is no problem.
      ...(result.baselineSummary !== undefined ? [result.baselineSummary] : []),
      ...(result.removedLeftovers.length > 0 ? [`removed what ${result.removedLeftovers.length} interrupted run(s) left: ${result.removedLeftovers.join(', ')}`] : []),
      ...(result.pruned.length > 0 ? [`pruned ${result.pruned.length} old run(s): ${result.pruned.join(', ')}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (result.interrupted !== undefined) {
      process.stderr.write(`harden: interrupted by ${result.interrupted} after the run was written\n`);
      return exitCodeFor(result.interrupted);
    }
    return reportFails(result.report) ? EXIT.findings : EXIT.ok;
  },
};

export function parseKeep(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new CliError(`--keep: expected a whole number of runs, 1 or more, got "${value}"`, EXIT.usage);
  return Number(value);
}

function describeChanges(changes: ReportChanges | undefined): string {
  if (!changes) return '; first run in this folder';
  return `; since ${changes.previous.run}: ${changes.new.length} new, ${changes.resolved.length} resolved, ${changes.unchanged.length} unchanged`;
}
