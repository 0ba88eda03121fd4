import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from './command.js';
import { CliError, EXIT } from './exit-codes.js';
import { planAuditJob } from './audit-job.js';
import { addReportOptions, parseKeep } from './report.js';

const DEFAULT_UNIT = 'harden-report';

export const scheduleCommand: CommandModule = {
  path: ['schedule'],
  summary: 'print or write a systemd timer (or a cron line) that runs `harden report` on a schedule',
  examples: [
    'harden schedule --every 1h --out-dir /var/lib/harden/reports --keep 168',
    'harden schedule --every 1d -p restricted --out-dir /var/lib/harden/reports --systemd /etc/systemd/system',
    'harden schedule --every 30m --out-dir /var/lib/harden/reports --cron',
  ],
  configure(command) {
    addReportOptions(command);
    command
      .option('--every <interval>', 'how often: Nm (N divides 60), Nh (N divides 24), 1d or 1w', '1d')
      .option('--systemd <dir>', 'write UNIT.service and UNIT.timer to DIR (e.g. /etc/systemd/system) instead of printing them')
      .option('--cron', 'print the equivalent crontab line (instead of the units, unless --systemd writes them)')
      .option('--unit <name>', 'systemd unit name', DEFAULT_UNIT)
      .option('--force', 'overwrite unit files that exist');
  },
  async run(args, options) {
    const schedule = await import('../history/schedule.js');
    const every = options.every as string;
    const interval = schedule.parseInterval(every);
    if (!interval) {
      throw new CliError(`--every: expected an interval that divides an hour, a day or a week evenly, such as 15m, 30m, 1h, 6h, 1d or 1w; got "${every}"`, EXIT.usage);
    }
    const unit = options.unit as string;
    if (!schedule.isUnitName(unit)) throw new CliError(`--unit: expected letters, digits and _ . : - only, got "${unit}"`, EXIT.usage);
    const command = [process.execPath, hardenScript(), ...reportArguments(args, options)];
    const bad = schedule.unschedulableWord(command);
    if (bad !== undefined) throw new CliError(`${JSON.stringify(bad)}: control characters cannot be passed through a unit file or crontab`, EXIT.usage);
    const spec = { unit, interval, command };

    const systemdDir = options.systemd as string | undefined;
    const output: string[] = [];
    if (systemdDir) {
      const { checkTargets, writeFiles } = await import('../util/output-files.js');
      const files = [
        { path: `${unit}.service`, content: schedule.renderService(spec), mode: 0o644 },
        { path: `${unit}.timer`, content: schedule.renderTimer(spec), mode: 0o644 },
      ];
      await checkTargets(systemdDir, files.map((file) => file.path), Boolean(options.force));
      const written = await writeFiles(systemdDir, files, 0o755);
      output.push(...written.map((path) => `wrote ${path}`), `enable with: systemctl daemon-reload && systemctl enable --now ${unit}.timer`);
    } else if (!options.cron) {
      output.push(`# ==> ${unit}.service <==`, schedule.renderService(spec), `# ==> ${unit}.timer <==`, schedule.renderTimer(spec));
    }
    if (options.cron) output.push(schedule.renderCron(spec));
    process.stdout.write(`${output.join('\n').replace(/\n+$/, '')}\n`);
    return EXIT.ok;
  },
};

/** The script being run, with symlinks (an npm bin link) resolved: the scheduler gets a stable path. */
function hardenScript(): string {
  const script = process.argv[1];
  if (script === undefined) throw new CliError('cannot tell where the harden script is; run it as `harden schedule`', EXIT.usage);
  return realpathSync(script);
}

/**
 * `harden report` and the options given here, checked now (the same checks
 * `harden report` makes) so a bad value fails here rather than at every scheduled
 * run. Paths become absolute: the scheduler starts the report in another working
 * directory.
 */
function reportArguments(files: string[], options: Record<string, unknown>): string[] {
  planAuditJob(files, options);
  if (options.from === '-') throw new CliError('--from -: a scheduled report has no stdin; give the inspect file', EXIT.usage);
  // Absolute, a FILE argument can never be read as an option.
  const words = ['report', ...files.map((file) => resolve(file))];
  const text = (key: string): string | undefined => options[key] as string | undefined;
  const add = (flag: string, value: string | undefined): void => {
    if (value !== undefined) words.push(flag, value);
  };
  const path = (key: string): string | undefined => {
    const value = text(key);
    return value === undefined ? undefined : resolve(value);
  };
  /** Options with a default are written only when they differ from it, so the unit reads as the user wrote it. */
  const addUnlessDefault = (flag: string, key: string, fallback: string): void => {
    const value = text(key) ?? fallback;
    if (value !== fallback) add(flag, value);
  };
  add('--host', text('host'));
  add('--context', text('context'));
  if (options.tls) words.push('--tls');
  if (options.tlsverify) words.push('--tlsverify');
  add('--tlscacert', path('tlscacert'));
  add('--tlscert', path('tlscert'));
  add('--tlskey', path('tlskey'));
  add('--hosts', path('hosts'));
  if (options.hosts !== undefined) addUnlessDefault('--parallel-hosts', 'parallelHosts', '8');
  if (options.running) words.push('--running');
  add('--from', path('from'));
  // A policy that names a file here is passed by absolute path; a pack name as it is.
  for (const policy of options.policy as string[]) add('--policy', existsSync(policy) ? resolve(policy) : policy);
  add('--fail-on', text('failOn'));
  add('--baseline', path('baseline'));
  if (options.updateBaseline) words.push('--update-baseline');
  add('--out-dir', path('outDir'));
  const keep = text('keep');
  if (keep !== undefined) add('--keep', String(parseKeep(keep)));
  addUnlessDefault('--timeout', 'timeout', '10');
  addUnlessDefault('--concurrency', 'concurrency', '16');
  return words;
}
