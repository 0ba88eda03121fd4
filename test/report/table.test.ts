import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/table.js';
import { buildLocatedReport, buildReport, HOSTILE_NAME, LOCATED_LINES, LOCATION_PATHS, poisonReport } from './fixture.js';

const ESC = '\u001b';

describe('table report', () => {
  it('prints one aligned line per finding, unwaived worst first, waived last and marked', () => {
    const lines = render(buildReport()).split('\n');
    expect(lines[0]).toMatch(/^SEVERITY {2}CONTAINER {2,}RULE {2,}MESSAGE$/);
    const ruleColumn = lines[0]!.indexOf('RULE');
    const messageColumn = lines[0]!.indexOf('MESSAGE');
    const rows = lines.slice(1, 9);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW', 'INFO', 'HIGH']);
    for (const row of rows) {
      expect(row[ruleColumn - 1]).toBe(' ');
      expect(row.slice(ruleColumn)).toMatch(/^[a-z-]+ +\S/);
      expect(row.slice(messageColumn - 2, messageColumn)).toBe('  ');
    }
    expect(rows[0]).toMatch(/^CRITICAL {2}web +no-privileged +runs privileged$/);
    expect(rows[7]).toContain('shares the host network namespace [waived: legacy <replication> needs it, dba-team, until 2099-12-31]');
    expect(lines[9]).toBe('');
  });

  it('ends with a summary line and notes expired/unmatched waivers and skipped containers', () => {
    const text = render(buildReport());
    expect(text).toContain(
      '7 finding(s) in 5 container(s) (1 critical, 2 high, 2 medium, 1 low, 1 info), 1 waived. FAIL: 3 at or above high.',
    );
    expect(text).toContain('Expired waiver: no-privileged for container legacy-<b>app</b> in policies/team.yaml (expired 2024-01-31)');
    expect(text).toContain('Unmatched waiver: memory-limit for image old/thing in policies/team.yaml matched no finding');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Skipped container gone-away: removed before it could be inspected (404)');
    const clean = render(buildReport({ findings: [], skipped: [], waivers: { expired: [], unmatched: [] } }));
    expect(clean).toBe('0 finding(s) in 5 container(s), 0 waived. PASS: nothing unwaived at or above high.\n');
  });

  it('uses ANSI colour only when asked', () => {
    expect(render(buildReport())).not.toContain(ESC);
    const coloured = render(buildReport(), { color: true });
    expect(coloured).toContain(`${ESC}[1;31mCRITICAL${ESC}[0m  web`);
    expect(coloured).toContain(`${ESC}[2mHIGH`);
  });

  it('strips escape sequences and line breaks from container-derived strings', () => {
    const text = render(buildReport());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('term CRITICAL  fake');
    expect(text).toContain(HOSTILE_NAME);
    const findingLines = text.split('\n').filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line));
    expect(findingLines).toHaveLength(8);

    const poisoned = render(poisonReport(buildReport(), `${ESC}[2J${ESC}]8;;x${ESC}\\\r\n\u202eCRITICAL\u009b`), { color: true });
    const withoutOurColours = poisoned.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(poisoned.split('\n')).toHaveLength(render(buildReport(), { color: true }).split('\n').length);
  });
});

describe('table report: file locations', () => {
  const SEVERITY_WORDS = /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /;

  it('keeps the four columns when no finding has a file (live audits)', () => {
    const text = render(buildReport());
    expect(text).not.toContain('LOCATION');
    expect(text.split('\n')[0]).toMatch(/^SEVERITY {2}CONTAINER /);
  });

  it('adds a LOCATION column after SEVERITY: file:line for findings from files, - for the others', () => {
    const lines = render(buildLocatedReport()).split('\n');
    expect(lines[0]).toMatch(/^SEVERITY {2}LOCATION {2,}CONTAINER {2,}RULE {2,}MESSAGE$/);
    const locationColumn = lines[0]!.indexOf('LOCATION');
    const rows = lines.slice(1).filter((line) => SEVERITY_WORDS.test(line));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatch(new RegExp(`^CRITICAL {2}compose\\.yaml:${LOCATED_LINES['no-privileged']} {2,}web {2,}no-privileged {2,}runs privileged$`));
    const cells = rows.map((row) => row.slice(locationColumn).split(' ')[0]);
    expect(cells.filter((cell) => cell !== '-').sort()).toEqual(
      Object.values(LOCATED_LINES).map((line) => `compose.yaml:${line}`).sort(),
    );
    expect(cells.filter((cell) => cell === '-')).toHaveLength(8 - Object.keys(LOCATED_LINES).length);
  });

  it('changes nothing else: without the LOCATION column it is the table of the same report without locations', () => {
    const plain = render(buildReport()).split('\n');
    const located = render(buildLocatedReport()).split('\n');
    const start = located[0]!.indexOf('LOCATION');
    const end = located[0]!.indexOf('CONTAINER');
    const withoutColumn = located.map((line, index) => (index <= 8 ? line.slice(0, start) + line.slice(end) : line));
    expect(withoutColumn).toEqual(plain);
  });

  it('paints the severity as before when coloured', () => {
    const coloured = render(buildLocatedReport(), { color: true });
    expect(coloured).toContain(`${ESC}[1;31mCRITICAL${ESC}[0m  compose.yaml:14`);
  });

  it.each(LOCATION_PATHS)('shows a path with $label as one inert line', ({ file, shown }) => {
    const reference = render(buildLocatedReport('compose.yaml'), { color: true }).split('\n');
    const coloured = render(buildLocatedReport(file), { color: true });
    const withoutOurColours = coloured.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(coloured.split('\n')).toHaveLength(reference.length);
    const rows = withoutOurColours.split('\n').filter((line) => line.includes(`${shown}:`));
    expect(rows).toHaveLength(Object.keys(LOCATED_LINES).length);
    expect(rows[0]).toMatch(/^CRITICAL {2}/);
    expect(rows[0]).toContain(`${shown}:${LOCATED_LINES['no-privileged']}  web`);
  });
});
