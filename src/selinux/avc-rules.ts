// AVC denials -> allow rules, merged per (source type, target type, class) the way
// audit2allow merges them, and printed as a deterministic require block and rules.
// No policy is consulted: a denial whose types or permissions the policy does not
// know is kept (audit2allow, given a policy, drops it), and unknown classes are
// kept like audit2allow keeps them.
import { isPolicyIdentifier, parseAvcLine } from './avc-parse.js';
import { formatStamp } from './avc-time.js';

/** One denial a rule came from, for `--why`: the process and the object it touched. */
export interface DenialSample {
  comm: string | null;
  /** `path=`, else `name=`. */
  object: string | null;
}

export interface AllowRule {
  source: string;
  target: string;
  tclass: string;
  /** Sorted, without duplicates. */
  permissions: string[];
  /** How many denial records this rule merges. */
  denials: number;
  /** ISO 8601 (UTC) of the earliest and latest record with a readable stamp. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Up to MAX_SAMPLES distinct (comm, object) pairs, in the order first seen. */
  samples: DenialSample[];
}

export interface AvcSummary {
  /** Sorted by source, target, tclass. */
  rules: AllowRule[];
  lines: number;
  denials: number;
  /** Other records, granted AVCs, AVC notices, and (with `domain`) denials of other source types. */
  ignored: number;
  malformed: number;
}

export const MAX_SAMPLES = 3;
const MAX_SAMPLE_FIELD = 160;

interface Accumulator {
  source: string;
  target: string;
  tclass: string;
  permissions: Set<string>;
  denials: number;
  first: number | null;
  last: number | null;
  samples: DenialSample[];
}

/**
 * A private, flat copy of a short piece of a log line: a slice would keep the
 * whole line alive for as long as the rule lives.
 */
function ownCopy(text: string, limit = MAX_SAMPLE_FIELD): string {
  return Buffer.from(text.slice(0, limit), 'utf8').toString('utf8');
}

function addSample(samples: DenialSample[], comm: string | null, object: string | null): void {
  if (samples.length >= MAX_SAMPLES) return;
  if (samples.some((sample) => sample.comm === comm && sample.object === object)) return;
  samples.push({ comm: comm === null ? null : ownCopy(comm), object: object === null ? null : ownCopy(object) });
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareRules = (a: AllowRule, b: AllowRule): number => compareText(a.source, b.source) || compareText(a.target, b.target) || compareText(a.tclass, b.tclass);

/** Streams lines (never holds the whole log); `domain` keeps only denials whose source type is it. */
export async function collectAllowRules(lines: AsyncIterable<string>, options: { domain?: string } = {}): Promise<AvcSummary> {
  const merged = new Map<string, Accumulator>();
  const summary = { lines: 0, denials: 0, ignored: 0, malformed: 0 };
  for await (const line of lines) {
    summary.lines++;
    const parsed = parseAvcLine(line);
    if (parsed.kind === 'malformed') {
      summary.malformed++;
      continue;
    }
    if (parsed.kind === 'ignored' || (options.domain !== undefined && parsed.denial.source !== options.domain)) {
      summary.ignored++;
      continue;
    }
    const { source, target, tclass, permissions, time, comm, object } = parsed.denial;
    summary.denials++;
    const key = `${source} ${target} ${tclass}`;
    let rule = merged.get(key);
    if (!rule) {
      rule = { source: ownCopy(source), target: ownCopy(target), tclass: ownCopy(tclass), permissions: new Set(), denials: 0, first: null, last: null, samples: [] };
      merged.set(key, rule);
    }
    for (const permission of permissions) if (!rule.permissions.has(permission)) rule.permissions.add(ownCopy(permission));
    rule.denials++;
    if (time !== null) {
      if (rule.first === null || time < rule.first) rule.first = time;
      if (rule.last === null || time > rule.last) rule.last = time;
    }
    addSample(rule.samples, comm, object);
  }
  const rules = [...merged.values()]
    .map((rule): AllowRule => ({
      source: rule.source,
      target: rule.target,
      tclass: rule.tclass,
      permissions: [...rule.permissions].sort(compareText),
      denials: rule.denials,
      firstSeen: formatStamp(rule.first),
      lastSeen: formatStamp(rule.last),
      samples: rule.samples,
    }))
    .sort(compareRules);
  return { rules, ...summary };
}

/** Comments carry text from the log: keep them on one line and printable. */
function commentSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

function describeSample(sample: DenialSample): string {
  const parts: string[] = [];
  if (sample.comm !== null) parts.push(`comm=${JSON.stringify(sample.comm)}`);
  if (sample.object !== null) parts.push(`object=${JSON.stringify(sample.object)}`);
  return commentSafe(parts.length > 0 ? parts.join(' ') : '(no comm or path)');
}

function explainRule(rule: AllowRule): string[] {
  const count = `${rule.denials} denial${rule.denials === 1 ? '' : 's'}`;
  const when = rule.firstSeen === null ? 'no time stamp' : rule.firstSeen === rule.lastSeen ? `seen ${rule.firstSeen}` : `first ${rule.firstSeen}, last ${rule.lastSeen}`;
  return [`# why: ${count}, ${when}; e.g.`, ...rule.samples.map((sample) => `#   ${describeSample(sample)}`)];
}

/** Rules may come from elsewhere than collectAllowRules: nothing but identifiers reaches the policy text. */
function assertPrintable(rule: AllowRule): void {
  const names = [rule.source, rule.target, rule.tclass, ...rule.permissions];
  const bad = names.find((name) => !isPolicyIdentifier(name));
  if (bad !== undefined || rule.permissions.length === 0) {
    throw new Error(`allow rule ${rule.source} ${rule.target}:${rule.tclass}: ${bad === undefined ? 'has no permissions' : `${JSON.stringify(bad)} is not a policy identifier`}`);
  }
}

function permissionList(permissions: readonly string[]): string {
  return `{ ${permissions.join(' ')} }`;
}

/** The sorted, deterministic require block + allow rules (no `module` line), for embedding. */
export function renderAllowRules(unsorted: readonly AllowRule[], options: { why?: boolean } = {}): string {
  if (unsorted.length === 0) return '';
  const rules = [...unsorted].sort(compareRules);
  for (const rule of rules) assertPrintable(rule);
  const types = new Set<string>();
  const classes = new Map<string, Set<string>>();
  for (const rule of rules) {
    types.add(rule.source);
    types.add(rule.target);
    let permissions = classes.get(rule.tclass);
    if (!permissions) {
      permissions = new Set();
      classes.set(rule.tclass, permissions);
    }
    for (const permission of rule.permissions) permissions.add(permission);
  }
  const out = ['require {'];
  for (const type of [...types].sort(compareText)) out.push(`\ttype ${type};`);
  for (const [tclass, permissions] of [...classes].sort(([a], [b]) => compareText(a, b))) {
    out.push(`\tclass ${tclass} ${permissionList([...permissions].sort(compareText))};`);
  }
  out.push('}');
  let source: string | undefined;
  for (const rule of rules) {
    if (rule.source !== source) {
      source = rule.source;
      out.push('', `#============= ${source} ==============`);
    }
    if (options.why) out.push(...explainRule(rule));
    const target = rule.target === rule.source ? 'self' : rule.target;
    out.push(`allow ${rule.source} ${target}:${rule.tclass} ${permissionList(rule.permissions)};`);
  }
  return `${out.join('\n')}\n`;
}
