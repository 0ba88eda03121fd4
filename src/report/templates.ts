// Loads the report templates from `templates/`. Only the HTML and Markdown
// reporters import this module, so handlebars is never loaded for other formats.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { escapeMarkdown } from './text.js';
import type { AuditReport } from './types.js';
import { buildReportView } from './view-model.js';
import { packageRoot } from '../util/package-info.js';
import type { ReportView } from './view-model.js';

const TEMPLATE_DIRECTORY = `${packageRoot}templates/`;

// A private environment, so our helpers never leak into another user of handlebars.
const handlebars = Handlebars.create();

handlebars.registerHelper('md', (value: unknown) => new handlebars.SafeString(escapeMarkdown(stringify(value))));
handlebars.registerHelper('upper', (value: unknown) => stringify(value).toUpperCase());
handlebars.registerHelper('join', (values: unknown, separator: unknown) =>
  Array.isArray(values) ? values.map(stringify).join(typeof separator === 'string' ? separator : ', ') : '',
);

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

type RenderTemplate = (view: ReportView) => string;

const compiled = new Map<string, RenderTemplate>();

/**
 * A template from `templates/`, compiled on first use and cached. `strict`
 * makes a template that names a missing field fail loudly instead of printing
 * an empty string.
 */
function loadTemplate(fileName: string): RenderTemplate {
  let template = compiled.get(fileName);
  if (!template) {
    const path = `${TEMPLATE_DIRECTORY}${fileName}`;
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`report template ${path} is missing: reinstall harden (templates/ ships with the package)`);
    }
    template = handlebars.compile<ReportView>(source, { strict: true, preventIndent: true });
    compiled.set(fileName, template);
  }
  return template;
}

/** Renders a report through a template in `templates/` (e.g. `report.html.hbs`). */
export function renderReportTemplate(fileName: string, report: AuditReport): string {
  return loadTemplate(fileName)(buildReportView(report));
}
