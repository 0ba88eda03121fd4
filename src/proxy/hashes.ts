// Password hashes in an nginx password file: what harden writes and what it flags.
// nginx verifies the hash with crypt(3) synchronously in the worker on every request,
// so the hash cost is added to the latency of every authenticated request.
import { compare, hash } from 'bcryptjs';
import { ProxyInputError } from './errors.js';

/**
 * bcrypt cost 5 (32 Blowfish key expansions): about 1.8 ms per request in nginx 1.22
 * on Debian 12, against 54 ms at cost 10 and 1.3 ms for `$6$` with its default 5000
 * rounds. bcrypt at the same per-request cost is far more expensive to attack on GPUs
 * than SHA-512 crypt, which is why it is the default.
 */
export const BCRYPT_COST = 5;

/** Above this cost the per-request latency passes a few milliseconds. */
export const MAX_RECOMMENDED_BCRYPT_COST = 7;

/** bcrypt ignores everything after the 72nd byte; a longer password would be silently cut. */
export const MAX_PASSWORD_BYTES = 72;

export type HashVerdict =
  | { strength: 'strong'; format: string; note?: string }
  | { strength: 'weak'; format: string; why: string }
  | { strength: 'unusable'; format: string; why: string };

const WEAK_PREFIXES: ReadonlyArray<[string, string, string]> = [
  ['{PLAIN}', '{PLAIN}', 'the password in clear text'],
  ['{SHA}', '{SHA}', 'one unsalted SHA-1: cracked at billions of guesses per second'],
  ['{SSHA}', '{SSHA}', 'one salted SHA-1: cracked at billions of guesses per second'],
  ['$apr1$', '$apr1$ (MD5)', 'MD5-based crypt: cheap to crack on GPUs'],
  ['$1$', '$1$ (MD5)', 'MD5-based crypt: cheap to crack on GPUs'],
];

/** Classifies the hash field of one password-file line. */
export function classifyHash(hash: string): HashVerdict {
  for (const [prefix, format, why] of WEAK_PREFIXES) {
    if (hash.startsWith(prefix)) return { strength: 'weak', format, why };
  }
  const bcryptMatch = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(hash);
  if (bcryptMatch) {
    const cost = Number(bcryptMatch[1]);
    const format = `bcrypt cost ${cost}`;
    if (cost > MAX_RECOMMENDED_BCRYPT_COST) return { strength: 'strong', format, note: `nginx spends about ${2 ** (cost - BCRYPT_COST) * 2} ms per request on it; cost ${BCRYPT_COST} keeps it near 2 ms` };
    return { strength: 'strong', format };
  }
  const shaCrypt = /^\$([56])\$(rounds=(\d+)\$)?[^$:]{1,16}\$[./A-Za-z0-9]+$/.exec(hash);
  if (shaCrypt) return { strength: 'strong', format: `SHA-${shaCrypt[1] === '5' ? 256 : 512} crypt, ${shaCrypt[3] ?? 5000} rounds` };
  if (/^\$y\$[^:]+$/.test(hash)) return { strength: 'strong', format: 'yescrypt' };
  if (/^\$7\$[^:]+$/.test(hash)) return { strength: 'strong', format: 'scrypt' };
  if (/^[./0-9A-Za-z]{13}$/.test(hash)) return { strength: 'weak', format: 'DES crypt', why: 'only the first 8 characters of the password count' };
  return { strength: 'unusable', format: 'unknown', why: 'not a hash nginx can verify (every login fails with 401)' };
}

/** Checks a password before it is hashed: present, one line, at most 72 bytes. */
export function checkPassword(password: string, source: string): void {
  if (password === '') throw new ProxyInputError(`${source}: the password is empty`);
  if (/[\0\r\n]/.test(password)) throw new ProxyInputError(`${source}: the password contains a NUL or line break`);
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > MAX_PASSWORD_BYTES) {
    throw new ProxyInputError(`${source}: the password is ${bytes} bytes; bcrypt uses only the first ${MAX_PASSWORD_BYTES}, so use a shorter one`);
  }
}

/** The default hash: bcrypt `$2b$` at BCRYPT_COST with a random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  return compare(password, storedHash);
}
