import type { CommandModule } from './command.js';
import { EXIT } from './exit-codes.js';
import { addEngineOptions, engineFlags } from './engine-options.js';

/** Repeatable options; no default, so --help does not print `(default: [])`. */
function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const selinuxGenerateCommand: CommandModule = {
  path: ['selinux', 'generate'],
  summary: "write a container's SELinux policy module (.te, or .cil) from its mounts, ports, effective capabilities, devices and engine socket",
  examples: [
    'harden selinux generate web --name web_app --out ./policy',
    'harden selinux generate web --name web_app --out ./policy --format cil --file-contexts /etc/selinux/default/contexts/files/file_contexts',
    'harden selinux generate --from web.json --name web_app --out ./policy --flavor fedora --avc /var/log/audit/audit.log',
  ],
  configure(command) {
    command
      .argument('[container]', 'container name or id on the engine, or in the --from file (optional when the file holds one)')
      .requiredOption('-n, --name <module>', 'module name: lower-case letters, digits and _ (the domain becomes NAME_t)')
      .requiredOption('-o, --out <dir>', 'directory to write NAME.te (+ NAME.fc, NAME.if) or NAME.cil to')
      .option('--from <file>', 'read the container from docker inspect output instead of the engine')
      .option('--format <format>', 'te (reference-policy style) or cil', 'te')
      .option('--flavor <flavor>', 'refpolicy (container_domain_template: Debian, upstream) or fedora (virt_sandbox_domain_template: container-selinux)', 'refpolicy')
      .option('--file-contexts <file>', "a policy's file_contexts to map host paths to types (repeatable; default: built-in table)", collectRepeated)
      .option('--port-contexts <file>', 'semanage port -l output to map ports to types (repeatable; default: built-in table)', collectRepeated)
      .option('--avc <log>', "fold in allow rules for the container's type from this AVC log (audit.log, ausearch -i, journald)")
      .option('--force', 'overwrite existing files');
    addEngineOptions(command);
  },
  async run(args, options) {
    const [{ generateModule, describeGenerated }, { parseModuleName }, { parseFlavor, parseFormat }] = await Promise.all([
      import('../selinux/generate.js'), import('../selinux/module-name.js'), import('../selinux/options.js'),
    ]);
    const from = options.from as string | undefined;
    const format = parseFormat(options.format as string);
    const result = await generateModule({
      target: args[0],
      source: from === undefined ? { kind: 'engine', flags: engineFlags(options) } : { kind: 'inspect-file', path: from },
      module: parseModuleName(options.name as string, '--name'),
      out: options.out as string,
      format,
      flavor: parseFlavor(options.flavor as string),
      fileContexts: (options.fileContexts as string[] | undefined) ?? [],
      portContexts: (options.portContexts as string[] | undefined) ?? [],
      avcLog: (options.avc as string | undefined) ?? null,
      force: Boolean(options.force),
    });
    for (const warning of result.policy.warnings) process.stderr.write(`harden: warning: ${warning}\n`);
    process.stdout.write(describeGenerated(result));
    return EXIT.ok;
  },
};

export const selinuxBuildCommand: CommandModule = {
  path: ['selinux', 'build'],
  summary: 'compile a policy module (.te with the devel Makefile or checkmodule, .cil with secilc) without loading it; exit 0 when it compiles',
  examples: ['harden selinux build ./policy/web_app.te', 'harden selinux build ./policy/web_app.cil --full-policy'],
  configure(command) {
    command
      .argument('<file>', 'NAME.te (reference-policy or plain module) or NAME.cil')
      .option('--full-policy', "compile CIL against the installed policy's modules (~7 s) instead of harden's minimal base");
  },
  async run(args, options) {
    const { buildModule, describeBuild } = await import('../selinux/build.js');
    const result = await buildModule({ file: args[0] ?? '', fullPolicy: Boolean(options.fullPolicy) });
    const text = describeBuild(result);
    if (result.ok) {
      process.stdout.write(text);
      return EXIT.ok;
    }
    process.stderr.write(text);
    return EXIT.findings;
  },
};

export const selinuxAllowCommand: CommandModule = {
  path: ['selinux', 'allow'],
  summary: 'turn AVC denials from audit.log, ausearch -i, dmesg, journald or syslog into a policy module (the audit2allow job, streamed)',
  examples: [
    'harden selinux allow /var/log/audit/audit.log',
    'ausearch -m AVC,USER_AVC -i | harden selinux allow - --domain httpd_t --why',
    'harden selinux allow audit.log -M myapp_local --out ./policy',
  ],
  configure(command) {
    command
      .argument('<log>', 'the log to read, or - for standard input')
      .option('-m, --module <name>', 'module name for the printed module (default: harden_allow)')
      .option('-M, --module-package <name>', 'write NAME.te (module NAME) instead of printing it, and NAME.pp when checkmodule and semodule_package are installed')
      .option('-o, --out <dir>', 'directory for -M', '.')
      .option('--force', 'with -M, overwrite an existing NAME.te')
      .option('--domain <type>', 'keep only denials whose source type is TYPE')
      .option('--why', 'explain each rule: how many denials, first and last seen, sample processes and paths');
  },
  async run(args, options) {
    const [{ allowFromLog, describeSummary, packageAllowModule, parseDomain, writeAllowModule }, { parseModuleName }, { SelinuxInputError }] = await Promise.all([
      import('../selinux/avc-module.js'), import('../selinux/module-name.js'), import('../selinux/errors.js'),
    ]);
    const packageName = options.modulePackage as string | undefined;
    const moduleOption = options.module as string | undefined;
    if (packageName !== undefined && moduleOption !== undefined) throw new SelinuxInputError('-m and -M exclude each other: -M NAME names the module and its file');
    const module = packageName === undefined ? parseModuleName(moduleOption ?? 'harden_allow', '-m') : parseModuleName(packageName, '-M');
    const domain = options.domain === undefined ? undefined : parseDomain(options.domain as string);
    const result = await allowFromLog({ log: args[0] ?? '-', module, domain, why: Boolean(options.why) });
    process.stderr.write(`harden: ${describeSummary(result.summary, domain)}\n`);
    if (packageName === undefined) {
      process.stdout.write(result.text);
      return EXIT.ok;
    }
    const written = await writeAllowModule(options.out as string, module, result.text, Boolean(options.force));
    process.stdout.write(`wrote ${written}\n`);
    const packaged = await packageAllowModule(written);
    (packaged.ok ? process.stdout : process.stderr).write(packaged.message);
    return packaged.ok ? EXIT.ok : EXIT.findings;
  },
};
