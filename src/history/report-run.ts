// One `harden report` run: prove the reports folder writable, remove what killed runs
// left in it, audit, compare with the previous run, write the five reports into a new
// run folder, point `latest` at it and prune the oldest runs.
//
// SIGINT and SIGTERM stop the audit at once and discard the staging folder; once the
// reports are being written they wait for the step in hand, so no half-written run
// and no stray file is left. After the run folder is in place the run is finished
// and the signal is reported in the result.
import { writeReports } from '../audit/write-reports.js';
import type { OpenBaseline } from '../baseline/apply-baseline.js';
import type { AuditReport } from '../report/types.js';
import { watchInterrupts, type InterruptSignal } from '../util/interrupts.js';
import { compareRuns } from './changes.js';
import { removeLeftovers } from './leftovers.js';
import { discardStaging, freeRunName, listRuns, openStaging, pointLatestAt, pruneRuns, publishRun, readPreviousRun, REPORT_JSON } from './run-folders.js';
import { extendTrend } from './trend.js';

/** The formats every run writes, and their file names in the run folder. */
export const RUN_FILES = { json: REPORT_JSON, html: 'report.html', markdown: 'report.md', sarif: 'report.sarif', junit: 'report.junit.xml' } as const;

export interface ReportRunOptions {
  outDir: string;
  /** How many runs to keep, this one included; undefined keeps them all. */
  keep?: number;
  /**
   * The run's audit: one engine, files, an inspect file or a fleet. It only reads,
   * so a signal abandons it midway.
   */
  audit: () => Promise<AuditReport>;
  /** Marks the report against a `--baseline` (writing it first with `--update-baseline`). */
  baseline?: OpenBaseline | null;
}

export interface ReportRunResult {
  report: AuditReport;
  /** This run's folder name under `outDir`. */
  run: string;
  /** Runs removed by `keep`. */
  pruned: string[];
  /** Staging folders and temporary links of killed runs, removed before this one. */
  removedLeftovers: string[];
  /** The baseline's one-line summary, with `baseline`. */
  baselineSummary?: string;
  /** What the run passed over or could not clean up, one line each. */
  warnings: string[];
  /** A SIGINT or SIGTERM that arrived once the run folder was being put in place. */
  interrupted?: InterruptSignal;
}

export async function runReport(options: ReportRunOptions): Promise<ReportRunResult> {
  const { outDir, keep } = options;
  // From before the staging folder exists: a signal is never default-handled while it does.
  const interrupts = watchInterrupts();
  try {
    const staging = await openStaging(outDir);
    let published = false;
    try {
      const leftovers = await removeLeftovers(outDir);
      const warnings = leftovers.failed.map((failure) => `cannot remove what an interrupted run left: ${failure}`);
      interrupts.check();
      const report = await interrupts.race(options.audit());
      // The baseline may be written and the reports are: steps that finish, then the signal counts.
      const baselineSummary = options.baseline ? await options.baseline.apply(report) : undefined;
      const runs = await listRuns(outDir);
      const { previous, unreadable } = await readPreviousRun(outDir, runs);
      warnings.push(...unreadable.map((reason) => `passed over an earlier run: ${reason}`));
      const run = await freeRunName(outDir, report.generatedAt);
      const allRuns = [...runs, run];
      const kept = new Set(keep === undefined ? allRuns : allRuns.slice(-keep));
      if (previous) report.changes = compareRuns(previous.report, previous.run, report);
      report.trend = extendTrend(previous, kept, run, report);
      await writeReports(report, Object.keys(RUN_FILES), { outputDir: staging, fileNames: RUN_FILES, color: false });
      interrupts.check();
      await publishRun(outDir, staging, run);
      published = true;
      await pointLatestAt(outDir, run);
      const pruned = keep === undefined ? [] : await pruneRuns(outDir, allRuns, keep);
      const result: ReportRunResult = { report, run, pruned, removedLeftovers: leftovers.removed, warnings };
      if (baselineSummary !== undefined) result.baselineSummary = baselineSummary;
      if (interrupts.signal !== undefined) result.interrupted = interrupts.signal;
      return result;
    } finally {
      if (!published) await discardStaging(staging);
    }
  } finally {
    interrupts.stop();
  }
}
