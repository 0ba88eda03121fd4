// A policy's file_contexts (`/etc/selinux/<policy>/contexts/files/file_contexts`):
// lines `REGEX [FILETYPE] CONTEXT`, where CONTEXT is `user:role:type:level` or
// `<<none>>`. Lookup picks the most specific matching entry the way matchpathcon
// does on a compiled file_contexts:
//   1. an exact path (no regular-expression metacharacter) beats any regex;
//   2. then the longer fixed prefix before the first metacharacter;
//   3. then the longer pattern;
//   4. then an entry that names a file type beats one that does not;
//   5. on a full tie the later entry wins.
// Rules 1-4 are libsemanage's sort order for file_contexts, rule 5 is libselinux's
// "last match wins"; together they need no pre-sorted input.
import type { ObjectKind } from './model.js';
import { SelinuxInputError } from './errors.js';

export interface FileContextEntry {
  pattern: string;
  /** `--`, `-d`, `-s`, `-c`, `-b`, `-l`, `-p`, or null for any kind. */
  fileType: string | null;
  /** The SELinux type, or null for `<<none>>` (the policy leaves the path unlabeled). */
  type: string | null;
  /** `file:line`, for comments in the generated module. */
  origin: string;
  regex: RegExp;
  hasMeta: boolean;
  stemLength: number;
  order: number;
}

const FILE_TYPES = new Set(['--', '-d', '-s', '-c', '-b', '-l', '-p']);
const KIND_FILE_TYPE: Record<ObjectKind, string | null> = {
  directory: '-d',
  file: '--',
  socket: '-s',
  'character-device': '-c',
  'block-device': '-b',
  // A bind mount whose source cannot be examined is almost always a directory.
  unknown: '-d',
};
const META = new Set(['.', '^', '$', '?', '*', '+', '|', '[', '(', '{']);

/** Length of the fixed text before the first unescaped metacharacter (an escape counts once), and whether there is one. */
function stemOf(pattern: string): { stemLength: number; hasMeta: boolean } {
  let length = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      i++;
    } else if (META.has(char)) {
      return { stemLength: length, hasMeta: true };
    }
    length++;
  }
  return { stemLength: length, hasMeta: false };
}

/** True when `a` is more specific than `b` (rules 1-4 above). */
function moreSpecific(a: FileContextEntry, b: FileContextEntry): boolean {
  if (a.hasMeta !== b.hasMeta) return !a.hasMeta;
  if (a.stemLength !== b.stemLength) return a.stemLength > b.stemLength;
  if (a.pattern.length !== b.pattern.length) return a.pattern.length > b.pattern.length;
  if ((a.fileType === null) !== (b.fileType === null)) return a.fileType !== null;
  return a.order > b.order;
}

/** The type field of `user:role:type:level`; null for `<<none>>`. */
function typeOfContext(context: string, origin: string): string | null {
  if (context === '<<none>>') return null;
  const type = context.split(':')[2];
  if (type === undefined || !/^[A-Za-z][A-Za-z0-9_]*$/.test(type)) {
    throw new SelinuxInputError(`${origin}: ${JSON.stringify(context)} is not a security context (user:role:type:level or <<none>>)`);
  }
  return type;
}

export class FileContexts {
  private readonly entries: FileContextEntry[] = [];
  /** `[alias, original]` path prefixes from `.subs`/`.subs_dist` files, longest alias first. */
  private substitutions: [string, string][] = [];
  /** Template lines (HOME_DIR, %{USERID}) that only libsemanage expands. */
  skippedTemplates = 0;

  /** Adds every entry of one file_contexts text; later files count as later entries. */
  addFile(text: string, file: string): this {
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const line = (lines[index] as string).trim();
      if (line === '' || line.startsWith('#')) continue;
      const origin = `${file}:${index + 1}`;
      const fields = line.split(/\s+/);
      if (fields.length !== 2 && fields.length !== 3) {
        throw new SelinuxInputError(`${origin}: expected "REGEX [FILETYPE] CONTEXT" as in a policy's file_contexts, got ${JSON.stringify(line.slice(0, 80))}`);
      }
      const pattern = fields[0] as string;
      const fileType = fields.length === 3 ? (fields[1] as string) : null;
      if (fileType !== null && !FILE_TYPES.has(fileType)) {
        throw new SelinuxInputError(`${origin}: file type ${JSON.stringify(fileType)} must be one of ${[...FILE_TYPES].join(' ')}`);
      }
      if (/HOME_DIR|HOME_ROOT|%\{USER(ID|NAME)\}/.test(pattern)) {
        this.skippedTemplates++;
        continue;
      }
      if (!pattern.startsWith('/')) throw new SelinuxInputError(`${origin}: ${JSON.stringify(pattern)} must be an absolute path expression`);
      let regex: RegExp;
      try {
        regex = new RegExp(`^(?:${pattern})$`);
      } catch {
        throw new SelinuxInputError(`${origin}: ${JSON.stringify(pattern)} is not a valid regular expression`);
      }
      const type = typeOfContext(fields[fields.length - 1] as string, origin);
      this.entries.push({ pattern, fileType, type, origin, regex, ...stemOf(pattern), order: this.entries.length });
    }
    return this;
  }

  /** Path aliases (`/var/run /run`): a path under the alias is looked up under the original. */
  addSubstitutions(text: string): this {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const [alias, original] = line.split(/\s+/);
      if (alias?.startsWith('/') && original?.startsWith('/')) this.substitutions.push([alias.replace(/\/+$/, ''), original.replace(/\/+$/, '')]);
    }
    this.substitutions.sort((a, b) => b[0].length - a[0].length);
    return this;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The path after applying the first (longest) matching alias. */
  canonical(path: string): string {
    for (const [alias, original] of this.substitutions) {
      if (path === alias || path.startsWith(`${alias}/`)) return original + path.slice(alias.length);
    }
    return path;
  }

  /** The most specific entry for the path and kind, or null when none matches. */
  lookup(path: string, kind: ObjectKind): FileContextEntry | null {
    const wanted = KIND_FILE_TYPE[kind];
    const canonical = this.canonical(path);
    let best: FileContextEntry | null = null;
    for (const entry of this.entries) {
      if (entry.fileType !== null && entry.fileType !== wanted) continue;
      if (best !== null && !moreSpecific(entry, best)) continue;
      if (entry.regex.test(canonical)) best = entry;
    }
    return best;
  }
}
