// What the HTML and Markdown templates show of a `harden report` run's history:
// the changes since the previous run and the trend chart, with the chart's
// geometry computed here so the template only writes numbers into SVG attributes.
import { SEVERITIES, type Severity } from '../policy/types.js';
import type { AuditReport, FindingChange, ReportChanges, TrendPoint } from '../report/types.js';

export interface ChangeView {
  severity: Severity;
  ruleId: string;
  /** Container name (or `daemon`), prefixed with the fleet host when there is one. */
  container: string;
  image: string;
  message: string;
}

export interface ChangesView {
  previousRun: string;
  previousGeneratedAt: string;
  new: ChangeView[];
  resolved: ChangeView[];
  unchanged: ChangeView[];
}

export interface TrendSeriesView {
  severity: Severity;
  /** SVG polyline points: `x,y x,y ...`. */
  points: string;
  /** One dot per run with a tooltip; left out when the runs are too many to tell apart. */
  markers: { x: number; y: number; title: string }[];
  /** The count in the newest run. */
  latest: number;
}

export interface TrendRowView {
  run: string;
  generatedAt: string;
  counts: { severity: Severity; count: number }[];
  total: number;
}

export interface TrendView {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  runCount: number;
  series: TrendSeriesView[];
  yTicks: { y: number; label: number }[];
  xLabels: { x: number; label: string; anchor: 'start' | 'end' }[];
  /** Newest first, for the data table under the chart. */
  rows: TrendRowView[];
  /** The newest runs only, for the Markdown table. */
  recentRows: TrendRowView[];
}

export interface HistoryView {
  changes: ChangesView | null;
  /** Null until a folder has two runs: one point is not a trend. */
  trend: TrendView | null;
}

const WIDTH = 720;
const HEIGHT = 240;
const PLOT = { left: 44, right: WIDTH - 16, top: 12, bottom: HEIGHT - 32 };
const MAX_MARKERS = 60;
const MARKDOWN_ROWS = 10;

export function buildHistoryView(report: AuditReport): HistoryView {
  return {
    changes: report.changes ? toChangesView(report.changes) : null,
    trend: report.trend && report.trend.length >= 2 ? toTrendView(report.trend) : null,
  };
}

function toChangesView(changes: ReportChanges): ChangesView {
  return {
    previousRun: changes.previous.run,
    previousGeneratedAt: changes.previous.generatedAt,
    new: changes.new.map(toChangeView),
    resolved: changes.resolved.map(toChangeView),
    unchanged: changes.unchanged.map(toChangeView),
  };
}

function toChangeView(change: FindingChange): ChangeView {
  // In a fleet a container's name already carries its host (`web-1/nginx`); a daemon finding names its host.
  const daemon = change.host === undefined ? 'daemon' : `${change.host} (daemon)`;
  return {
    severity: change.severity,
    ruleId: change.ruleId,
    container: change.container?.name ?? daemon,
    image: change.container?.image ?? '',
    message: change.message,
  };
}

function toTrendView(points: TrendPoint[]): TrendView {
  const peak = Math.max(1, ...points.flatMap((point) => SEVERITIES.map((severity) => point.bySeverity[severity] ?? 0)));
  const top = niceCeiling(peak);
  const step = (PLOT.right - PLOT.left) / (points.length - 1);
  const x = (index: number): number => round(PLOT.left + index * step);
  const y = (count: number): number => round(PLOT.bottom - (count / top) * (PLOT.bottom - PLOT.top));
  // Severities that never had an open finding would only draw over the x axis.
  const shown = SEVERITIES.filter((severity) => points.some((point) => (point.bySeverity[severity] ?? 0) > 0));
  const series = shown.map((severity) => {
    const counts = points.map((point) => point.bySeverity[severity] ?? 0);
    return {
      severity,
      points: counts.map((count, index) => `${x(index)},${y(count)}`).join(' '),
      markers:
        points.length > MAX_MARKERS
          ? []
          : counts.map((count, index) => ({ x: x(index), y: y(count), title: `${points[index]?.generatedAt ?? ''}: ${count} ${severity}` })),
      latest: counts[counts.length - 1] ?? 0,
    };
  });
  const rows = points.map(toRow).reverse();
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    runCount: points.length,
    series,
    yTicks: [0, top / 2, top].filter(Number.isInteger).map((label) => ({ y: y(label), label })),
    xLabels: [
      { x: PLOT.left, label: shortTime(points[0]?.generatedAt ?? ''), anchor: 'start' },
      { x: PLOT.right, label: shortTime(points[points.length - 1]?.generatedAt ?? ''), anchor: 'end' },
    ],
    rows,
    recentRows: rows.slice(0, MARKDOWN_ROWS),
  };
}

function toRow(point: TrendPoint): TrendRowView {
  const counts = SEVERITIES.map((severity) => ({ severity, count: point.bySeverity[severity] ?? 0 }));
  return { run: point.run, generatedAt: point.generatedAt, counts, total: counts.reduce((sum, { count }) => sum + count, 0) };
}

/** 1, 2, 5, 10, 20, 50, ...: an axis maximum a reader can divide in their head. */
function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= value);
  return nice ?? 10 * magnitude;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `2026-11-28T05:30:00.123Z` -> `2026-11-28 05:30 UTC` */
function shortTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
