// Shared by the file-input tests: fixture paths, `# L:name` marker lookup, and audits.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../../src/audit/run-audit.js';
import type { AuditReport } from '../../src/report/types.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const RESTRICTED = fileURLToPath(new URL('../../policies/restricted.yaml', import.meta.url));

/** The 1-based line of the one line carrying `# L:<name>`. */
export function markerLine(file: string, name: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = lines.flatMap((line, index) => (new RegExp(`# L:${name}(\\s|$)`).test(line) ? [index + 1] : []));
  if (found.length !== 1) throw new Error(`marker L:${name} appears ${found.length} times in ${file}`);
  return found[0] as number;
}

export function auditFiles(paths: string[], policies: string[] = [RESTRICTED]): Promise<AuditReport> {
  return runAudit({ source: { kind: 'files', paths }, runningOnly: false, policies, failOn: 'high', today: '2025-01-01' });
}

/** `container rule line` per finding, sorted: one string compares every location at once. */
export function locationRows(report: AuditReport): string[] {
  return report.findings.map((f) => `${f.container?.name} ${f.ruleId} ${f.location?.line ?? 'none'}`).sort();
}

/** Rows from a table of [container, rule, marker]. */
export function expectedRows(file: string, table: [string, string, string][]): string[] {
  return table.map(([container, rule, marker]) => `${container} ${rule} ${markerLine(file, marker)}`).sort();
}
