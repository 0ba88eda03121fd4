// The trend of open findings over the runs a reports folder keeps. Each run's
// report.json carries the trend up to itself, so a new run reads only the previous
// report (which it reads for the changes anyway), never every kept report.
import type { AuditReport, TrendPoint } from '../report/types.js';

export interface PreviousRun {
  /** Folder name under the reports folder. */
  run: string;
  report: AuditReport;
}

/**
 * The trend for the current run: the previous run's trend (or, for a report
 * written without one, the previous run alone), limited to runs still kept, then
 * this run.
 */
export function extendTrend(previous: PreviousRun | null, kept: ReadonlySet<string>, currentRun: string, current: AuditReport): TrendPoint[] {
  const earlier = previous ? (previous.report.trend ?? [pointOf(previous.run, previous.report)]) : [];
  return [...earlier.filter((point) => kept.has(point.run)), pointOf(currentRun, current)];
}

function pointOf(run: string, report: AuditReport): TrendPoint {
  return { run, generatedAt: report.generatedAt, bySeverity: { ...report.summary.bySeverity } };
}
