import type { ContainerState } from '../spec/types.js';
import type { Finding, Severity, WaiverInfo } from '../policy/types.js';

export interface AuditTarget {
  /**
   * `engine` for a live audit, `inspect-file` for `--from`; `compose`, `kubernetes`,
   * or `files` (both kinds) for `harden audit FILE...`, whose `host` lists the files.
   */
  kind: 'engine' | 'inspect-file' | 'compose' | 'kubernetes' | 'files' | 'fleet';
  /** Engine URL (`unix:///var/run/docker.sock`, `tcp://host:2376`), file path (`-` for stdin), or the fleet file. */
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

/**
 * A container listed by the engine that disappeared before it could be inspected, or,
 * for Kubernetes manifests, an object that runs no containers (`Service/web`).
 */
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
  /**
   * For daemon rules (`scope: 'daemon'`) `run` names the dockerd flag and `compose`
   * the daemon.json key.
   */
  remediation: { run: string; compose: string };
  /** `daemon` for checks of the engine itself; absent for container rules. */
  scope?: 'daemon';
}

/** One engine of a fleet audit (`harden audit --hosts FILE`). */
export interface HostStatus {
  /** The fleet entry name; findings from this engine carry it as `Finding.host`. */
  name: string;
  /** Engine URL as given in the fleet file. */
  host: string;
  reachable: boolean;
  engineVersion: string | null;
  /** Why the engine could not be audited (when `reachable` is false). */
  error?: string;
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
  /** Fleet audits only: every engine of the fleet file, in file order. */
  hosts?: HostStatus[];
  /** `harden report` only, from the second run in a reports folder on: what changed since the previous run. */
  changes?: ReportChanges;
  /** `harden report` only: open findings per severity over the kept runs, oldest first, this run last. */
  trend?: TrendPoint[];
}

/** An open finding as run-to-run changes list it: enough to show it without the other run's report. */
export interface FindingChange {
  /** `findingIdentity`: the same problem in the same container (name + image repository) across runs. */
  identity: string;
  ruleId: string;
  severity: Severity;
  /** Container name and image, as audited in the run the finding comes from; absent for daemon findings. */
  container?: { name: string; image: string };
  /** Fleet audits: the host entry the finding comes from. */
  host?: string;
  message: string;
}

/**
 * Open (unwaived) findings of this run compared with the previous run in the same
 * reports folder, matched by identity. A finding that became waived counts as resolved.
 */
export interface ReportChanges {
  /** The run compared against: its folder name (under `--out-dir`) and audit time. */
  previous: { run: string; generatedAt: string };
  /** Open now, not open in the previous run. */
  new: FindingChange[];
  /** Open in the previous run, not open now. */
  resolved: FindingChange[];
  /** Open in both runs (listed as they are now). */
  unchanged: FindingChange[];
}

/** One run of a reports folder in the trend. */
export interface TrendPoint {
  /** Folder name of the run under `--out-dir`. */
  run: string;
  generatedAt: string;
  /** Open (unwaived) findings per severity, as in `summary.bySeverity`. */
  bySeverity: Record<Severity, number>;
}
