// One log line -> one AVC denial, or the reason it is none. Reads the same token
// shapes as audit2allow's parser (sepolgen/audit.py): the line is split on white
// space, the record is an AVC when a token is `avc:`, `msg='avc:` (USER_AVC) or
// `message=avc:`, the permissions sit between `{` and `}`, and scontext, tcontext
// and tclass are `key=value` tokens. Whatever precedes the `avc:` token (the
// audit.log `type=AVC msg=audit(...)`, a syslog or journald prefix, a dmesg
// `[ 12.34] audit: type=1400`, the interpreted `ausearch -i` header) only
// matters for its time stamp.
import { parseAuditStamp } from './avc-time.js';

/** Longer lines are not parsed: they are counted as malformed (the reader passes only their first MAX + 1 characters). */
export const MAX_AVC_LINE_LENGTH = 64 * 1024;

export interface SecurityContext {
  user: string;
  role: string;
  type: string;
  /** MLS/MCS level or range, e.g. `s0:c740,c787` or `s0-s15:c0.c1023`; null when the context has none. */
  level: string | null;
}

export interface AvcDenial {
  source: string;
  target: string;
  tclass: string;
  /** In the order the record lists them (may repeat). */
  permissions: string[];
  /** Milliseconds since the epoch; null when the line has no readable `audit(...)` stamp. */
  time: number | null;
  /** The `comm=` field without quotes, when present. */
  comm: string | null;
  /** The `path=` field, else the `name=` field, without quotes. */
  object: string | null;
}

export type AvcLine =
  | { kind: 'denial'; denial: AvcDenial }
  /** Not an AVC record (SYSCALL, PATH, blank, anything else), an AVC that was granted, or an AVC notice (policy load, setenforce). */
  | { kind: 'ignored'; reason: 'not-avc' | 'granted' | 'notice' }
  | { kind: 'malformed'; reason: string };

const NOT_AVC: AvcLine = { kind: 'ignored', reason: 'not-avc' };
const GRANTED: AvcLine = { kind: 'ignored', reason: 'granted' };
const NOTICE: AvcLine = { kind: 'ignored', reason: 'notice' };
const AVC_TOKEN = /(?:^|\s)(?:msg='|message=)?avc:(?=\s|$)/;
const WHITE_SPACE = /\s+/;
/** checkpolicy's identifier: what may appear in the rules harden prints. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$/;
const MAX_FIELD_LENGTH = 256;

export function isPolicyIdentifier(text: string): boolean {
  return text.length <= MAX_FIELD_LENGTH && IDENTIFIER.test(text);
}

/** `user:role:type[:level]`; the level may itself contain `:` and `,`. Null when it is not one. */
export function parseSecurityContext(text: string): SecurityContext | null {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) return null;
  const third = text.indexOf(':', second + 1);
  const user = text.slice(0, first);
  const role = text.slice(first + 1, second);
  const type = third < 0 ? text.slice(second + 1) : text.slice(second + 1, third);
  if (!isPolicyIdentifier(user) || !isPolicyIdentifier(role) || !isPolicyIdentifier(type)) return null;
  return { user, role, type, level: third < 0 ? null : text.slice(third + 1) };
}

function malformed(reason: string): AvcLine {
  return { kind: 'malformed', reason };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** The last field of a USER_AVC message carries the closing quote of `msg='...'`. */
function withoutClosingQuote(value: string): string {
  return value.endsWith("'") ? value.slice(0, -1) : value;
}

export function parseAvcLine(line: string): AvcLine {
  if (line.length > MAX_AVC_LINE_LENGTH) return malformed(`longer than ${MAX_AVC_LINE_LENGTH} characters`);
  // Fast path: most lines of an audit log are SYSCALL, PATH, PROCTITLE records.
  if (!line.includes('avc:')) return NOT_AVC;
  const marker = AVC_TOKEN.exec(line);
  if (!marker) return NOT_AVC;
  const rest = line.slice(marker.index + marker[0].length);
  // Splitting on one space is several times faster than on /\s+/; empty tokens are skipped below.
  const tokens = rest.includes('\t') || rest.includes('\r') ? rest.split(WHITE_SPACE) : rest.split(' ');
  let verdict: string | undefined;
  let permissions: string[] | undefined;
  let scontext: string | undefined;
  let tcontext: string | undefined;
  let tclass: string | undefined;
  let comm: string | null = null;
  let path: string | null = null;
  let name: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === '') continue;
    if (verdict === undefined) {
      verdict = token;
      if (verdict === 'granted') return GRANTED;
      // `avc:  received policyload notice (seqno=2)`, `avc:  op=setenforce lsm=selinux enforcing=0`
      if (verdict === 'received' || verdict.startsWith('op=')) return NOTICE;
      if (verdict !== 'denied') return malformed('neither "denied" nor "granted" after "avc:"');
      continue;
    }
    if (token === '{' && permissions === undefined) {
      const close = tokens.indexOf('}', i + 1);
      if (close < 0) return malformed('permission list without a closing "}"');
      permissions = tokens.slice(i + 1, close).filter((permission) => permission !== '');
      i = close;
      continue;
    }
    const equals = token.indexOf('=');
    if (equals <= 0) continue;
    const value = token.slice(equals + 1);
    switch (token.slice(0, equals)) {
      case 'scontext': scontext = value; break;
      case 'tcontext': tcontext = value; break;
      case 'tclass': tclass = withoutClosingQuote(value); break;
      case 'comm': comm = unquote(value); break;
      case 'path': path = unquote(value); break;
      case 'name': name = unquote(value); break;
      default: break;
    }
  }
  if (verdict === undefined) return malformed('nothing after "avc:"');
  if (permissions === undefined) return malformed('no "{ permissions }"');
  if (permissions.length === 0) return malformed('empty permission list');
  const badPermission = permissions.find((permission) => !isPolicyIdentifier(permission));
  if (badPermission !== undefined) return malformed(`permission ${JSON.stringify(badPermission.slice(0, 40))} is not an identifier`);
  if (scontext === undefined || tcontext === undefined || tclass === undefined) return malformed('missing scontext=, tcontext= or tclass=');
  const source = parseSecurityContext(scontext);
  const target = parseSecurityContext(tcontext);
  if (!source || !target) return malformed('scontext or tcontext is not user:role:type[:level]');
  if (!isPolicyIdentifier(tclass)) return malformed(`tclass ${JSON.stringify(tclass.slice(0, 40))} is not an identifier`);
  return {
    kind: 'denial',
    denial: {
      source: source.type,
      target: target.type,
      tclass,
      permissions,
      time: parseAuditStamp(line.slice(0, marker.index)),
      comm,
      object: path ?? name,
    },
  };
}
