// `harden audit --hosts FILE`: the fleet side of the audit command.
import type { Command } from 'commander';
import type { FleetAuditOptions } from '../fleet/run-fleet.js';
import type { AuditReport } from '../report/types.js';
import { CliError, EXIT } from './exit-codes.js';

export function addFleetOptions(command: Command): void {
  command
    .option('--hosts <file>', 'audit every engine of a fleet file (hosts: [{name, host, certPath, tlsverify}]) concurrently')
    .option('--parallel-hosts <n>', 'engines audited at once with --hosts', '8');
}

export interface FleetRun {
  run(options: Omit<FleetAuditOptions, 'fleetFile' | 'parallelHosts'>): Promise<AuditReport>;
}

/** Null without --hosts; a usage error when --hosts is combined with another target. */
export function fleetOption(options: Record<string, unknown>, files: readonly string[]): FleetRun | null {
  const fleetFile = options.hosts as string | undefined;
  if (fleetFile === undefined) return null;
  const other = [
    files.length > 0 ? 'FILE arguments' : null,
    options.from !== undefined ? '--from' : null,
    options.host !== undefined ? '-H/--host' : null,
    options.context !== undefined ? '--context' : null,
    options.tls !== undefined ? '--tls' : null,
    options.tlsverify !== undefined ? '--tlsverify' : null,
    options.tlscacert !== undefined ? '--tlscacert' : null,
    options.tlscert !== undefined ? '--tlscert' : null,
    options.tlskey !== undefined ? '--tlskey' : null,
  ].find((name) => name !== null);
  if (other) throw new CliError(`use either --hosts or ${other}, not both (the fleet file names every engine and its TLS files)`, EXIT.usage);
  const parallel = Number(options.parallelHosts);
  if (!Number.isInteger(parallel) || parallel <= 0) throw new CliError(`--parallel-hosts: expected a positive whole number, got "${String(options.parallelHosts)}"`, EXIT.usage);
  return {
    async run(common) {
      const { runFleetAudit } = await import('../fleet/run-fleet.js');
      return runFleetAudit({ ...common, fleetFile, parallelHosts: parallel });
    },
  };
}
