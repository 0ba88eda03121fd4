import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/junit.js';
import { buildLocatedReport, buildReport, HOSTILE_NAME, LOCATED_LINES, LOCATION_PATHS, poisonReport, TERMINAL_NAME } from './fixture.js';

/** Throws with xmllint's message unless the document is well-formed XML. CI installs libxml2-utils. */
function assertWellFormed(xml: string): void {
  try {
    execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('xmllint not found: apt-get install libxml2-utils');
    throw error;
  }
}

const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;
const attribute = (tag: string, name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(tag)?.[1]);

describe('junit report', () => {
  it('is well-formed XML even with hostile names, labels and control characters', () => {
    const xml = render(buildReport());
    assertWellFormed(xml);
    expect(() => assertWellFormed('<a><b></a>')).toThrow();
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain('<img');
    expect(xml).toContain('name="x&lt;img src=x onerror=alert(1)&gt;"');
    expect(xml).toContain('a]]&gt;b');
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('name="term CRITICAL  fake"');
    expect(HOSTILE_NAME).toContain('<img');
    expect(TERMINAL_NAME).toContain('\u001b');
  });

  it('has one suite per container plus one per skipped container, with matching counts', () => {
    const report = buildReport();
    const xml = render(report);
    const suites = xml.match(/<testsuite [^>]*>[\s\S]*?<\/testsuite>/g) ?? [];
    expect(suites).toHaveLength(report.containers.length + report.skipped.length);
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of suites) {
      const open = /<testsuite [^>]*>/.exec(suite)![0];
      expect(attribute(open, 'tests')).toBe(count(suite, /<testcase /g));
      expect(attribute(open, 'failures')).toBe(count(suite, /<failure /g));
      expect(attribute(open, 'skipped')).toBe(count(suite, /<skipped /g));
      expect(attribute(open, 'errors')).toBe(0);
      tests += attribute(open, 'tests');
      failures += attribute(open, 'failures');
      skipped += attribute(open, 'skipped');
    }
    const root = /<testsuites [^>]*>/.exec(xml)![0];
    expect([attribute(root, 'tests'), attribute(root, 'failures'), attribute(root, 'skipped')]).toEqual([tests, failures, skipped]);
    // failOn high: the critical, and both high mounts fail; the waived high is skipped, as is the vanished container.
    expect(failures).toBe(3);
    expect(skipped).toBe(2);
    // Six rules per container, one extra case for the second mount finding, one case for the skipped container.
    expect(tests).toBe(report.containers.length * report.rules.length + 1 + 1);
  });

  it('reports a passing case per rule that found nothing, so a clean container shows every check', () => {
    const xml = render(buildReport());
    const clean = /<testsuite name="clean"[\s\S]*?<\/testsuite>/.exec(xml)![0];
    expect(count(clean, /<testcase [^>]*\/>/g)).toBe(6);
    expect(clean).toContain('name="no-privileged: Containers do not run privileged"');
  });

  it('marks waived findings skipped with reason, owner and expiry', () => {
    const xml = render(buildReport());
    expect(xml).toContain('<skipped message="waived: legacy &lt;replication&gt; needs it (dba-team, expires 2099-12-31)"/>');
  });

  it('fails at or above failOn with severity as type, and passes lower findings with system-out', () => {
    const xml = render(buildReport());
    expect(xml).toMatch(/<failure message="runs privileged" type="critical">critical: runs privileged\nFix with docker run: /);
    expect(xml).toMatch(/<testcase classname="web" name="healthcheck: defines no health check" time="0">\s*<system-out>Below the failure threshold \(high\)\./);

    const strict = render(buildReport({ failOn: 'info' }));
    expect(count(strict, /<failure /g)).toBe(7);
    expect(count(strict, /<system-out>/g)).toBe(0);
  });

  it('stays well-formed with the same elements whatever any report string contains', () => {
    const report = buildReport();
    const poisoned = render(poisonReport(report, '</testcase>]]><![CDATA[&"\'\u0000\u001b[0m\ud800<!--'));
    assertWellFormed(poisoned);
    const elements = (xml: string) => xml.match(/<\/?[a-z-]+/g);
    expect(elements(poisoned)).toEqual(elements(render(report)));
  });
});

describe('junit report: file locations', () => {
  const ATTRIBUTES = / file="[^"]*" line="\d+"/g;
  const LOCATION_TEXT = /\nLocation: [^\n]*/g;
  const testcase = (xml: string, name: string) => new RegExp(`<testcase [^>]*name="${name}"[^>]*>`).exec(xml)?.[0];

  it('gives each testcase of a finding from a file file and line attributes, whatever its outcome', () => {
    const xml = render(buildLocatedReport());
    assertWellFormed(xml);
    // Failing, below the threshold (passing, with system-out), and waived (skipped).
    expect(testcase(xml, 'no-privileged: runs privileged')).toBe(
      '<testcase classname="web" name="no-privileged: runs privileged" time="0" file="compose.yaml" line="14">',
    );
    expect(testcase(xml, 'healthcheck: defines no health check')).toContain(` file="compose.yaml" line="${LOCATED_LINES.healthcheck}">`);
    expect(testcase(xml, 'no-host-network: shares the host network namespace')).toContain(
      ` file="compose.yaml" line="${LOCATED_LINES['no-host-network']}">`,
    );
    expect(xml.match(ATTRIBUTES)).toHaveLength(3);
  });

  it('names the location in the failure text and in the system-out of a finding below the threshold', () => {
    const xml = render(buildLocatedReport());
    expect(xml).toMatch(/<failure message="runs privileged" type="critical">critical: runs privileged\nLocation: compose\.yaml:14\nFix with docker run: /);
    expect(xml).toContain(`<system-out>Below the failure threshold (high).\ninfo: defines no health check\nLocation: compose.yaml:${LOCATED_LINES.healthcheck}\n`);
    // The name stays the finding's, so CI history follows it when lines move.
    expect(xml).toContain('name="no-privileged: runs privileged"');
  });

  it('renders findings without a file exactly as before', () => {
    const plain = render(buildReport());
    expect(plain).not.toMatch(/ file=| line=|Location:/);
    expect(render(buildLocatedReport()).replace(ATTRIBUTES, '').replace(LOCATION_TEXT, '')).toBe(plain);
  });

  it('escapes a path that holds markup, and drops terminal sequences from it', () => {
    const hostile = render(buildLocatedReport('a|b*<img src=x>.yaml'));
    expect(hostile).toContain(' file="a|b*&lt;img src=x&gt;.yaml" line="14">');
    expect(hostile).toContain('\nLocation: a|b*&lt;img src=x&gt;.yaml:14\n');
    const terminal = render(buildLocatedReport('evil\u001b[2J\u001b]0;pwned\u0007.yaml'));
    expect(terminal).toContain(' file="evil.yaml" line="14">');
    expect(terminal).toContain('\nLocation: evil.yaml:14\n');
  });

  it.each(LOCATION_PATHS)('stays well-formed with the same elements for a path with $label', ({ file }) => {
    const xml = render(buildLocatedReport(file));
    assertWellFormed(xml);
    expect(xml).not.toContain('<img');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    const elements = (text: string) => text.match(/<\/?[a-z-]+/g);
    expect(elements(xml)).toEqual(elements(render(buildReport())));
    expect(xml.match(ATTRIBUTES)).toHaveLength(3);
    expect(xml.match(LOCATION_TEXT)).toHaveLength(2);
  });
});
