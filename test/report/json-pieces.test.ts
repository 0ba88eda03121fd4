import { describe, expect, it } from 'vitest';
import { render, renderPieces } from '../../src/report/json.js';
import type { Finding } from '../../src/policy/types.js';
import { buildReport } from './fixture.js';

describe('json report in pieces', () => {
  it('concatenates to exactly render() for any number of findings', () => {
    const report = buildReport();
    const sample = report.findings;
    expect(sample.length).toBeGreaterThan(0);
    for (const count of [0, 1, 99, 100, 101, 250]) {
      const findings: Finding[] = Array.from({ length: count }, (_, i) => sample[i % sample.length] as Finding);
      const sized = { ...report, findings };
      expect([...renderPieces(sized)].join('')).toBe(render(sized));
    }
  });

  it('splits a large report into many pieces', () => {
    const report = buildReport();
    const findings = Array.from({ length: 1000 }, () => report.findings[0] as Finding);
    expect([...renderPieces({ ...report, findings })].length).toBeGreaterThan(5);
  });
});
