// `harden selinux build FILE`: compiles a policy module without loading anything.
//   reference-policy .te (macros)  -> make -f /usr/share/selinux/devel/Makefile NAME.pp
//   plain .te (module/require/allow) -> checkmodule -M -m, then semodule_package
//   .cil -> secilc against templates/selinux/minimal-base.cil, or with --full-policy
//           against the installed policy's CIL modules (~7 s)
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { TEMPLATE_DIRECTORY } from '../util/templates.js';
import { describeFsError } from '../util/fs-errors.js';
import { SelinuxInputError } from './errors.js';
import { DEVEL_INCLUDE, DEVEL_MAKEFILE, requireTools, runTool, type ToolRun } from './tools.js';

export const MINIMAL_BASE = `${TEMPLATE_DIRECTORY}selinux/minimal-base.cil`;
const POLICY_STORE = '/var/lib/selinux';

export type ModuleKind = 'refpolicy' | 'plain' | 'cil';

export interface BuildOptions {
  file: string;
  /** Compile CIL against the installed policy instead of the minimal base. */
  fullPolicy: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface BuildResult {
  ok: boolean;
  kind: ModuleKind;
  module: string;
  /** The written NAME.pp (te modules), or null. */
  output: string | null;
  /** What it was compiled against or with, for the summary. */
  against: string;
  steps: ToolRun[];
  seconds: number;
}

/** The te text without comments, for finding the first statement and macro calls. */
function statementsOf(text: string): string {
  return text.replace(/#[^\n]*/g, '');
}

/** Which compiler a .te needs, and its module name. */
export function classifyTe(text: string, file: string): { kind: 'refpolicy' | 'plain'; module: string } {
  const body = statementsOf(text).trim();
  const macro = /^policy_module\(\s*([A-Za-z][A-Za-z0-9_]*)\s*[,)]/.exec(body);
  if (macro) return { kind: 'refpolicy', module: macro[1] as string };
  const plain = /^module\s+([A-Za-z][A-Za-z0-9_]*)\s+[0-9][0-9.]*\s*;/.exec(body);
  if (plain) return { kind: 'plain', module: plain[1] as string };
  throw new SelinuxInputError(`${file}: not a policy module; expected "policy_module(NAME, VERSION)" or "module NAME VERSION;" as the first statement`);
}

/** Fails clearly when a Fedora-only template is built where the devel headers lack it (Debian). */
function checkFedoraTemplate(text: string, file: string): void {
  if (!/^\s*virt_sandbox_domain_template\(/m.test(statementsOf(text))) return;
  const services = join(DEVEL_INCLUDE, 'services');
  const defined = existsSync(services) && readdirSync(services).some((name) => name.endsWith('.if') && readFileSync(join(services, name), 'utf8').includes('template(`virt_sandbox_domain_template\''));
  if (!defined) {
    throw new SelinuxInputError(
      `${file}: uses virt_sandbox_domain_template, which comes from Fedora's container-selinux; this system's devel headers (${DEVEL_INCLUDE}) do not define it. ` +
        'Build it on Fedora/RHEL with container-selinux installed, or generate with --flavor refpolicy',
    );
  }
}

async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new SelinuxInputError(`${file}: cannot read it (${describeFsError(error)})`);
  }
}

export async function buildModule(options: BuildOptions): Promise<BuildResult> {
  const extension = extname(options.file);
  if (extension !== '.te' && extension !== '.cil') throw new SelinuxInputError(`${options.file}: expected a .te or .cil policy module`);
  const text = await readSource(options.file);
  const started = process.hrtime.bigint();
  const work = await mkdtemp(join(tmpdir(), 'harden-selinux-'));
  try {
    const result = extension === '.cil' ? await buildCil(options, work) : await buildTe(options, text, work);
    return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function buildTe(options: BuildOptions, text: string, work: string): Promise<Omit<BuildResult, 'seconds'>> {
  const { kind, module } = classifyTe(text, options.file);
  const source = dirname(options.file);
  // checkmodule wants the file named after the module; the Makefile derives every name from it.
  await writeFile(join(work, `${module}.te`), text);
  const steps: ToolRun[] = [];
  let against: string;
  if (kind === 'refpolicy') {
    requireTools(['make', 'm4', 'checkmodule', 'semodule_package', DEVEL_MAKEFILE], options.env);
    checkFedoraTemplate(text, options.file);
    // The module's own .fc and .if, when they sit beside the .te.
    for (const suffix of ['.fc', '.if']) {
      const companion = join(source, `${basename(options.file, '.te')}${suffix}`);
      if (existsSync(companion)) await copyFile(companion, join(work, `${module}${suffix}`));
    }
    steps.push(await runTool('make', ['-f', DEVEL_MAKEFILE, `${module}.pp`], work));
    against = DEVEL_MAKEFILE;
  } else {
    requireTools(['checkmodule', 'semodule_package'], options.env);
    const compiled = await runTool('checkmodule', ['-M', '-m', '-o', `${module}.mod`, `${module}.te`], work);
    steps.push(compiled);
    if (compiled.code === 0) steps.push(await runTool('semodule_package', ['-o', `${module}.pp`, '-m', `${module}.mod`], work));
    against = 'checkmodule -M -m + semodule_package (no base policy consulted)';
  }
  const ok = steps.every((step) => step.code === 0) && existsSync(join(work, `${module}.pp`));
  let output: string | null = null;
  if (ok) {
    output = join(source, `${module}.pp`);
    await copyFile(join(work, `${module}.pp`), output);
  }
  return { ok, kind, module, output, against, steps };
}

/** The store's active CIL modules, the highest priority of each name, skipping disabled ones. */
export async function installedCilModules(store = activeStore()): Promise<string[]> {
  const modules = join(POLICY_STORE, store, 'active', 'modules');
  const priorities = (await readdir(modules).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  const disabled = new Set(await readdir(join(modules, 'disabled')).catch(() => [] as string[]));
  const chosen = new Map<string, string>();
  for (const priority of priorities) {
    for (const name of await readdir(join(modules, priority))) {
      const cil = join(modules, priority, name, 'cil');
      if (!chosen.has(name) && !disabled.has(name) && existsSync(cil)) chosen.set(name, cil);
    }
  }
  return [...chosen.values()].sort();
}

/** SELINUXTYPE from /etc/selinux/config, else `default` (Debian's store name). */
function activeStore(): string {
  try {
    const match = /^\s*SELINUXTYPE\s*=\s*([A-Za-z0-9_-]+)/m.exec(readFileSync('/etc/selinux/config', 'utf8'));
    if (match && existsSync(join(POLICY_STORE, match[1] as string))) return match[1] as string;
  } catch {
    // no config: the default store
  }
  return 'default';
}

async function buildCil(options: BuildOptions, work: string): Promise<Omit<BuildResult, 'seconds'>> {
  requireTools(options.fullPolicy ? ['secilc', 'bzip2'] : ['secilc'], options.env);
  const module = basename(options.file, '.cil');
  let base: string[];
  let against: string;
  if (options.fullPolicy) {
    const modules = await installedCilModules();
    if (modules.length === 0) throw new SelinuxInputError(`--full-policy: no installed policy modules under ${POLICY_STORE}; install selinux-policy-default (Debian) or selinux-policy-targeted (Fedora), or drop --full-policy`);
    base = await extractModules(modules, work);
    against = `the installed policy (${modules.length} modules)`;
  } else {
    base = [MINIMAL_BASE];
    against = `harden's minimal base (${MINIMAL_BASE}: classes, permissions and type names, no rules)`;
  }
  const step = await runTool('secilc', ['-o', join(work, 'policy.bin'), '-f', join(work, 'file_contexts'), ...base, resolve(options.file)], work);
  // The full policy is 300-odd module files: name them once instead of listing them.
  const shown = options.fullPolicy ? `secilc <the installed policy's ${base.length} modules> ${options.file}` : `secilc ${MINIMAL_BASE} ${options.file}`;
  return { ok: step.code === 0, kind: 'cil', module, output: null, against, steps: [{ ...step, command: shown }] };
}

/** bzip2 -dc every module into the work directory, a few at a time. */
async function extractModules(modules: readonly string[], work: string): Promise<string[]> {
  const files = modules.map((_, index) => join(work, `module-${index}.cil`));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < modules.length) {
      const index = next++;
      const run = await runTool('sh', ['-c', 'bzip2 -dc "$1" > "$2"', 'sh', modules[index] as string, files[index] as string], work);
      if (run.code !== 0) throw new SelinuxInputError(`${modules[index]}: cannot decompress it (${run.output})`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return files;
}

/** The summary the CLI prints: what compiled against what, or the compiler's own words. */
export function describeBuild(result: BuildResult): string {
  const how = `${result.kind === 'refpolicy' ? 'reference-policy module' : result.kind === 'plain' ? 'plain module' : 'CIL module'} ${result.module}`;
  if (result.ok) {
    const wrote = result.output === null ? '' : `; wrote ${result.output}`;
    return `compiled ${how} with ${result.against} in ${result.seconds.toFixed(2)} s${wrote}\n`;
  }
  const failed = result.steps.find((step) => step.code !== 0) ?? result.steps[result.steps.length - 1];
  const output = failed?.output ? `\n${failed.output}` : '';
  return `harden: ${how} does not compile (${failed?.command ?? 'no step ran'} exited ${failed?.code ?? '?'}; against ${result.against})${output}\n`;
}
