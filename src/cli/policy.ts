import { Option } from 'commander';
import type { CommandModule } from './command.js';
import { EXIT } from './exit-codes.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const policyListCommand: CommandModule = {
  path: ['policy', 'list'],
  summary: 'list the built-in checks with ids, severities and CIS / PSS references',
  examples: ['harden policy list', 'harden policy list -p restricted', 'harden policy list --format markdown'],
  configure(command) {
    command
      .option('-p, --policy <file|name>', 'show severities and enabled state under this policy; repeatable', collect, [])
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'));
  },
  async run(_args, options) {
    const { listChecks } = await import('../policy/list.js');
    const { renderCheckList } = await import('./check-list-format.js');
    const policies = options.policy as string[];
    let policy;
    if (policies.length > 0) {
      const { loadPolicies } = await import('../policy/loader.js');
      policy = await loadPolicies(policies);
    }
    const rows = listChecks(policy);
    process.stdout.write(renderCheckList(rows, options.format as 'table' | 'json' | 'markdown'));
    return EXIT.ok;
  },
};

export const policyValidateCommand: CommandModule = {
  path: ['policy', 'validate'],
  summary: 'validate policy files against the schema and the check registry',
  examples: ['harden policy validate harden-policy.yaml'],
  configure(command) {
    command.argument('<file...>', 'policy files (YAML or JSON)');
  },
  async run(args) {
    const { validatePolicyFile } = await import('../policy/list.js');
    for (const file of args) {
      const summary = await validatePolicyFile(file);
      process.stdout.write(
        `${file}: valid policy "${summary.name}" (${summary.enabledChecks} checks enabled, ${summary.customChecks} custom, ${summary.waivers} waivers)\n`,
      );
    }
    return EXIT.ok;
  },
};

export const policySchemaCommand: CommandModule = {
  path: ['policy', 'schema'],
  summary: 'print the policy JSON Schema (for editors; policies/policy.schema.json is this output)',
  examples: ['harden policy schema > policy.schema.json'],
  configure() {},
  async run() {
    const [{ checks }, { renderPolicySchema }] = await Promise.all([import('../policy/checks/index.js'), import('../policy/schema.js')]);
    process.stdout.write(renderPolicySchema(checks));
    return EXIT.ok;
  },
};
