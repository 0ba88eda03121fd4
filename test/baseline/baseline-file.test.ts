// Baselines without an engine: written from a real audit of the recorded inspect
// fixtures, read back, applied; waivers keep their expiry; bad files are exit-2 errors.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportFails, runAudit } from '../../src/audit/run-audit.js';
import { markBaseline, openBaseline } from '../../src/baseline/apply-baseline.js';
import { baselineFromReport, readBaseline, writeBaseline, type BaselineFile } from '../../src/baseline/baseline-file.js';
import { findingIdentity } from '../../src/report/finding-identity.js';
import { render as renderSarif } from '../../src/report/sarif.js';
import type { AuditReport } from '../../src/report/types.js';

const allContainers = fileURLToPath(new URL('../fixtures/inspect/all.docker-inspect.json', import.meta.url));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'harden-baseline-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function audit(policies: string[] = [], today = '2026-06-01'): Promise<AuditReport> {
  return runAudit({ source: { kind: 'inspect-file', path: allContainers }, runningOnly: false, policies, failOn: 'high', today });
}

const WAIVER_POLICY = [
  'name: w',
  'extends: baseline',
  'waivers:',
  '  - { check: no-privileged, container: h-privileged, reason: ci runner, owner: ops, expires: 2026-07-01 }',
  '',
].join('\n');

