// The offline benchmark audits ~10,000 containers with ~150,000 findings; reporters
// must stay linear. Limits are several times the measured times on a 2-core machine.
import { describe, expect, it } from 'vitest';
import { formats } from '../../src/report/index.js';
import { render as renderJson } from '../../src/report/json.js';
import { buildLargeReport } from './fixture.js';

function timed<T>(work: () => T): { result: T; milliseconds: number } {
  const start = performance.now();
  const result = work();
  return { result, milliseconds: performance.now() - start };
}

describe('reporters at benchmark scale', () => {
  it('writes the JSON contract for 10,000 containers and 150,000 findings in well under two seconds', () => {
    const report = buildLargeReport(10_000, 15);
    const { result, milliseconds } = timed(() => renderJson(report));
    expect(milliseconds).toBeLessThan(2_000);
    const parsed = JSON.parse(result) as { findings: unknown[]; containers: unknown[] };
    expect(parsed.findings).toHaveLength(150_000);
    expect(parsed.containers).toHaveLength(10_000);
  });

  it('renders every format for 1,000 containers and 15,000 findings quickly', async () => {
    const report = buildLargeReport(1_000, 15);
    for (const format of formats) {
      const { render } = await format.load();
      render(report); // the first call compiles templates
      const { result, milliseconds } = timed(() => render(report));
      expect(milliseconds, format.id).toBeLessThan(1_500);
      expect(result, format.id).toContain('svc-999');
    }
  });
});
