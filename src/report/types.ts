import type { ContainerState } from '../spec/types.js';
import type { Finding, Severity, WaiverInfo } from '../policy/types.js';

export interface AuditTarget {
  /** `engine` for a live audit, `inspect-file` for `--from`. */
  kind: 'engine' | 'inspect-file' | 'compose' | 'kubernetes';
  /** Engine URL (`unix:///var/run/docker.sock`, `tcp://host:2376`) or file path (`-` for stdin). */
  host: string;
  engineVersion: string | null;
  apiVersion: string | null;
}

export interface AuditedContainer {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
}

/** A container listed by the engine that disappeared before it could be inspected. */
export interface SkippedContainer {
  id: string;
  name: string;
  reason: string;
}

/** A rule as reports describe it (from a built-in check or a custom policy check). */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  refs: { cis?: string; pss?: string };
  remediation: { run: string; compose: string };
}

export interface WaiverStatus extends WaiverInfo {
  check: string;
  container?: string;
  image?: string;
  /** Where the waiver was declared (policy file). */
  policy: string;
}

export interface AuditSummary {
  containers: number;
  /** Findings that are not waived. */
  findings: number;
  waived: number;
  /** Unwaived findings per severity (every severity present, zero when none). */
  bySeverity: Record<Severity, number>;
}

/** The stable JSON contract (`--format json`), and what every reporter reads. */
export interface AuditReport {
  tool: { name: 'harden'; version: string };
  target: AuditTarget;
  /** ISO timestamp of the audit. */
  generatedAt: string;
  policies: string[];
  failOn: Severity;
  summary: AuditSummary;
  containers: AuditedContainer[];
  skipped: SkippedContainer[];
  findings: Finding[];
  /** Rules that were evaluated (so reports can describe them, SARIF needs them). */
  rules: RuleInfo[];
  waivers: { expired: WaiverStatus[]; unmatched: WaiverStatus[] };
}
