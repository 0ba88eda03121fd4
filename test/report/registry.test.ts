import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formats, getFormat, REPORT_FORMAT_IDS, renderReport } from '../../src/report/index.js';
import { buildReport } from './fixture.js';

describe('report format registry', () => {
  it('lists every format once, with metadata the CLI needs', () => {
    expect(formats.map((format) => format.id)).toEqual([...REPORT_FORMAT_IDS]);
    expect(new Set(formats.map((format) => format.defaultFile)).size).toBe(formats.length);
    for (const format of formats) {
      expect(format.description.length).toBeGreaterThan(10);
      expect(format.defaultFile).toMatch(/^harden-report\.[a-z.]+$/);
      expect(format.mediaType).toMatch(/^(text|application)\/[a-z+]+/);
    }
    expect(getFormat('sarif')?.defaultFile).toBe('harden-report.sarif');
    expect(getFormat('sarif')?.mediaType).toBe('application/sarif+json');
  });

  it('loads a pure render function for every format', async () => {
    const report = buildReport();
    for (const format of formats) {
      const { render } = await format.load();
      const first = render(report, { color: false });
      expect(first.length, format.id).toBeGreaterThan(100);
      expect(render(report, { color: false }), format.id).toBe(first);
      expect(first.endsWith('\n'), format.id).toBe(true);
    }
  });

  it('returns undefined for an unknown id and renderReport names the valid ones in one line', async () => {
    expect(getFormat('pdf')).toBeUndefined();
    await expect(renderReport(buildReport(), 'pdf')).rejects.toThrow(
      /^unknown report format "pdf": expected one of table, json, sarif, junit, markdown, html$/,
    );
    expect(await renderReport(buildReport(), 'json')).toContain('"findings"');
  });

  it('imports no format module or handlebars at load time (harden --version stays fast)', () => {
    const source = readFileSync(new URL('../../src/report/index.ts', import.meta.url), 'utf8');
    const staticImports = source.split('\n').filter((line) => /^import\s/.test(line));
    expect(staticImports).toEqual(["import type { AuditReport } from './types.js';"]);
    expect(source).not.toMatch(/handlebars'/);
  });
});
