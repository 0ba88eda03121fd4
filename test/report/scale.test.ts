// The offline benchmark audits ~10,000 containers with ~150,000 findings; every
// reporter must handle that scale correctly. Speed itself is measured by
// `npm run bench`, never by a timed test.
import { describe, expect, it } from 'vitest';
import { formats } from '../../src/report/index.js';
import { render as renderJson } from '../../src/report/json.js';
import { buildLargeReport } from './fixture.js';

describe('reporters at benchmark scale', () => {
  it('writes the JSON contract for 10,000 containers and 150,000 findings', () => {
    const report = buildLargeReport(10_000, 15);
    const result = renderJson(report);
    const parsed = JSON.parse(result) as { findings: unknown[]; containers: unknown[] };
    expect(parsed.findings).toHaveLength(150_000);
    expect(parsed.containers).toHaveLength(10_000);
  });

  it('renders every format for 1,000 containers and 15,000 findings', async () => {
    const report = buildLargeReport(1_000, 15);
    for (const format of formats) {
      const { render } = await format.load();
      const result = render(report);
      expect(result, format.id).toContain('svc-999');
    }
  });
});
