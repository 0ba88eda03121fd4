import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/markdown.js';
import { buildLocatedReport, buildReport, LOCATED_LINES, LOCATION_PATHS, poisonReport } from './fixture.js';

const UNESCAPED_PIPE = /(?<!\\)\|/g;

/** Every Markdown table keeps one cell count on every row. */
function expectIntactTables(markdown: string): void {
  const tables = markdown.split(/\n(?!\|)/).map((block) => block.split('\n').filter((line) => line.startsWith('|')));
  for (const rows of tables.filter((table) => table.length > 0)) {
    const cells = rows.map((row) => (row.match(UNESCAPED_PIPE) ?? []).length);
    expect(new Set(cells).size, rows.join('\n')).toBe(1);
  }
}

describe('markdown report', () => {
  it('renders every section from the template', () => {
    const markdown = render(buildReport());
    expect(markdown).toMatch(/^# harden audit report\n/);
    expect(markdown).toContain('**Result: fail**: 3 unwaived finding(s) at or above `high`');
    expect(markdown).toContain('| critical | 1 |\n| high | 2 |\n| medium | 2 |\n| low | 1 |\n| info | 1 |\n| **Total** | **7** |\n| Waived | 1 |');
    expect(markdown).toContain('| web | registry.example:5000/team/web:1.2 | running | 1 | 0 | 1 | 0 | 1 |');
    expect(markdown).toContain('### web\n');
    expect(markdown).toContain('- **CRITICAL** no-privileged: runs privileged (fails the audit)');
    expect(markdown).toContain('  - Fix (`docker run`): docker run: fix no-privileged');
    expect(markdown).toContain('  - Fix (compose): compose: fix no-privileged');
    expect(markdown).toContain('| db | no-host-network | high | shares the host network namespace | legacy &lt;replication&gt; needs it | dba-team | 2099-12-31 |');
    expect(markdown).toMatch(/### Expired waivers[\s\S]*\| no-privileged \| container legacy-&lt;b&gt;app&lt;\/b&gt; \|/);
    expect(markdown).toMatch(/### Unmatched waivers[\s\S]*\| memory-limit \| image old\/thing \|/);
    expect(markdown).toContain('| gone-away | 999999999999 | removed before it could be inspected (404) |');
    expect(markdown).not.toContain('\n\n\n');
  });

  it('never lets container-derived text become HTML or Markdown structure', () => {
    const markdown = render(buildReport());
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('x&lt;img src=x onerror=alert(1)&gt;');
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expectIntactTables(markdown);
  });

  it('escapes every string field of the report, whichever line of the template prints it', () => {
    const marker = '<z>|`*_[x]~\n# ';
    const markdown = render(poisonReport(buildReport(), marker));
    expect(markdown).not.toContain('<z>');
    expect(markdown).toContain('&lt;z&gt;\\|\\`\\*\\_\\[x\\]\\~ \\# ');
    expect(markdown).not.toMatch(/(?<!\\)`\*/);
    expect(markdown.split('\n').filter((line) => line.startsWith('# '))).toHaveLength(1);
    expectIntactTables(markdown);
  });

  it('says so when there is nothing to report', () => {
    const markdown = render(
      buildReport({ findings: [], containers: [], skipped: [], waivers: { expired: [], unmatched: [] } }),
    );
    expect(markdown).toContain('**Result: pass**');
    expect(markdown).toContain('No containers were audited.');
    expect(markdown).toContain('No unwaived findings.');
    expect(markdown).toContain('None: every waiver is current and in use.');
  });
});

describe('markdown report: file locations', () => {
  const LOCATION_LINE = /^ {2}- Location: .*\n/gm;

  it('puts a Location line first under each finding from a file', () => {
    const markdown = render(buildLocatedReport());
    expect(markdown).toContain(
      '- **CRITICAL** no-privileged: runs privileged (fails the audit)\n  - Location: compose.yaml:14\n  - Rule: Containers do not run privileged\n',
    );
    expect(markdown).toContain(`- **INFO** healthcheck: defines no health check\n  - Location: compose.yaml:${LOCATED_LINES.healthcheck}\n`);
    // The waived finding has no list item: its location goes in its Message cell.
    expect(markdown).toContain(`| db | no-host-network | high | shares the host network namespace (compose.yaml:${LOCATED_LINES['no-host-network']}) | legacy`);
    expect(markdown.match(LOCATION_LINE)).toHaveLength(2);
    expectIntactTables(markdown);
  });

  it('renders findings without a file exactly as before', () => {
    const plain = render(buildReport());
    expect(plain).not.toContain('Location');
    const located = render(buildLocatedReport());
    expect(located.replace(LOCATION_LINE, '').replace(/ \(compose\.yaml:\d+\)/, '')).toBe(plain);
  });

  it('escapes a path that holds Markdown and HTML syntax', () => {
    const markdown = render(buildLocatedReport('a|b*<img src=x>.yaml'));
    expect(markdown).toContain('  - Location: a\\|b\\*&lt;img src=x&gt;.yaml:14\n');
    expect(markdown).toContain('shares the host network namespace (a\\|b\\*&lt;img src=x&gt;.yaml:30) |');
  });

  it.each(LOCATION_PATHS)('keeps a path with $label inert', ({ file }) => {
    const markdown = render(buildLocatedReport(file));
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(markdown.match(LOCATION_LINE)).toHaveLength(2);
    expect(markdown.split('\n')).toHaveLength(render(buildLocatedReport()).split('\n').length);
    // Escaped: no unescaped backtick opens code, no bracket opens a link.
    expect(markdown).not.toMatch(/Location: [^\n]*(?<!\\)[`[]/);
    expectIntactTables(markdown);
  });
});
