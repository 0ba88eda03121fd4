// `harden selinux generate`: one container -> one policy module in DIR.
import { existsSync, readFileSync } from 'node:fs';
import { describeFsError } from '../util/fs-errors.js';
import { checkTargets, writeFiles } from '../util/output-files.js';
import { deriveContainerPolicy, type DeriveOptions } from './derive.js';
import { SelinuxInputError } from './errors.js';
import { FileContexts } from './file-contexts.js';
import type { ContainerPolicy, Flavor, ModuleFormat } from './model.js';
import { PortContexts } from './port-contexts.js';
import { domainName, renderCil, renderTe, runCommand, type AvcSection, type RenderedFile } from './render.js';
import { loadTarget, type TargetSource } from './target.js';

export interface GenerateOptions {
  target: string | undefined;
  source: TargetSource;
  module: string;
  out: string;
  format: ModuleFormat;
  flavor: Flavor;
  fileContexts: string[];
  portContexts: string[];
  avcLog: string | null;
  force: boolean;
  kindOf?: DeriveOptions['kindOf'];
}

export interface GenerateResult {
  policy: ContainerPolicy;
  files: string[];
  domain: string;
  runCommand: string;
  avc: { rules: number; denials: number; lines: number; ignored: number; malformed: number } | null;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SelinuxInputError(`${path}: cannot read ${what} (${describeFsError(error)})`);
  }
}

/**
 * `--file-contexts` files. Like libselinux, each also brings the `.homedirs` and
 * `.local` entries and the `.subs_dist` / `.subs` path aliases found beside it.
 */
export function loadFileContexts(paths: readonly string[]): FileContexts | null {
  if (paths.length === 0) return null;
  const contexts = new FileContexts();
  for (const path of paths) {
    contexts.addFile(readText(path, 'file contexts'), path);
    for (const suffix of ['.homedirs', '.local']) if (existsSync(path + suffix)) contexts.addFile(readText(path + suffix, 'file contexts'), path + suffix);
    for (const suffix of ['.subs_dist', '.subs']) if (existsSync(path + suffix)) contexts.addSubstitutions(readText(path + suffix, 'path aliases'));
  }
  if (contexts.size === 0) throw new SelinuxInputError(`${paths.join(', ')}: no file context entries; expected a policy's file_contexts (e.g. /etc/selinux/default/contexts/files/file_contexts)`);
  return contexts;
}

/** `--port-contexts` files (`semanage port -l` output), or the built-in table. */
export function loadPortContexts(paths: readonly string[]): PortContexts {
  if (paths.length === 0) return PortContexts.builtIn();
  const contexts = new PortContexts();
  for (const path of paths) contexts.addText(readText(path, 'port contexts'), path);
  if (contexts.size === 0) throw new SelinuxInputError(`${paths.join(', ')}: no port entries; expected the output of semanage port -l`);
  return contexts;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

async function readAvc(path: string, domain: string): Promise<{ section: AvcSection; counts: NonNullable<GenerateResult['avc']> }> {
  const [{ openLogLines }, { collectAllowRules, renderAllowRules }] = await Promise.all([import('./avc-lines.js'), import('./avc-rules.js')]);
  const summary = await collectAllowRules(await openLogLines(path), { domain });
  const counts = { rules: summary.rules.length, denials: summary.denials, lines: summary.lines, ignored: summary.ignored, malformed: summary.malformed };
  const text = `${plural(counts.denials, 'denial')}, ${plural(counts.rules, 'rule')}; ${plural(counts.lines, 'line')} read, ${counts.ignored} ignored, ${counts.malformed} malformed`;
  return { section: { log: path, summary: text, rules: summary.rules, teText: summary.rules.length === 0 ? '# none' : renderAllowRules(summary.rules, { why: true }) }, counts };
}

export async function generateModule(options: GenerateOptions): Promise<GenerateResult> {
  const fileContexts = loadFileContexts(options.fileContexts);
  const portContexts = loadPortContexts(options.portContexts);
  const { spec, exposedPorts } = await loadTarget(options.target, options.source);
  const policy = deriveContainerPolicy(spec, { module: options.module, flavor: options.flavor, fileContexts, portContexts, exposedPorts, kindOf: options.kindOf });
  const domain = domainName(policy, options.format);
  const avc = options.avcLog === null ? null : await readAvc(options.avcLog, domain);
  const rendered: RenderedFile[] = options.format === 'cil' ? renderCil(policy, avc?.section ?? null) : renderTe(policy, avc?.section ?? null);
  const names = rendered.map((file) => file.name);
  await checkTargets(options.out, names, options.force);
  const files = await writeFiles(options.out, rendered.map((file) => ({ path: file.name, content: file.content, mode: 0o644 })), 0o755);
  return { policy, files, domain, runCommand: runCommand(policy, options.format), avc: avc?.counts ?? null };
}

export function describeGenerated(result: GenerateResult): string {
  const lines = [`wrote ${result.files.join(', ')}`];
  if (result.avc) lines.push(`folded in ${plural(result.avc.rules, 'allow rule')} from ${plural(result.avc.denials, 'AVC denial')} for ${result.domain}`);
  lines.push(`check it compiles: harden selinux build ${result.files[0] ?? ''}`);
  lines.push(`run the container under ${result.domain}:`, `  ${result.runCommand}`);
  return `${lines.join('\n')}\n`;
}
