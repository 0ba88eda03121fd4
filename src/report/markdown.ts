// Markdown report (`--format markdown`), e.g. for a pull-request comment or a job summary.
import { renderReportTemplate } from './templates.js';
import type { AuditReport } from './types.js';

export function render(report: AuditReport): string {
  return renderReportTemplate('report.md.hbs', report);
}
