// Changes between two reports and how the HTML and Markdown reports show them
// (and the trend), on the hand-built reporter fixture with its hostile strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/history/changes.js';
import { extendTrend } from '../../src/history/trend.js';
import { render as renderHtml } from '../../src/report/html.js';
import { render as renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/types.js';
import { buildReport, containers, poisonReport } from '../report/fixture.js';

const tagsOf = (html: string) => html.match(/<[A-Za-z!/][^>]*>/g)?.map((tag) => tag.replace(/\s.*$/s, '')) ?? [];

/** The fixture, then a second run: its first open finding fixed, `clean` re-created with a new id and a new finding. */
function twoRuns(): { previous: AuditReport; current: AuditReport } {
  const previous = buildReport();
  const [fixed, ...kept] = previous.findings.filter((finding) => !finding.waived);
  if (!fixed) throw new Error('fixture has no open finding');
  const recreated = { ...containers[4], id: '7'.repeat(64) } as (typeof containers)[number];
  const added = { ...fixed, ruleId: 'host-pid', severity: 'high' as const, container: { id: recreated.id, name: recreated.name }, evidence: { pidMode: 'host' } };
  const current = buildReport({
    generatedAt: '2025-06-02T12:00:00.000Z',
    containers: [...containers.slice(0, 4), recreated],
    findings: [...kept, added, ...previous.findings.filter((finding) => finding.waived)],
  });
  current.changes = compareRuns(previous, '2025-06-01T12-00-00.000Z', current);
  const first = extendTrend(null, new Set(['2025-06-01T12-00-00.000Z']), '2025-06-01T12-00-00.000Z', previous);
  current.trend = extendTrend({ run: '2025-06-01T12-00-00.000Z', report: { ...previous, trend: first } }, new Set(['2025-06-01T12-00-00.000Z', '2025-06-02T12-00-00.000Z']), '2025-06-02T12-00-00.000Z', current);
  return { previous, current };
}

describe('changes between two runs', () => {
  it('lists the fixed finding as resolved, the added one as new, and every other open finding as unchanged', () => {
    const { previous, current } = twoRuns();
    const changes = current.changes;
    const open = previous.findings.filter((finding) => !finding.waived);
    expect(changes?.previous).toEqual({ run: '2025-06-01T12-00-00.000Z', generatedAt: previous.generatedAt });
    expect(changes?.resolved.map((change) => [change.container?.name, change.ruleId])).toEqual([[open[0]?.container?.name, open[0]?.ruleId]]);
    expect(changes?.new.map((change) => [change.container?.name, change.ruleId, change.container?.image])).toEqual([['clean', 'host-pid', 'local/busybox:1']]);
    expect(changes?.unchanged).toHaveLength(open.length - 1);
    expect(current.trend?.map((point) => point.bySeverity)).toEqual([previous.summary.bySeverity, current.summary.bySeverity]);
  });

  it('matches a finding whose container was re-created (new id, same name and image) as the same finding', () => {
    const previous = buildReport();
    const recreate = (id: string) => `${id.slice(0, 60)}beef`;
    const renamedIds = containers.map((container) => ({ ...container, id: recreate(container.id) }));
    const current = buildReport({
      containers: renamedIds,
      findings: previous.findings.map((finding) => ({ ...finding, container: { id: recreate(finding.container?.id ?? ''), name: finding.container?.name ?? '' } })),
    });
    const changes = compareRuns(previous, 'before', current);
    expect(changes.new).toEqual([]);
    expect(changes.resolved).toEqual([]);
    expect(changes.unchanged).toHaveLength(previous.findings.filter((finding) => !finding.waived).length);
  });
});

describe('history in the HTML and Markdown reports', () => {
  it('leads the HTML report with the changes and a trend chart, and leaves both out of a plain audit', () => {
    const { current } = twoRuns();
    const html = renderHtml(current);
    expect(html.indexOf('<h2 id="changes">Changes since the previous run</h2>')).toBeGreaterThan(0);
    expect(html.indexOf('<h2 id="changes">')).toBeLessThan(html.indexOf('<h2 id="trend">'));
    expect(html.indexOf('<h2 id="trend">')).toBeLessThan(html.indexOf('<h2 id="summary">'));
    expect(html).toContain('<div class="card new"><div class="count">1</div><div class="label">new</div></div>');
    expect(html).toMatch(/<polyline class="series high" points="44,[\d.]+ 704,[\d.]+"><\/polyline>/);
    expect(html).not.toMatch(/https?:\/\/|\s(src|href)=/);
    const plain = renderHtml(buildReport());
    expect(plain).not.toContain('id="changes"');
    expect(plain).not.toContain('<svg');
  });

  it('keeps the page structure whatever the history strings contain', () => {
    const { current } = twoRuns();
    const poisoned = renderHtml(poisonReport(current, `<z onload=x>"'&{{x}}</td></table><!--`));
    expect(poisoned).not.toContain('<z');
    expect(tagsOf(poisoned)).toEqual(tagsOf(renderHtml(current)));
  });

  it('leads the Markdown report with the changes and the trend table, escaping every string', () => {
    const { current } = twoRuns();
    const markdown = renderMarkdown(current);
    expect(markdown.indexOf('## Changes since the previous run')).toBeLessThan(markdown.indexOf('## Trend of open findings'));
    expect(markdown.indexOf('## Trend of open findings')).toBeLessThan(markdown.indexOf('## Summary'));
    expect(markdown).toContain('**1 new**, **1 resolved**');
    expect(markdown).toContain('| high | clean | host-pid |');
    const poisoned = renderMarkdown(poisonReport(current, '<z>|`*_[x]~\n# '));
    expect(poisoned).not.toContain('<z>');
    expect(poisoned.split('\n').filter((line) => line.startsWith('# '))).toHaveLength(1);
  });

  it('never writes a value unescaped in the history templates', () => {
    for (const file of ['report-history.html.hbs', 'report-history.md.hbs']) {
      const template = readFileSync(new URL(`../../templates/${file}`, import.meta.url), 'utf8');
      expect(template).not.toContain('{{{');
      expect(template).not.toContain('{{&');
    }
  });
});

describe('changes of a fleet run', () => {
  it('names a container by its host-qualified name once, and a daemon finding by its host', () => {
    const { current } = twoRuns();
    const changes = current.changes;
    if (!changes) throw new Error('no changes');
    const [added] = changes.new;
    if (!added) throw new Error('no new finding');
    changes.new = [
      { ...added, host: 'web-1', container: { id: `web-1/${'7'.repeat(64)}`, name: 'web-1/clean', image: 'local/busybox:1' } },
      { ...added, ruleId: 'daemon-live-restore', host: 'web-2', container: undefined },
    ];
    const markdown = renderMarkdown(current);
    expect(markdown).toContain('| web-1/clean |');
    expect(markdown).not.toContain('web-1: web-1/clean');
    expect(markdown).toContain('| web-2 (daemon) |');
  });
});
