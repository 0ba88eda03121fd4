import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/html.js';
import { buildLocatedReport, buildReport, LOCATED_LINES, LOCATION_PATHS, poisonReport } from './fixture.js';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;
/** Start tags, end tags, doctype and comments: the markup skeleton of the page. */
const tagsOf = (html: string) => html.match(/<[A-Za-z!/][^>]*>/g)?.map((tag) => tag.replace(/\s.*$/s, '')) ?? [];

describe('html report', () => {
  it('is one self-contained page with a CSP that forbids scripts and network access', () => {
    const html = render(buildReport());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(CSP);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href|srcset|action)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
  });

  it('shows summary cards, per-container findings with remediation and evidence, waivers and skipped containers', () => {
    const html = render(buildReport());
    expect(html).toContain('<span class="verdict fail">Fail: 3 unwaived finding(s) at or above high</span>');
    for (const [severity, count] of [['critical', 1], ['high', 2], ['medium', 2], ['low', 1], ['info', 1], ['waived', 1]]) {
      expect(html).toContain(`<div class="card ${severity}"><div class="count">${count}</div><div class="label">${severity}</div></div>`);
    }
    expect(html).toContain('<summary><h3>web</h3>');
    expect(html).toContain('<td><p class="fix"><strong>docker run:</strong> docker run: fix no-privileged</p>');
    expect(html).toContain('<pre>{\n  &quot;privileged&quot;: true\n}</pre>');
    expect(html).toMatch(/<h2 id="waived">Waived findings<\/h2>[\s\S]*legacy &lt;replication&gt; needs it<\/td><td>dba-team<\/td><td>2099-12-31/);
    expect(html).toMatch(/<h3>Expired waivers<\/h3>[\s\S]*container legacy-&lt;b&gt;app&lt;\/b&gt;/);
    expect(html).toMatch(/<h3>Unmatched waivers<\/h3>[\s\S]*image old\/thing/);
    expect(html).toMatch(/<h2 id="skipped">Skipped containers<\/h2>[\s\S]*gone-away/);
    expect(html).not.toContain('<summary><h3>clean</h3>');
  });

  it('shows hostile container data as text, never as markup', () => {
    const html = render(buildReport());
    expect(html.match(/<img/gi)).toBeNull();
    expect(html).toContain('x&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain('&quot;hostPath&quot;: &quot;/etc/x&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;');
    expect(html).toContain('evil&quot;&amp;&#x27;&lt;&gt;');
    expect(html).toContain('a]]&gt;b');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('keeps the page structure whatever any report string contains', () => {
    const report = buildReport();
    const poisoned = render(poisonReport(report, `<z onload=x>"'&{{x}}</td></table><!--`));
    expect(poisoned).not.toContain('<z');
    expect(poisoned).toContain('&amp;{{x}}&lt;/td&gt;');
    expect(tagsOf(poisoned)).toEqual(tagsOf(render(report)));
  });

  it('never uses triple-stash (unescaped) output in the template', () => {
    const template = readFileSync(new URL('../../templates/report.html.hbs', import.meta.url), 'utf8');
    expect(template).not.toContain('{{{');
    expect(template).not.toContain('{{&');
  });
});

describe('html report: file locations', () => {
  const LOCATION_CODE = /<br><code class="location">[^<]*<\/code>/g;

  it('shows file:line under the message of each finding from a file, waived ones included', () => {
    const html = render(buildLocatedReport());
    expect(html).toContain('<td>runs privileged<br><code class="location">compose.yaml:14</code></td>');
    expect(html).toContain(`<td>defines no health check<br><code class="location">compose.yaml:${LOCATED_LINES.healthcheck}</code></td>`);
    expect(html).toContain(`<td>shares the host network namespace<br><code class="location">compose.yaml:${LOCATED_LINES['no-host-network']}</code></td>`);
    expect(html.match(LOCATION_CODE)).toHaveLength(3);
    expect(html).toContain(CSP);
  });

  it('renders findings without a file exactly as before', () => {
    const plain = render(buildReport());
    expect(plain).not.toContain('class="location"');
    expect(render(buildLocatedReport()).replace(LOCATION_CODE, '')).toBe(plain);
  });

  it('escapes a path that holds markup', () => {
    const html = render(buildLocatedReport('a|b*<img src=x>.yaml'));
    expect(html).toContain('<code class="location">a|b*&lt;img src&#x3D;x&gt;.yaml:14</code>');
  });

  it.each(LOCATION_PATHS)('keeps a path with $label inert text, the page structure and the CSP unchanged', ({ file }) => {
    const reference = render(buildLocatedReport());
    const html = render(buildLocatedReport(file));
    expect(html.match(/<img/gi)).toBeNull();
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(tagsOf(html)).toEqual(tagsOf(reference));
    expect(html).toContain(CSP);
    expect(html).not.toMatch(/\s(src|href|srcset|action)=/i);
  });
});
