// `harden selinux allow`: a log in, a plain policy module (module, require, allow)
// out, printed or written as NAME.te, plus the one-line summary for stderr.
import { join } from 'node:path';
import { checkTargets, writeFiles } from '../util/output-files.js';
import { openLogLines } from './avc-lines.js';
import { isPolicyIdentifier } from './avc-parse.js';
import { collectAllowRules, renderAllowRules, type AvcSummary } from './avc-rules.js';
import { buildModule, describeBuild } from './build.js';
import { SelinuxInputError } from './errors.js';
import { requireTools } from './tools.js';

export interface AllowRequest {
  /** A file, or `-` for standard input. */
  log: string;
  module: string;
  domain?: string;
  why: boolean;
}

export interface AllowResult {
  summary: AvcSummary;
  /** The whole module, `module NAME 1.0;` first. */
  text: string;
}

export function parseDomain(type: string): string {
  if (!isPolicyIdentifier(type)) throw new SelinuxInputError(`--domain ${JSON.stringify(type)}: expected an SELinux type such as httpd_t`);
  return type;
}

export function renderAllowModule(name: string, summary: AvcSummary, options: { why?: boolean } = {}): string {
  const body = summary.rules.length === 0 ? '# no AVC denials in the log: nothing to allow\n' : renderAllowRules(summary.rules, options);
  return `module ${name} 1.0;\n\n${body}`;
}

export async function allowFromLog(request: AllowRequest): Promise<AllowResult> {
  const lines = await openLogLines(request.log);
  const summary = await collectAllowRules(lines, request.domain === undefined ? {} : { domain: request.domain });
  return { summary, text: renderAllowModule(request.module, summary, { why: request.why }) };
}

/** Writes DIR/NAME.te (refusing to overwrite unless told); returns its path. */
export async function writeAllowModule(dir: string, name: string, text: string, overwrite: boolean): Promise<string> {
  const file = `${name}.te`;
  await checkTargets(dir, [file], overwrite);
  const [written = join(dir, file)] = await writeFiles(dir, [{ path: file, content: text, mode: 0o644 }]);
  return written;
}

/**
 * `audit2allow -M` also writes NAME.pp; harden does when checkmodule and
 * semodule_package are installed, and says why not otherwise.
 */
export async function packageAllowModule(teFile: string): Promise<{ ok: boolean; message: string }> {
  try {
    requireTools(['checkmodule', 'semodule_package']);
  } catch (error) {
    if (!(error instanceof SelinuxInputError)) throw error;
    return { ok: true, message: `did not build the .pp: ${error.message}\n` };
  }
  const result = await buildModule({ file: teFile, fullPolicy: false });
  return { ok: result.ok, message: describeBuild(result) };
}

export function describeSummary(summary: AvcSummary, domain?: string): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const ignoredWhat = domain === undefined ? 'other records, granted' : `other records, granted, other domains than ${domain}`;
  return `${plural(summary.lines, 'line')}: ${plural(summary.denials, 'denial')} -> ${plural(summary.rules.length, 'rule')}; ${summary.ignored} ignored (${ignoredWhat}), ${summary.malformed} malformed`;
}
