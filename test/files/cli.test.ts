// `harden audit FILE...` as a user runs it (the built CLI): JSON and SARIF carry the
// real file locations, bad input exits 2 with one line naming file:line:column.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import type { AuditReport } from '../../src/report/types.js';
import { markerLine, FIXTURES } from './support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMPOSE = 'test/files/fixtures/compose-all.yaml';
const MANIFEST = 'test/files/fixtures/k8s-all.yaml';

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  logicalLocations: { name: string }[];
}
interface SarifLog {
  runs: { results: { ruleId: string; locations: SarifLocation[]; partialFingerprints: Record<string, string> }[] }[];
}

describe('harden audit FILE...', () => {
  it('audits a compose file and a manifest together: JSON findings carry location, non-workloads are skipped', async () => {
    const result = await harden(['audit', COMPOSE, MANIFEST, '-f', 'json'], { cwd: ROOT });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.target).toEqual({ kind: 'files', host: `${COMPOSE}, ${MANIFEST}`, engineVersion: null, apiVersion: null });
    expect(report.summary.containers).toBe(17);
    expect(report.skipped.map((s) => s.name)).toEqual(['Service/web', 'ConfigMap/app']);
    const privileged = report.findings.find((f) => f.ruleId === 'no-privileged' && f.container?.name === 'DaemonSet/agent/agent');
    expect(privileged?.location).toEqual({ file: MANIFEST, line: markerLine(`${FIXTURES}k8s-all.yaml`, 'ds-agent-privileged') });
    const socket = report.findings.find((f) => f.ruleId === 'docker-socket-mount' && f.container?.name === 'mounts');
    expect(socket?.location).toEqual({ file: COMPOSE, line: markerLine(`${FIXTURES}compose-all.yaml`, 'mounts-socket') });
    expect(report.findings.every((f) => f.location !== undefined)).toBe(true);
  });

  it('puts SARIF results on the offending line of the file, relative to the working directory', async () => {
    const result = await harden(['audit', COMPOSE, MANIFEST, '-f', 'sarif', '-p', 'restricted'], { cwd: ROOT });
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as SarifLog;
    const results = sarif.runs[0]?.results ?? [];
    const at = (ruleId: string, container: string) =>
      results.filter((r) => r.ruleId === ruleId && r.locations[0]?.logicalLocations[0]?.name === container).map((r) => r.locations[0]?.physicalLocation);
    expect(at('host-pid', 'risky')).toEqual([{ artifactLocation: { uri: COMPOSE }, region: { startLine: markerLine(`${FIXTURES}compose-all.yaml`, 'risky-pid') } }]);
    expect(at('privileged-ports', 'Deployment/api/api')).toEqual([
      { artifactLocation: { uri: MANIFEST }, region: { startLine: markerLine(`${FIXTURES}k8s-all.yaml`, 'deploy-api-host-port') } },
    ]);
    const uris = new Set(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual([COMPOSE, MANIFEST]);
    expect(results.every((r) => (r.locations[0]?.physicalLocation.region.startLine ?? 0) > 1)).toBe(true);
  });

  it('exits 2 with one line naming file:line:column for invalid YAML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-files-cli-'));
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: "unterminated\n');
    const result = await harden(['audit', file, '-f', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^harden: ${file}:\\d+:\\d+: invalid YAML: [^\\n]+\\n$`));
  });

  it('exits 2 for an unknown compose key, and for FILE arguments with --from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-files-cli-'));
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: a:1\n    cap_ad: [SYS_ADMIN]\n');
    const unknown = await harden(['audit', file]);
    expect([unknown.code, unknown.stderr]).toEqual([2, `harden: ${file}:4: service "web": unknown key "cap_ad" (did you mean "cap_add"?)\n`]);
    const both = await harden(['audit', file, '--from', 'x.json']);
    expect([both.code, both.stderr]).toEqual([2, 'harden: use either FILE arguments or --from, not both\n']);
  });
});
