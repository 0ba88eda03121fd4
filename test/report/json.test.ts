import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/json.js';
import { buildReport, HOSTILE_NAME } from './fixture.js';

describe('json report', () => {
  it('round-trips to the exact AuditReport', () => {
    const report = buildReport();
    expect(JSON.parse(render(report))).toEqual(report);
  });

  it('is pretty-printed with a trailing newline', () => {
    const text = render(buildReport());
    expect(text.startsWith('{\n  "tool": {\n    "name": "harden"')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps hostile strings as JSON string data', () => {
    const parsed = JSON.parse(render(buildReport())) as { containers: { name: string }[] };
    expect(parsed.containers.map((container) => container.name)).toContain(HOSTILE_NAME);
  });
});
