// Locates, compiles and caches handlebars templates shipped in `templates/`.
// Each caller passes its own handlebars environment, so helpers registered for one
// kind of output (HTML, shell, JSON) never leak into another.
import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { packageRoot } from './package-info.js';

export const TEMPLATE_DIRECTORY = `${packageRoot}templates/`;

type HandlebarsEnvironment = typeof Handlebars;

const compiled = new WeakMap<HandlebarsEnvironment, Map<string, (view: unknown) => string>>();

/**
 * A template from `templates/` (e.g. `report.html.hbs`, `tls/daemon.json.hbs`),
 * compiled on first use and cached per environment. `strict` makes a template that
 * names a missing field fail loudly instead of printing an empty string.
 */
export function loadTemplate<View>(environment: HandlebarsEnvironment, fileName: string): (view: View) => string {
  let cache = compiled.get(environment);
  if (!cache) {
    cache = new Map();
    compiled.set(environment, cache);
  }
  let template = cache.get(fileName);
  if (!template) {
    const path = `${TEMPLATE_DIRECTORY}${fileName}`;
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`template ${path} is missing: reinstall harden (templates/ ships with the package)`);
    }
    template = environment.compile<unknown>(source, { strict: true, preventIndent: true });
    cache.set(fileName, template);
  }
  return template as (view: View) => string;
}
