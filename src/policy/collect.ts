// Reads policy files and their `extends` chains, in application order (extends first),
// each validated against the schema.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { displayPath, PolicyError, toPointer } from './errors.js';
import type { PolicyDocument, PolicyOrigin } from './model.js';
import { builtInPackNames, packPath, precompiledPack } from './packs.js';
import type { PolicySource } from './source.js';
import { errorAt, formatOfPath, positionlessSource } from './source.js';
import { didYouMean } from './suggest.js';
import type { AnyCheck } from './types.js';
import { checks as registry } from './checks/index.js';

export interface LoadedPolicy {
  origin: PolicyOrigin;
  source: PolicySource;
  document: PolicyDocument;
}

/** Who asked for a policy: the command line (null) or an `extends` entry of another file. */
interface Referrer {
  source: PolicySource;
  pointer: string;
  directory: string;
}

interface Collection {
  checks: readonly AnyCheck[];
  cwd: string;
  /** Absolute paths already applied: a file shared by two `extends` chains is applied once. */
  applied: Set<string>;
  loaded: LoadedPolicy[];
}

function problem(ref: string, referrer: Referrer | null, detail: string): PolicyError {
  if (referrer === null) return new PolicyError({ file: ref, line: null, column: null, pointer: null }, detail);
  return errorAt(referrer.source, referrer.pointer, detail);
}

function isPathRef(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.startsWith('.') || /\.[a-z]+$/i.test(ref);
}

function resolveRef(ref: string, referrer: Referrer | null, cwd: string): string {
  if (isPathRef(ref)) {
    if (formatOfPath(ref) === null) {
      throw problem(ref, referrer, `policy file ${JSON.stringify(ref)} must end in .yaml, .yml or .json`);
    }
    return resolve(referrer?.directory ?? cwd, ref);
  }
  const packs = builtInPackNames();
  if (!packs.includes(ref)) {
    throw problem(
      ref,
      referrer,
      `unknown policy pack ${JSON.stringify(ref)}${didYouMean(ref, packs)}; built-in packs are ${packs.join(', ') || '(none installed)'}, and a policy file must end in .yaml, .yml or .json`,
    );
  }
  return packPath(ref);
}

async function readPolicyText(path: string, ref: string, referrer: Referrer | null, cwd: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = displayPath(path, cwd);
    if (code === 'ENOENT') throw problem(ref, referrer, `policy file not found: ${shown}`);
    if (code === 'EISDIR') throw problem(ref, referrer, `policy path is a directory, not a file: ${shown}`);
    throw problem(ref, referrer, `cannot read policy file ${shown}: ${code ?? (error as Error).message}`);
  }
}

function extendsRefs(document: PolicyDocument): { ref: string; pointer: string }[] {
  if (document.extends === undefined) return [];
  if (typeof document.extends === 'string') return [{ ref: document.extends, pointer: '/extends' }];
  return document.extends.map((ref, index) => ({ ref, pointer: toPointer(['extends', index]) }));
}

async function applyRef(ref: string, referrer: Referrer | null, stack: readonly string[], collection: Collection): Promise<void> {
  const path = resolveRef(ref, referrer, collection.cwd);
  if (stack.includes(path)) {
    const cycle = [...stack.slice(stack.indexOf(path)), path].map((entry) => displayPath(entry, collection.cwd));
    throw problem(ref, referrer, `extends cycle: ${cycle.join(' -> ')}`);
  }
  if (collection.applied.has(path)) return;
  const file = displayPath(path, collection.cwd);
  const pack = isPathRef(ref) ? null : ref;
  const { source, document } = await readPolicy(path, file, ref, pack, referrer, collection);
  for (const parent of extendsRefs(document)) {
    await applyRef(parent.ref, { source, pointer: parent.pointer, directory: dirname(path) }, [...stack, path], collection);
  }
  collection.applied.add(path);
  collection.loaded.push({ origin: { name: document.name, file, pack }, source, document });
}

/** A precompiled built-in pack as is; any other file parsed with positions and validated. */
async function readPolicy(
  path: string,
  file: string,
  ref: string,
  pack: string | null,
  referrer: Referrer | null,
  collection: Collection,
): Promise<{ source: PolicySource; document: PolicyDocument }> {
  const precompiled = pack !== null && collection.checks === registry ? precompiledPack(pack) : undefined;
  if (precompiled !== undefined) return { source: positionlessSource(file, precompiled), document: precompiled as PolicyDocument };
  const text = await readPolicyText(path, ref, referrer, collection.cwd);
  const [{ parsePolicySource }, { validatePolicyDocument }] = await Promise.all([import('./yaml-source.js'), import('./validate.js')]);
  const source = parsePolicySource(text, file, formatOfPath(path) ?? 'yaml');
  return { source, document: validatePolicyDocument(source, collection.checks) };
}

/** Load `refs` (pack names or file paths; none means the default pack) with their `extends`, extends first. */
export async function collectPolicies(
  refs: readonly string[],
  checks: readonly AnyCheck[],
  options: { cwd: string; defaultRefs: readonly string[] },
): Promise<LoadedPolicy[]> {
  const collection: Collection = { checks, cwd: options.cwd, applied: new Set(), loaded: [] };
  for (const ref of refs.length > 0 ? refs : options.defaultRefs) {
    await applyRef(ref, null, [], collection);
  }
  return collection.loaded;
}
