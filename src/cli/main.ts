#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { toolVersion } from '../util/package-info.js';
import { EXIT } from './exit-codes.js';
import { describeError } from './errors.js';
import type { CommandModule } from './command.js';
import { auditCommand } from './audit.js';
import { reportCommand } from './report.js';
import { scheduleCommand } from './schedule.js';
import { policyInitCommand, policyListCommand, policySchemaCommand, policyTestCommand, policyValidateCommand } from './policy.js';
import { tlsClientCommand, tlsInitCommand, tlsRenewCommand } from './tls.js';
import { tlsInspectCommand, tlsVerifyCommand } from './tls-check.js';
import { proxyCheckCommand, proxyNginxCommand, proxyPasswdCommand } from './proxy.js';
import { selinuxAllowCommand, selinuxBuildCommand, selinuxGenerateCommand } from './selinux.js';

const commands: CommandModule[] = [auditCommand, reportCommand, scheduleCommand, policyListCommand, policyValidateCommand, policySchemaCommand, policyInitCommand, policyTestCommand, tlsInitCommand, tlsClientCommand, tlsRenewCommand, tlsInspectCommand, tlsVerifyCommand, proxyPasswdCommand, proxyNginxCommand, proxyCheckCommand, selinuxGenerateCommand, selinuxAllowCommand, selinuxBuildCommand];

/**
 * The program, with every command, or only those under `only` (the first word the
 * user typed): configuring twenty commands' options costs start-up time every run
 * needs for one. Help, --version and unknown words get the whole tree.
 */
export function buildProgram(only?: string): Command {
  const program = new Command('harden')
    .description('Security hardening and audit for Docker hosts')
    .version(toolVersion(), '-V, --version', 'print the harden version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(`harden: ${text.replace(/^error: /, '')}`) });

  const known = new Set(commands.map((module) => module.path[0]));
  const selected = only !== undefined && known.has(only) ? commands.filter((module) => module.path[0] === only) : commands;
  for (const module of selected) {
    let parent = program;
    for (const word of module.path.slice(0, -1)) {
      parent = parent.commands.find((c) => c.name() === word) ?? parent.command(word).description(`${word} commands`).exitOverride();
    }
    const command = parent.command(module.path[module.path.length - 1] ?? '').description(module.summary).exitOverride();
    module.configure(command);
    if (module.examples) command.addHelpText('after', `\nExamples:\n${module.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    command.action(async (...received: unknown[]) => {
      const cmd = received[received.length - 1] as Command;
      const options = cmd.opts();
      const args = cmd.args;
      process.exitCode = await module.run(args, options);
    });
  }
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram(argv[2]);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      const benign = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exitCode = benign ? EXIT.ok : EXIT.usage;
      return;
    }
    const { message, exitCode } = describeError(error);
    process.stderr.write(`harden: ${message}\n`);
    if (process.env.HARDEN_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = exitCode;
  }
}

// A reader that stops early (`harden audit | head`) closes the pipe: the output was
// not wanted any more, which is no error of harden's. Exit as a program killed by
// SIGPIPE would (128 + 13), so `set -o pipefail` still sees the output was cut short.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(EXIT_BROKEN_PIPE);
});
const EXIT_BROKEN_PIPE = 141;

await main(process.argv);
