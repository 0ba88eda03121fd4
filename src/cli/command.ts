import type { Command } from 'commander';

/**
 * One CLI command: metadata that drives `--help`, and a thin action that parses
 * options and calls one domain function. Domain modules are imported inside the
 * action so `harden --version` and `--help` stay fast.
 */
export interface CommandModule {
  /** Words after `harden`, e.g. `['policy', 'list']`. */
  path: string[];
  summary: string;
  /** Extra help text (examples), printed after the options. */
  examples?: string[];
  /** Adds arguments and options to the commander command. */
  configure(command: Command): void;
  /** Runs the command; resolves with the process exit code. */
  run(args: string[], options: Record<string, unknown>): Promise<number>;
}
