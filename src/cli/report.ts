import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { CommandModule } from './command.js';
import { CliError, EXIT } from './exit-codes.js';
import { SEVERITIES, type Severity } from '../policy/types.js';
import { addEngineOptions, engineFlags } from './engine-options.js';
import { collect, positiveNumber } from './option-parsers.js';
import type { ReportChanges } from '../report/types.js';

export const DEFAULT_REPORTS_FOLDER = 'reports';

/** `harden report`'s options; `harden schedule` takes the same ones and passes them on. */
export function addReportOptions(command: Command): void {
  addEngineOptions(command);
  command
    .option('--running', 'report on running containers only (default: every state)')
    .option('--from <file>', 'report on `docker inspect` output from a file instead of an engine')
    .option('-p, --policy <file|name>', 'policy file or built-in pack (baseline, restricted); repeatable', collect, [])
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity (reports are written either way)').choices([...SEVERITIES]).default('high'))
    .option('--out-dir <dir>', 'reports folder: a folder per run and a `latest` symlink', DEFAULT_REPORTS_FOLDER)
    .option('--keep <n>', 'keep only the newest N runs (default: keep every run)')
    .option('--timeout <seconds>', 'per-request engine timeout, in seconds', '10')
    .option('--concurrency <n>', 'container inspects in parallel', '16');
}

export const reportCommand: CommandModule = {
  path: ['report'],
  summary: 'audit and keep the reports: one timestamped folder per run, compared with the previous run',
  examples: [
    'harden report',
    'harden report -H unix:///run/docker.sock -p restricted --out-dir /var/lib/harden/reports --keep 30',
    'harden report --from inspect.json --out-dir reports --fail-on critical',
  ],
  configure(command) {
    addReportOptions(command);
  },
  async run(_args, options) {
    const outDir = options.outDir as string;
    const keep = options.keep === undefined ? undefined : parseKeep(options.keep as string);
    const from = options.from as string | undefined;
    const { runReport } = await import('../history/report-run.js');
    const { reportFails } = await import('../audit/run-audit.js');
    const result = await runReport({
      outDir,
      keep,
      audit: {
        source: from ? { kind: 'inspect-file', path: from } : { kind: 'engine', flags: engineFlags(options) },
        runningOnly: Boolean(options.running),
        policies: options.policy as string[],
        failOn: options.failOn as Severity,
        timeoutMs: positiveNumber(options.timeout as string, '--timeout') * 1000,
        concurrency: Math.floor(positiveNumber(options.concurrency as string, '--concurrency')),
      },
    });
    for (const warning of result.warnings) process.stderr.write(`harden: warning: passed over an earlier run: ${warning}\n`);
    const { summary } = result.report;
    const lines = [
      `${join(outDir, result.run)}: ${summary.findings} open finding(s) in ${summary.containers} container(s)${describeChanges(result.report.changes)}`,
      ...(result.pruned.length > 0 ? [`pruned ${result.pruned.length} old run(s): ${result.pruned.join(', ')}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
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
