// `harden audit FILE...` as a user runs it (the built CLI): JSON and SARIF carry the
// real file locations, the table, Markdown, HTML and JUnit show them as file:line, bad
// input exits 2 with one line naming file:line:column.
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

/** `container rule file:line` of each finding, sorted: one comparison checks every location of a report. */
const placesOf = (report: AuditReport) =>
  report.findings.map((f) => `${f.container?.name} ${f.ruleId} ${f.location?.file}:${f.location?.line}`).sort();
/** Markdown and HTML text back to what was escaped (names, rule ids and paths of this fixture only). */
const unescapeMarkdown = (text: string) => text.replace(/\\(.)/g, '$1');
const unescapeHtml = (text: string) => text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

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

  it('shows file:line for every finding in the table, Markdown, HTML and JUnit output, as the JSON locates it', async () => {
    const [json, table, markdown, html, junit] = await Promise.all(
      ['json', 'table', 'markdown', 'html', 'junit'].map((format) => harden(['audit', COMPOSE, '-f', format], { cwd: ROOT })),
    );
    for (const result of [json, table, markdown, html, junit]) expect([result?.code, result?.stderr]).toEqual([1, '']);
    const report = JSON.parse(json?.stdout ?? '') as AuditReport;
    expect(report.findings.length).toBeGreaterThan(10);
    expect(report.findings.every((f) => f.location?.file === COMPOSE && !f.waived)).toBe(true);
    const expected = placesOf(report);
    const privilegedLine = markerLine(`${FIXTURES}compose-all.yaml`, 'risky-privileged');
    const socketLine = markerLine(`${FIXTURES}compose-all.yaml`, 'mounts-socket');
    expect(expected).toContain(`risky no-privileged ${COMPOSE}:${privilegedLine}`);
    expect(expected).toContain(`mounts docker-socket-mount ${COMPOSE}:${socketLine}`);

    // Table: SEVERITY  LOCATION  CONTAINER  RULE  MESSAGE, one line per finding.
    const rows = (table?.stdout ?? '').split('\n').filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line));
    const tableCells = rows.map((row) => row.split(/ {2,}/));
    expect(tableCells.map(([, location, container, rule]) => `${container} ${rule} ${location}`).sort()).toEqual(expected);
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^CRITICAL {2}${COMPOSE}:${privilegedLine} +risky +no-privileged `)));
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^CRITICAL {2}${COMPOSE}:${socketLine} +mounts +docker-socket-mount `)));

    // Markdown: a `### container` section per container, a Location line under each finding.
    const findingsSection = (markdown?.stdout ?? '').split('\n## Findings\n')[1]?.split('\n## Waived findings\n')[0] ?? '';
    const markdownPlaces = findingsSection.split(/^### /m).slice(1).flatMap((section) => {
      const container = unescapeMarkdown(section.split('\n')[0] ?? '');
      return [...section.matchAll(/^- \*\*[A-Z]+\*\* (\S+): .*\n {2}- Location: (.*)$/gm)].map(
        ([, rule = '', location = '']) => `${container} ${unescapeMarkdown(rule)} ${unescapeMarkdown(location)}`,
      );
    });
    expect(markdownPlaces.sort()).toEqual(expected);

    // HTML: a details block per container, the location under each finding's message.
    const htmlFindings = (html?.stdout ?? '').split('<h2 id="findings">')[1]?.split('<h2 id="waived">')[0] ?? '';
    const htmlPlaces = htmlFindings.split('<details class="container" open>').slice(1).flatMap((block) => {
      const container = unescapeHtml(/<summary><h3>([^<]*)<\/h3>/.exec(block)?.[1] ?? '');
      return [...block.matchAll(/<td><code>([^<]+)<\/code><br>[\s\S]*?<td>[^<]*<br><code class="location">([^<]+)<\/code><\/td>/g)].map(
        ([, rule = '', location = '']) => `${container} ${unescapeHtml(rule)} ${unescapeHtml(location)}`,
      );
    });
    expect(htmlPlaces.sort()).toEqual(expected);

    // JUnit: file and line attributes on each finding's testcase, and a Location line in its text.
    const xml = junit?.stdout ?? '';
    const junitPlaces = [...xml.matchAll(/<testcase classname="([^"]+)" name="([^":]+): [^"]*" time="0" file="([^"]+)" line="(\d+)">/g)].map(
      ([, container, rule, file, line]) => `${unescapeHtml(container ?? '')} ${rule} ${unescapeHtml(file ?? '')}:${line}`,
    );
    expect(junitPlaces.sort()).toEqual(expected);
    const locationLines = [...xml.matchAll(/\nLocation: ([^\n]+)\n/g)].map(([, location]) => location);
    expect(locationLines.sort()).toEqual(report.findings.map((f) => `${f.location?.file}:${f.location?.line}`).sort());
  });
});

describe('two files with a service of the same name', () => {
  it('are two JUnit suites with two names, so CI keeps both', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'harden-junit-names-'));
    for (const file of ['a.yaml', 'b.yaml']) writeFileSync(join(dir, file), 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n');
    const result = await harden(['audit', 'a.yaml', 'b.yaml', '-f', 'junit', '-o', 'report.xml'], { cwd: dir });
    expect(result.code).toBe(1);
    const names = execFileSync('xmllint', ['--xpath', '//testsuite/@name', join(dir, 'report.xml')], { encoding: 'utf8' }).trim().split(/\s+/);
    expect(names).toEqual(['name="a.yaml#services/web"', 'name="b.yaml#services/web"']);
  });
});
