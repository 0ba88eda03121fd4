// The nginx password file: `name:hash[:comment]` per line. Lines harden does not
// touch are kept byte for byte.
import { ProxyInputError } from './errors.js';
import { classifyHash, type HashVerdict } from './hashes.js';

export interface PasswordEntry {
  /** 1-based line number. */
  line: number;
  user: string;
  hash: string;
  verdict: HashVerdict;
}

/** Entries of a password file; blank lines and `#` comments are skipped as nginx does. */
export function parsePasswordFile(text: string): PasswordEntry[] {
  const entries: PasswordEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const separator = line.indexOf(':');
    const user = separator < 0 ? line : line.slice(0, separator);
    const hash = separator < 0 ? '' : (line.slice(separator + 1).split(':', 1)[0] ?? '');
    entries.push({ line: index + 1, user, hash, verdict: classifyHash(hash) });
  });
  return entries;
}

/** The file with NAME's line replaced (first occurrence kept in place, later duplicates dropped) or appended. */
export function upsertPasswordLine(text: string, user: string, hash: string): { text: string; updated: boolean } {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const entry = `${user}:${hash}`;
  let updated = false;
  const kept: string[] = [];
  for (const line of lines) {
    if (line.startsWith(`${user}:`)) {
      if (!updated) kept.push(entry);
      updated = true;
    } else {
      kept.push(line);
    }
  }
  if (!updated) kept.push(entry);
  return { text: `${kept.join('\n')}\n`, updated };
}

/** One line per entry whose hash is weak or unusable, naming the file, line and user. */
export function describeBadHashes(path: string, entries: readonly PasswordEntry[]): string[] {
  return entries
    .filter((entry) => entry.verdict.strength !== 'strong')
    .map((entry) => {
      const verdict = entry.verdict as Exclude<HashVerdict, { strength: 'strong' }>;
      return `${path}:${entry.line}: user ${JSON.stringify(entry.user)} has a ${verdict.strength} ${verdict.format} hash (${verdict.why}); reset it with \`harden proxy passwd ${path} ${entry.user}\``;
    });
}

/** Refuses a password file with no usable entry or with a weak hash: it would be copied into the proxy as is. */
export function checkImportedPasswordFile(path: string, text: string): PasswordEntry[] {
  const entries = parsePasswordFile(text);
  const bad = describeBadHashes(path, entries);
  if (bad.length > 0) throw new ProxyInputError(`--htpasswd ${bad[0]}`);
  if (entries.length === 0) throw new ProxyInputError(`--htpasswd ${path}: no users in the file`);
  return entries;
}
