import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/table.js';
import { buildReport, HOSTILE_NAME, poisonReport } from './fixture.js';

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
