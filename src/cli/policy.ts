import { Option } from 'commander';
import type { CommandModule } from './command.js';
import { CliError, EXIT } from './exit-codes.js';
import { collect } from './option-parsers.js';


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

export const policyInitCommand: CommandModule = {
  path: ['policy', 'init'],
  summary: 'write a starter policy (extends baseline, with commented examples) to FILE',
  examples: ['harden policy init', 'harden policy init ops/harden-policy.yaml --name payments'],
  configure(command) {
    command
      .argument('[file]', 'where to write it', 'harden-policy.yaml')
      .option('--name <name>', 'policy name (default: the directory name)')
      .option('--force', 'overwrite FILE if it exists');
  },
  async run(args, options) {
    const { initPolicy, DEFAULT_POLICY_FILE } = await import('../policy/init.js');
    const file = args[0] ?? DEFAULT_POLICY_FILE;
    const name = options.name as string | undefined;
    if (name !== undefined) {
      const { POLICY_NAME_PATTERN } = await import('../policy/schema.js');
      if (!new RegExp(POLICY_NAME_PATTERN).test(name)) {
        throw new CliError(`--name: expected lower-case letters, digits, ".", "_" or "-" starting with a letter or digit, got "${name}"`, EXIT.usage);
      }
    }
    await initPolicy(file, { force: Boolean(options.force), ...(name === undefined ? {} : { name }) });
    process.stdout.write(`wrote ${file}; audit with: harden audit -p ${file}\n`);
    return EXIT.ok;
  },
};

export const policyTestCommand: CommandModule = {
  path: ['policy', 'test'],
  summary: 'run policy unit tests: DIR/policy.yaml against the cases in DIR/cases/',
  examples: ['harden policy test policy-tests', 'harden policy test policy-tests --policy ./harden-policy.yaml'],
  configure(command) {
    command
      .argument('<dir>', 'test directory: policy.yaml (unless --policy) and cases/*.yaml')
      .option('-p, --policy <file|name>', 'policy file or pack to test instead of DIR/policy.yaml; repeatable', collect, []);
  },
  async run(args, options) {
    const [{ runPolicyTests }, { formatOutcomes }] = await Promise.all([import('../policy/policy-test.js'), import('../policy/policy-test-compare.js')]);
    const run = await runPolicyTests(args[0] ?? '.', { policies: options.policy as string[] });
    if (run.kind === 'malformed') {
      for (const error of run.errors) process.stderr.write(`harden: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stdout.write(formatOutcomes(run.outcomes));
    return run.outcomes.every((outcome) => outcome.passed) ? EXIT.ok : EXIT.findings;
  },
};
