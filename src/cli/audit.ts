import { Option } from 'commander';
import type { CommandModule } from './command.js';
import { CliError, EXIT } from './exit-codes.js';
import { SEVERITIES, type Severity } from '../policy/types.js';
import { addEngineOptions, engineFlags, rejectEngineFlags } from './engine-options.js';
import { addFleetOptions, fleetOption } from './audit-fleet.js';
import { collect, positiveNumber } from './option-parsers.js';


export const auditCommand: CommandModule = {
  path: ['audit'],
  summary: 'audit containers (running, created and exited) against declarative policies',
  examples: [
    'harden audit',
    'harden audit -H unix:///run/docker.sock -p restricted --fail-on medium',
    'harden audit -p ./harden-policy.yaml -f sarif -o harden.sarif',
    'harden audit --output-dir reports -f json,sarif,junit,markdown,html',
    'docker inspect $(docker ps -aq) | harden audit --from - -f json',
    'harden audit compose.yaml k8s/deployment.yaml -f sarif -o harden.sarif',
    'harden audit --baseline harden-baseline.json --update-baseline',
    'harden audit --hosts fleet.yaml -f html -o fleet.html',
  ],
  configure(command) {
    command.argument('[files...]', 'compose files or Kubernetes manifests to audit instead of an engine');
    addEngineOptions(command);
    addFleetOptions(command);
    command
      .option('--running', 'audit running containers only (default: every state)')
      .option('--from <file>', 'audit `docker inspect` output from a file, or - for stdin, instead of an engine')
      .option('-p, --policy <file|name>', 'policy file or built-in pack (baseline, restricted); repeatable', collect, [])
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES]).default('high'))
      .option('-f, --format <formats>', 'table, json, sarif, junit, markdown, html; comma-separated or repeated (default: table on a TTY, json otherwise)', collect, [])
      .option('-o, --output <file>', 'write the (single) format to this file instead of stdout')
      .option('--output-dir <dir>', 'write every format to DIR under its default file name')
      .option('--timeout <seconds>', 'per-request engine timeout in seconds', '10')
      .option('--concurrency <n>', 'parallel container inspects', '16')
      .option('--baseline <file>', 'fail only on findings not in this baseline file (findings in it are still reported)')
      .option('--update-baseline', 'write the current unwaived findings to the --baseline file');
  },
  async run(args, options) {
    const formats = parseFormats(options.format as string[]);
    const output = options.output as string | undefined;
    const outputDir = options.outputDir as string | undefined;
    if (output && outputDir) throw new CliError('use either -o/--output or --output-dir, not both', EXIT.usage);
    if (output && formats.length > 1) throw new CliError('-o/--output takes one format; use --output-dir for several', EXIT.usage);
    const failOn = options.failOn as Severity;
    const timeoutMs = positiveNumber(options.timeout as string, '--timeout') * 1000;
    const concurrency = Math.floor(positiveNumber(options.concurrency as string, '--concurrency'));
    const from = options.from as string | undefined;
    const offlineInput = args.length > 0 ? 'FILE arguments' : from !== undefined ? '--from' : null;
    if (offlineInput !== null) rejectEngineFlags(options, offlineInput);
    const { runAudit, reportFails } = await import('../audit/run-audit.js');
    const baseline = await openBaselineOption(options);
    const progress = process.stderr.isTTY && !from && args.length === 0 ? showProgress : undefined;
    const fleet = fleetOption(options, args);
    const report = fleet ? await fleet.run({ runningOnly: Boolean(options.running), policies: options.policy as string[], failOn, timeoutMs, concurrency }) : await runAudit({
      source: fileSource(args, from) ?? (from ? { kind: 'inspect-file', path: from } : { kind: 'engine', flags: engineFlags(options) }),
      runningOnly: Boolean(options.running),
      policies: options.policy as string[],
      failOn,
      timeoutMs,
      concurrency,
      onProgress: progress,
    });
    if (progress) process.stderr.write('\r\x1b[K');
    if (baseline) process.stderr.write(`${await baseline.apply(report)}\n`);
    const chosen = formats.length > 0 ? formats : [process.stdout.isTTY && !output && !outputDir ? 'table' : 'json'];
    const { writeReports } = await import('../audit/write-reports.js');
    await writeReports(report, chosen, { output, outputDir, color: useColor() });
    return reportFails(report) ? EXIT.findings : EXIT.ok;
  },
};

async function openBaselineOption(options: Record<string, unknown>) {
  const file = options.baseline as string | undefined;
  const update = Boolean(options.updateBaseline);
  if (update && !file) throw new CliError('--update-baseline needs --baseline FILE (the file to write)', EXIT.usage);
  if (!file) return null;
  const { openBaseline } = await import('../baseline/apply-baseline.js');
  return openBaseline({ file, update });
}

/** FILE arguments audit compose files and manifests; they name the target, so --from cannot. */
function fileSource(files: string[], from: string | undefined): { kind: 'files'; paths: string[] } | null {
  if (files.length === 0) return null;
  if (from !== undefined) throw new CliError('use either FILE arguments or --from, not both', EXIT.usage);
  return { kind: 'files', paths: files };
}

function parseFormats(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

function showProgress(done: number, total: number): void {
  process.stderr.write(`\rinspecting containers: ${done}/${total}`);
}
