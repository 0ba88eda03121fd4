// Shared by the `harden report` tests: reading a reports folder as a user would,
// and the risky container with hostile strings both the engine and browser tests add.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { TestEngine } from '../helpers/engine.js';
import type { AuditReport } from '../../src/report/types.js';

export const RUN_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z(-\d+)?$/;
export const RUN_FILES = ['report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif'];

/** Strings a container can carry into the reports; none may become markup. */
export const HOSTILE_MOUNT = '/etc/x<img src=x onerror=alert(1)>';
export const HOSTILE_LABEL = '<script>alert(1)</script>';
export const HOSTILE_SELINUX_TYPE = '<script>window.__pwned=1</script>';

/** Run folders, oldest first (names sort by time). */
export function runFolders(outDir: string): string[] {
  return readdirSync(outDir)
    .filter((name) => RUN_NAME.test(name))
    .sort();
}

export function readRun(outDir: string, run: string): AuditReport {
  return JSON.parse(readFileSync(join(outDir, run, 'report.json'), 'utf8')) as AuditReport;
}

export function latestTarget(outDir: string): string {
  return readlinkSync(join(outDir, 'latest'));
}

/**
 * Created, not started: --cap-add SYS_ADMIN (high), /etc mounted at a destination
 * holding an <img> tag, a <script> label and a custom SELinux type holding a script.
 */
export async function addRiskyContainer(engine: TestEngine, name: string): Promise<void> {
  await engine.docker(
    'create', '--name', name, '--network', 'none', '--cap-add', 'SYS_ADMIN',
    '-v', `/etc:${HOSTILE_MOUNT}:ro`,
    '--label', `note=${HOSTILE_LABEL}`,
    '--security-opt', `label=type:${HOSTILE_SELINUX_TYPE}`,
    'local/busybox:1', 'sleep', '3600',
  );
}

/** Open findings of one container in a report: rule ids, sorted. */
export function openRuleIds(report: AuditReport, containerName: string): string[] {
  return report.findings
    .filter((finding) => !finding.waived && finding.container?.name === containerName)
    .map((finding) => finding.ruleId)
    .sort();
}
