// Loads the report templates from `templates/`. Only the HTML and Markdown
// reporters import this module, so handlebars is never loaded for other formats.
import Handlebars from 'handlebars';
import { escapeMarkdown } from './text.js';
import type { AuditReport } from './types.js';
import { buildReportView } from './view-model.js';
import { loadTemplate } from '../util/templates.js';
import type { ReportView } from './view-model.js';

// A private environment, so our helpers never leak into another user of handlebars.
const handlebars = Handlebars.create();

handlebars.registerHelper('md', (value: unknown) => new handlebars.SafeString(escapeMarkdown(stringify(value))));
handlebars.registerHelper('upper', (value: unknown) => stringify(value).toUpperCase());
handlebars.registerHelper('join', (values: unknown, separator: unknown) =>
  Array.isArray(values) ? values.map(stringify).join(typeof separator === 'string' ? separator : ', ') : '',
);

// `harden report`'s history (changes since the previous run, trend) is kept in its own templates.
handlebars.registerPartial('historyHtml', loadTemplate(handlebars, 'report-history.html.hbs'));
handlebars.registerPartial('historyMarkdown', loadTemplate(handlebars, 'report-history.md.hbs'));

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** Renders a report through a template in `templates/` (e.g. `report.html.hbs`). */
export function renderReportTemplate(fileName: string, report: AuditReport): string {
  return loadTemplate<ReportView>(handlebars, fileName)(buildReportView(report));
}
