// One `harden report` run: prove the reports folder writable, audit, compare with
// the previous run, write the four reports into a new run folder, point `latest`
// at it and prune the oldest runs.
import { runAudit, type AuditOptions } from '../audit/run-audit.js';
import { writeReports } from '../audit/write-reports.js';
import type { AuditReport } from '../report/types.js';
import { compareRuns } from './changes.js';
import { discardStaging, freeRunName, listRuns, openStaging, pointLatestAt, pruneRuns, publishRun, readPreviousRun, REPORT_JSON } from './run-folders.js';
import { extendTrend } from './trend.js';

/** The formats every run writes, and their file names in the run folder. */
export const RUN_FILES = { json: REPORT_JSON, html: 'report.html', markdown: 'report.md', sarif: 'report.sarif' } as const;

export interface ReportRunOptions {
  outDir: string;
  /** How many runs to keep, this one included; undefined keeps them all. */
  keep?: number;
  audit: AuditOptions;
}

export interface ReportRunResult {
  report: AuditReport;
  /** This run's folder name under `outDir`. */
  run: string;
  /** Runs removed by `keep`. */
  pruned: string[];
  /** Earlier runs whose report could not be read, with why (they were passed over). */
  warnings: string[];
}

export async function runReport(options: ReportRunOptions): Promise<ReportRunResult> {
  const { outDir, keep } = options;
  const staging = await openStaging(outDir);
  let published = false;
  try {
    const report = await runAudit(options.audit);
    const runs = await listRuns(outDir);
    const { previous, unreadable } = await readPreviousRun(outDir, runs);
    const run = await freeRunName(outDir, report.generatedAt);
    const allRuns = [...runs, run];
    const kept = new Set(keep === undefined ? allRuns : allRuns.slice(-keep));
    if (previous) report.changes = compareRuns(previous.report, previous.run, report);
    report.trend = extendTrend(previous, kept, run, report);
    await writeReports(report, Object.keys(RUN_FILES), { outputDir: staging, fileNames: RUN_FILES, color: false });
    await publishRun(outDir, staging, run);
    published = true;
    await pointLatestAt(outDir, run);
    const pruned = keep === undefined ? [] : await pruneRuns(outDir, allRuns, keep);
    return { report, run, pruned, warnings: unreadable };
  } finally {
    if (!published) await discardStaging(staging);
  }
}
