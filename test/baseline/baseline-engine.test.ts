// `harden audit --baseline` end to end on a real throwaway dockerd, through the CLI:
// take a baseline, add a risky container (only its findings fail the run), remove it
// (passes again), re-create a baselined container under a new id (still matches).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import type { BaselineFile } from '../../src/baseline/baseline-file.js';
import type { AuditReport } from '../../src/report/types.js';

const IMAGE = 'local/busybox:1';
// A read-write /etc mount is a high finding: without a baseline this engine fails the audit.
const ETC_RW = ['--name', 'old-etc', '-v', '/etc:/host/etc', IMAGE, 'sleep', '3600'];

let engine: TestEngine;
let work: string;
let baselineFile: string;

beforeAll(async () => {
  engine = await startEngine('base');
  await engine.docker('run', '-d', '--network', 'none', ...ETC_RW);
  await engine.docker('run', '-d', '--network', 'none', '--name', 'old-plain', IMAGE, 'sleep', '3600');
  work = mkdtempSync(join(tmpdir(), 'harden-baseline-engine-'));
  baselineFile = join(work, 'harden-baseline.json');
});

afterAll(async () => {
  await engine?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function auditWithBaseline(...extra: string[]) {
  const result = await harden(['audit', '-H', engine.host, '-f', 'json', '--baseline', baselineFile, ...extra]);
  return { ...result, report: JSON.parse(result.stdout || '{}') as AuditReport };
}

function newFindings(report: AuditReport): string[] {
  return report.findings.filter((finding) => finding.inBaseline === false).map((finding) => `${finding.container?.name} ${finding.ruleId}`);
}

describe('harden audit --baseline on a live engine', () => {
  it('fails without a baseline, then --update-baseline writes one and passes', async () => {
    const plain = await harden(['audit', '-H', engine.host, '-f', 'json']);
    expect(plain.code).toBe(1);
    expect((JSON.parse(plain.stdout) as AuditReport).findings.some((finding) => 'inBaseline' in finding)).toBe(false);

    const updated = await auditWithBaseline('--update-baseline');
    expect(updated.code).toBe(0);
    const written = JSON.parse(readFileSync(baselineFile, 'utf8')) as BaselineFile;
    expect(updated.stderr).toBe(`baseline: wrote ${written.findings.length} finding(s) to ${baselineFile}\n`);
    expect(written.version).toBe(1);
    expect(written.generatedAt).toBe(updated.report.generatedAt);
    // Daemon findings (no container) are baselined like the others.
    expect(new Set(written.findings.map((entry) => entry.container).filter((name) => name !== ''))).toEqual(new Set(['old-etc', 'old-plain']));
    expect(written.findings.find((entry) => entry.ruleId === 'sensitive-host-mounts')).toMatchObject({
      container: 'old-etc',
      image: IMAGE,
      severity: 'high',
    });
    expect(updated.report.findings.every((finding) => finding.inBaseline === true)).toBe(true);

    const again = await auditWithBaseline();
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`baseline ${baselineFile}: 0 new finding(s), ${written.findings.length} in the baseline\n`);
  });

  it('fails only because of a newly added risky container, and shows the baseline findings marked', async () => {
    await engine.docker('create', '--network', 'none', '--name', 'new-sock', '-v', `${engine.socket}:/var/run/docker.sock`, IMAGE, 'sleep', '3600');
    try {
      const result = await auditWithBaseline();
      expect(result.code).toBe(1);
      const added = result.report.findings.filter((finding) => finding.container?.name === 'new-sock');
      expect(added.some((finding) => finding.ruleId === 'docker-socket-mount' && finding.severity === 'critical')).toBe(true);
      expect(newFindings(result.report).sort()).toEqual(added.map((finding) => `new-sock ${finding.ruleId}`).sort());
      const old = result.report.findings.filter((finding) => finding.container?.name !== 'new-sock');
      expect(old.length).toBeGreaterThan(0);
      expect(old.every((finding) => finding.inBaseline === true)).toBe(true);

      // Its docker socket mount is critical, so even --fail-on critical fails.
      expect((await auditWithBaseline('--fail-on', 'critical')).code).toBe(1);
    } finally {
      await engine.docker('rm', '-f', 'new-sock');
    }
  });

  it('passes again once the new container is removed', async () => {
    const result = await auditWithBaseline();
    expect(result.code).toBe(0);
    expect(newFindings(result.report)).toEqual([]);
  });

  it('still matches a baselined container re-created under a new id (and a new tag of the same image)', async () => {
    const before = await engine.docker('inspect', '-f', '{{.Id}}', 'old-etc');
    await engine.docker('rm', '-f', 'old-etc');
    await engine.docker('tag', IMAGE, 'local/busybox:2');
    await engine.docker('run', '-d', '--network', 'none', ...ETC_RW.slice(0, -3), 'local/busybox:2', 'sleep', '3600');
    const after = await engine.docker('inspect', '-f', '{{.Id}}', 'old-etc');
    expect(after).not.toBe(before);
    const result = await auditWithBaseline();
    expect(result.report.containers.find((container) => container.name === 'old-etc')).toMatchObject({ id: after, image: 'local/busybox:2' });
    expect(newFindings(result.report)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('refuses bad baseline options before auditing (exit 2)', async () => {
    const lone = await harden(['audit', '-H', engine.host, '--update-baseline']);
    expect(lone).toMatchObject({ code: 2, stdout: '', stderr: 'harden: --update-baseline needs --baseline FILE (the file to write)\n' });
    const missing = join(work, 'missing.json');
    // An unreachable engine would be exit 3: exit 2 shows the baseline was read first.
    const result = await harden(['audit', '-H', 'unix:///nonexistent/docker.sock', '--baseline', missing]);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `harden: ${missing}: cannot read baseline (no such file); create it with --update-baseline\n`,
    });
  });
});
