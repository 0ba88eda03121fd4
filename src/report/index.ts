// The report format registry the CLI drives `--format` and `--output-dir` from.
// Format modules are imported only when used: the HTML and Markdown ones load
// handlebars, which `harden --version` must not pay for.
import type { AuditReport } from './types.js';

export interface RenderOptions {
  /** ANSI colours (table only); the CLI sets it for a TTY without NO_COLOR. */
  color?: boolean;
  /** Project home page for SARIF `tool.driver.informationUri`. */
  informationUri?: string;
}

/** Every reporter is pure: the same report and options give the same text. */
export type RenderFunction = (report: AuditReport, options?: RenderOptions) => string;

/** What a format module exports. */
export interface ReportModule {
  render: RenderFunction;
}

export const REPORT_FORMAT_IDS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormatId = (typeof REPORT_FORMAT_IDS)[number];

export interface ReportFormat {
  id: ReportFormatId;
  description: string;
  /** File name used with `--output-dir`. */
  defaultFile: string;
  mediaType: string;
  load(): Promise<ReportModule>;
}

export const formats: readonly ReportFormat[] = [
  {
    id: 'table',
    description: 'aligned plain text for terminals, one line per finding',
    defaultFile: 'harden-report.txt',
    mediaType: 'text/plain; charset=utf-8',
    load: () => import('./table.js'),
  },
  {
    id: 'json',
    description: 'the stable AuditReport JSON contract',
    defaultFile: 'harden-report.json',
    mediaType: 'application/json',
    load: () => import('./json.js'),
  },
  {
    id: 'sarif',
    description: 'SARIF 2.1.0 for GitHub code scanning',
    defaultFile: 'harden-report.sarif',
    mediaType: 'application/sarif+json',
    load: () => import('./sarif.js'),
  },
  {
    id: 'junit',
    description: 'JUnit XML for CI test tabs, one test suite per container',
    defaultFile: 'harden-report.junit.xml',
    mediaType: 'application/xml',
    load: () => import('./junit.js'),
  },
  {
    id: 'markdown',
    description: 'Markdown for pull-request comments and job summaries',
    defaultFile: 'harden-report.md',
    mediaType: 'text/markdown; charset=utf-8',
    load: () => import('./markdown.js'),
  },
  {
    id: 'html',
    description: 'one self-contained HTML page',
    defaultFile: 'harden-report.html',
    mediaType: 'text/html; charset=utf-8',
    load: () => import('./html.js'),
  },
];

export function getFormat(id: string): ReportFormat | undefined {
  return formats.find((format) => format.id === id);
}

/** Renders one format; an unknown id is a one-line error naming the valid ones. */
export async function renderReport(report: AuditReport, formatId: string, options: RenderOptions = {}): Promise<string> {
  const format = getFormat(formatId);
  if (!format) throw new Error(`unknown report format "${formatId}": expected one of ${REPORT_FORMAT_IDS.join(', ')}`);
  const { render } = await format.load();
  return render(report, options);
}