describe('baselineFromReport / writeBaseline / readBaseline', () => {
  it('lists every unwaived finding once, sorted, with what a reviewer needs, and reads back identically', async () => {
    const report = await audit();
    const baseline = baselineFromReport(report);
    expect(baseline.version).toBe(1);
    expect(baseline.generatedAt).toBe(report.generatedAt);
    expect(baseline.findings).toHaveLength(report.findings.length);
    const privileged = baseline.findings.find((entry) => entry.container === 'h-privileged' && entry.ruleId === 'no-privileged');
    expect(privileged).toMatchObject({ image: 'local/busybox:1', severity: 'critical' });
    expect(privileged?.message).toMatch(/privileged/);
    const order = baseline.findings.map((entry) => `${entry.container}\u0000${entry.ruleId}`);
    expect(order).toEqual([...order].sort());
    const path = join(work, 'ci', 'harden-baseline.json');
    await writeBaseline(path, baseline);
    expect(await readBaseline(path)).toEqual(baseline);
    expect(readdirSync(join(work, 'ci'))).toEqual(['harden-baseline.json']);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('leaves waived findings out, so an expired waiver fails the build again', async () => {
    const policy = join(work, 'policy.yaml');
    writeFileSync(policy, WAIVER_POLICY);
    const whileWaived = await audit([policy], '2026-06-01');
    const baseline = baselineFromReport(whileWaived);
    expect(baseline.findings.some((entry) => entry.ruleId === 'no-privileged')).toBe(false);

    markBaseline(whileWaived, baseline);
    expect(reportFails(whileWaived)).toBe(false);
    const waived = whileWaived.findings.find((finding) => finding.ruleId === 'no-privileged');
    expect(waived).toMatchObject({ waived: true });
    expect(waived).not.toHaveProperty('inBaseline');

    const afterExpiry = await audit([policy], '2026-07-01');
    const comparison = markBaseline(afterExpiry, baseline);
    expect(comparison.new).toBe(1);
    expect(afterExpiry.findings.filter((finding) => finding.inBaseline === false).map((finding) => [finding.ruleId, finding.container?.name])).toEqual([
      ['no-privileged', 'h-privileged'],
    ]);
    expect(reportFails(afterExpiry)).toBe(true);
  });
});

describe('markBaseline', () => {
  it('marks known findings true and new ones false, and lists entries that no longer match', async () => {
    const report = await audit();
    const baseline = baselineFromReport(report);
    const dropped = baseline.findings.filter((entry) => entry.container !== 'h-cap-all');
    const stale: BaselineFile['findings'][number] = { ...baseline.findings[0]!, identity: 'f'.repeat(64), container: 'gone' };
    const comparison = markBaseline(report, { ...baseline, findings: [...dropped, stale] });
    const newOnes = report.findings.filter((finding) => finding.inBaseline === false);
    expect(new Set(newOnes.map((finding) => finding.container?.name))).toEqual(new Set(['h-cap-all']));
    expect(comparison).toMatchObject({ new: newOnes.length, known: report.findings.length - newOnes.length });
    expect(comparison.stale).toEqual([stale]);
    // h-cap-all has a high finding (capabilities) that is not in the baseline.
    expect(reportFails(report)).toBe(true);
    markBaseline(report, baseline);
    expect(reportFails(report)).toBe(false);
    expect(report.findings.every((finding) => finding.inBaseline === true)).toBe(true);
  });

  it('sets SARIF baselineState (new / unchanged) only when a baseline was applied', async () => {
    const report = await audit();
    const baseline = baselineFromReport(report);
    const states = () =>
      (JSON.parse(renderSarif(report)) as { runs: { results: { baselineState?: string; message: { text: string } }[] }[] }).runs[0]!.results.map(
        (result) => [result.message.text.split('"')[1], result.baselineState],
      );
    expect(states().every(([, state]) => state === undefined)).toBe(true);
    markBaseline(report, { ...baseline, findings: baseline.findings.filter((entry) => entry.container !== 'h-etc-rw') });
    for (const [container, state] of states()) expect(state).toBe(container === 'h-etc-rw' ? 'new' : 'unchanged');
  });

  it('matches on findingIdentity', async () => {
    const report = await audit();
    const images = new Map(report.containers.map((container) => [container.id, container.image]));
    const identities = report.findings.map((finding) => findingIdentity(finding, images.get(finding.container?.id ?? '') ?? ''));
    expect(baselineFromReport(report).findings.map((entry) => entry.identity).sort()).toEqual([...new Set(identities)].sort());
  });
});

describe('openBaseline', () => {
  it('--update-baseline writes the file and marks everything as in it', async () => {
    const path = join(work, 'b.json');
    const report = await audit();
    const open = await openBaseline({ file: path, update: true });
    expect(await open.apply(report)).toBe(`baseline: wrote ${report.findings.length} finding(s) to ${path}`);
    expect((await readBaseline(path)).findings).toHaveLength(report.findings.length);
    expect(reportFails(report)).toBe(false);
  });

  it('summarizes new, known and stale entries in one line', async () => {
    const path = join(work, 'b.json');
    const full = await audit();
    const baseline = baselineFromReport(full);
    const stale = { ...baseline.findings[0]!, identity: 'e'.repeat(64) };
    await writeBaseline(path, { ...baseline, findings: [...baseline.findings.filter((entry) => entry.container !== 'h-privileged'), stale] });
    const report = await audit();
    const newCount = report.findings.filter((finding) => finding.container?.name === 'h-privileged').length;
    const line = await (await openBaseline({ file: path, update: false })).apply(report);
    expect(line).toBe(
      `baseline ${path}: ${newCount} new finding(s), ${report.findings.length - newCount} in the baseline; 1 baseline entry no longer found (prune with --update-baseline)`,
    );
  });

  it('fails before the audit on a missing or broken baseline, naming the file and field', async () => {
    const path = join(work, 'b.json');
    const attempt = () => openBaseline({ file: path, update: false });
    await expect(attempt()).rejects.toThrow(`${path}: cannot read baseline (no such file); create it with --update-baseline`);
    const cases: [string, string][] = [
      ['{ "version": 1,', `${path}: invalid JSON (`],
      ['[]', `${path}: expected a JSON object with version, generatedAt and findings`],
      ['{"version": 2, "generatedAt": "x", "findings": []}', `${path}: version: expected 1, got 2`],
      ['{"version": 1, "findings": []}', `${path}: generatedAt: expected an ISO timestamp string`],
      ['{"version": 1, "generatedAt": "x", "findings": {}}', `${path}: findings: expected an array`],
      ['{"version": 1, "generatedAt": "x", "findings": [{"identity": "abc"}]}', `${path}: findings[0].identity: expected 64 hex digits (a finding identity)`],
      [
        `{"version": 1, "generatedAt": "x", "findings": [{"identity": "${'a'.repeat(64)}", "ruleId": "r", "container": "c", "image": "i", "message": "m", "severity": "urgent"}]}`,
        `${path}: findings[0].severity: expected one of critical, high, medium, low, info`,
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path, text);
      const error = await attempt().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('BaselineError');
      expect((error as Error).message.startsWith(message)).toBe(true);
    }
  });

  it('reports a baseline that cannot be written as a BaselineError', async () => {
    writeFileSync(join(work, 'file'), 'x');
    const open = await openBaseline({ file: join(work, 'file', 'b.json'), update: true });
    await expect(open.apply(await audit())).rejects.toThrow(`${join(work, 'file', 'b.json')}: cannot write baseline (`);
  });
});
