import type { CommandModule } from './command.js';
import { CliError, EXIT } from './exit-codes.js';
import { addAuditJobOptions, openAuditJob } from './audit-job.js';
import { collect } from './option-parsers.js';

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
    addAuditJobOptions(command);
    command
      .option('-f, --format <formats>', 'table, json, sarif, junit, markdown, html; comma-separated or repeated (default: table on a TTY, json otherwise)', collect, [])
      .option('-o, --output <file>', 'write the (single) format to this file instead of stdout')
      .option('--output-dir <dir>', 'write every format to DIR under its default file name');
  },
  async run(args, options) {
    const formats = parseFormats(options.format as string[]);
    const output = options.output as string | undefined;
    const outputDir = options.outputDir as string | undefined;
    if (output && outputDir) throw new CliError('use either -o/--output or --output-dir, not both', EXIT.usage);
    if (output && formats.length > 1) throw new CliError('-o/--output takes one format; use --output-dir for several', EXIT.usage);
    const job = await openAuditJob(args, options);
    const progress = process.stderr.isTTY && job.singleEngine ? showProgress : undefined;
    const report = await job.audit(progress);
    // Loaded after the audit: nothing here is needed before the engine has answered.
    const [{ reportFails }, { writeReports }] = await Promise.all([import('../audit/run-audit.js'), import('../audit/write-reports.js')]);
    if (progress) process.stderr.write('\r\x1b[K');
    if (job.baseline) process.stderr.write(`${await job.baseline.apply(report)}\n`);
    const chosen = formats.length > 0 ? formats : [process.stdout.isTTY && !output && !outputDir ? 'table' : 'json'];
    await writeReports(report, chosen, { output, outputDir, color: useColor() });
    return reportFails(report) ? EXIT.findings : EXIT.ok;
  },
};

function parseFormats(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

function showProgress(done: number, total: number): void {
  process.stderr.write(`\rinspecting containers: ${done}/${total}`);
}
