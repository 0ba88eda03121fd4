// HTML report (`--format html`): one self-contained page to attach to a ticket or CI run.
import { renderReportTemplate } from './templates.js';
import type { AuditReport } from './types.js';

export function render(report: AuditReport): string {
  return renderReportTemplate('report.html.hbs', report);
}
