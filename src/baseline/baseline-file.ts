// The baseline file (`--baseline FILE`, written by `--update-baseline`): the identities
// of the findings a team has accepted as the starting point, so CI fails only on new ones.
// Besides the identity each entry repeats rule, container, image, severity and message,
// so a reviewer can read the file (and its diffs) without running harden.
import { readFile } from 'node:fs/promises';
import { SEVERITIES, type Finding, type Severity } from '../policy/types.js';
import { findingIdentity } from '../report/finding-identity.js';
import type { AuditReport } from '../report/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { describeFsError } from '../util/fs-errors.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** findingIdentity() of the finding: what matching uses; everything else is for humans. */
  identity: string;
  ruleId: string;
  /** Empty for a daemon finding. */
  container: string;
  image: string;
  /** Fleet audits: the engine's fleet name. */
  host?: string;
  severity: Severity;
  message: string;
}

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  /** ISO timestamp of the audit the baseline was taken from. */
  generatedAt: string;
  findings: BaselineEntry[];
}

/** A baseline file that cannot be read or is not a baseline (exit 2). */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The image of each finding's container, as the identity needs it. */
export function imageOf(report: AuditReport): (finding: Finding) => string {
  const images = new Map(report.containers.map((container) => [container.id, container.image]));
  return (finding) => (finding.container ? (images.get(finding.container.id) ?? '') : '');
}

/**
 * The report's unwaived findings as a baseline. Waived findings are left out on
 * purpose: when their waiver expires they must fail the build, not hide in the baseline.
 */
export function baselineFromReport(report: AuditReport): BaselineFile {
  const image = imageOf(report);
  const byIdentity = new Map<string, BaselineEntry>();
  for (const finding of report.findings) {
    if (finding.waived) continue;
    const identity = findingIdentity(finding, image(finding));
    if (byIdentity.has(identity)) continue;
    const { ruleId, severity, message } = finding;
    const entry: BaselineEntry = { identity, ruleId, container: finding.container?.name ?? '', image: image(finding), severity, message };
    if (finding.host !== undefined) entry.host = finding.host;
    byIdentity.set(identity, entry);
  }
  // Sorted so that re-running --update-baseline on an unchanged host gives a clean diff.
  const findings = [...byIdentity.values()].sort(
    (a, b) => compare(a.container, b.container) || compare(a.ruleId, b.ruleId) || compare(a.identity, b.identity),
  );
  return { version: BASELINE_VERSION, generatedAt: report.generatedAt, findings };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function writeBaseline(path: string, baseline: BaselineFile): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new BaselineError(`${path}: cannot write baseline (${describeFsError(error)})`);
  }
}

export async function readBaseline(path: string): Promise<BaselineFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const hint = missing ? '; create it with --update-baseline' : '';
    throw new BaselineError(`${path}: cannot read baseline (${describeFsError(error)})${hint}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${path}: invalid JSON (${(error as Error).message}); expected a baseline written by --update-baseline`);
  }
  return parseBaseline(value, path);
}

function parseBaseline(value: unknown, path: string): BaselineFile {
  if (!isObject(value)) throw new BaselineError(`${path}: expected a JSON object with version, generatedAt and findings`);
  if (value.version !== BASELINE_VERSION) {
    throw new BaselineError(`${path}: version: expected ${BASELINE_VERSION}, got ${JSON.stringify(value.version) ?? 'nothing'}`);
  }
  if (typeof value.generatedAt !== 'string') throw new BaselineError(`${path}: generatedAt: expected an ISO timestamp string`);
  if (!Array.isArray(value.findings)) throw new BaselineError(`${path}: findings: expected an array`);
  const findings = value.findings.map((entry, index) => parseEntry(entry, `${path}: findings[${index}]`));
  return { version: BASELINE_VERSION, generatedAt: value.generatedAt, findings };
}

const STRING_FIELDS = ['ruleId', 'container', 'image', 'message'] as const;

function parseEntry(entry: unknown, where: string): BaselineEntry {
  if (!isObject(entry)) throw new BaselineError(`${where}: expected an object`);
  const { identity, severity } = entry;
  if (typeof identity !== 'string' || !/^[0-9a-f]{64}$/.test(identity)) {
    throw new BaselineError(`${where}.identity: expected 64 hex digits (a finding identity)`);
  }
  for (const field of STRING_FIELDS) {
    if (typeof entry[field] !== 'string') throw new BaselineError(`${where}.${field}: expected a string`);
  }
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    throw new BaselineError(`${where}.severity: expected one of ${SEVERITIES.join(', ')}`);
  }
  if (entry.host !== undefined && typeof entry.host !== 'string') throw new BaselineError(`${where}.host: expected a string`);
  const parsed: BaselineEntry = {
    identity,
    ruleId: entry.ruleId as string,
    container: entry.container as string,
    image: entry.image as string,
    severity: severity as Severity,
    message: entry.message as string,
  };
  if (typeof entry.host === 'string') parsed.host = entry.host;
  return parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
