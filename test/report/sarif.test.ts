import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/policy/types.js';
import type { Finding, Severity } from '../../src/policy/types.js';
import { FINGERPRINT_KEY, render } from '../../src/report/sarif.js';
import type { AuditReport } from '../../src/report/types.js';
import { buildReport, HOSTILE_NAME, HOSTILE_PATH, poisonReport } from './fixture.js';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: { name: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: unknown;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

function parse(report: AuditReport, informationUri?: string): SarifLog {
  return JSON.parse(render(report, informationUri ? { informationUri } : {})) as SarifLog;
}

function onlyRun(log: SarifLog) {
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!;
}

// GitHub's security-severity bands.
const BANDS: Record<Severity, [number, number]> = {
  critical: [9.0, 10.0],
  high: [7.0, 8.9],
  medium: [4.0, 6.9],
  low: [0.1, 3.9],
  info: [0.1, 3.9],
};
const LEVELS: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

describe('sarif report', () => {
  it('has the SARIF 2.1.0 envelope GitHub expects', () => {
    const log = parse(buildReport(), 'https://example.org/harden');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const { driver } = onlyRun(log).tool;
    expect(driver).toMatchObject({ name: 'harden', version: '0.1.0', informationUri: 'https://example.org/harden' });
  });

  it('describes every rule with help, level, tags and a security-severity string in its band', () => {
    const report = buildReport();
    const { rules } = onlyRun(parse(report)).tool.driver;
    expect(rules.map((rule) => rule.id)).toEqual(report.rules.map((rule) => rule.id));
    for (const rule of rules) {
      const info = report.rules.find((candidate) => candidate.id === rule.id)!;
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.shortDescription.text).toBe(info.title);
      expect(rule.fullDescription.text).toBe(info.description);
      expect(rule.help.text).toContain(info.remediation.run);
      expect(rule.help.text).toContain(info.remediation.compose);
      expect(rule.help.markdown).toContain('`docker run`');
      expect(rule.help.markdown).toContain('Compose:');
      expect(rule.defaultConfiguration.level).toBe(LEVELS[info.severity]);
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags).toContain(`external/cis-docker/${info.refs.cis}`);
      if (info.refs.pss) expect(rule.properties.tags).toContain(`external/pss/${info.refs.pss}`);
      const score = rule.properties['security-severity'];
      expect(typeof score).toBe('string');
      const [low, high] = BANDS[info.severity];
      expect(Number(score)).toBeGreaterThanOrEqual(low);
      expect(Number(score)).toBeLessThanOrEqual(high);
    }
    expect(SEVERITIES.every((severity) => rules.some((rule) => report.rules.find((r) => r.id === rule.id)?.severity === severity))).toBe(true);
  });

  it('emits one located, fingerprinted result per unwaived finding and leaves waived ones out', () => {
    const report = buildReport();
    const run = onlyRun(parse(report));
    const unwaived = report.findings.filter((finding) => !finding.waived);
    expect(run.results).toHaveLength(unwaived.length);
    expect(run.results.some((result) => result.ruleId === 'no-host-network')).toBe(false);
    run.results.forEach((result, index) => {
      const finding = unwaived[index]!;
      expect(result.ruleId).toBe(finding.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.level).toBe(LEVELS[finding.severity]);
      expect(result.suppressions).toBeUndefined();
      expect(result.locations.length).toBeGreaterThanOrEqual(1);
      const [location] = result.locations;
      expect(location!.physicalLocation.artifactLocation.uri).toMatch(/^docker\/containers\/\S+$/);
      expect(location!.physicalLocation.region.startLine).toBe(1);
      expect(location!.logicalLocations[0]).toEqual(expect.objectContaining({ name: finding.container.name, kind: 'resource' }));
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    });
    const fingerprints = run.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('keeps hostile container data as unchanged message text in valid JSON', () => {
    const run = onlyRun(parse(buildReport()));
    const texts = run.results.map((result) => result.message.text);
    expect(texts).toContain(`Container "${HOSTILE_NAME}": mounts host path ${HOSTILE_PATH} read-write at /host`);
    const hostile = run.results.find((result) => result.message.text.includes(HOSTILE_PATH))!;
    expect(hostile.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'docker/containers/x%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    );
  });

  it('escapes brackets in message text so viewers cannot read them as embedded links', () => {
    const report = buildReport();
    const findings: Finding[] = [{ ...report.findings[0]!, message: 'mounts [docs](1)' }];
    const [result] = onlyRun(parse(buildReport({ findings }))).results;
    expect(result!.message.text).toBe('Container "web": mounts \\[docs\\](1)');
  });

  it('keeps fingerprints stable across re-created containers and reworded messages', () => {
    const first = buildReport();
    const recreated = buildReport({
      containers: first.containers.map((container) => ({ ...container, id: `1${container.id.slice(1)}` })),
      findings: first.findings.map((finding) => ({
        ...finding,
        container: { ...finding.container, id: `1${finding.container.id.slice(1)}` },
        message: `${finding.message}, reworded`,
        evidence: Object.fromEntries(Object.entries(finding.evidence).reverse()),
      })),
    });
    const fingerprints = (report: AuditReport) =>
      onlyRun(parse(report)).results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    expect(fingerprints(recreated)).toEqual(fingerprints(first));

    const retagged = buildReport({
      containers: first.containers.map((container) => ({ ...container, image: container.image.replace('web:1.2', 'web:1.3') })),
    });
    expect(fingerprints(retagged)).toEqual(fingerprints(first));
    const redigested = buildReport({
      containers: first.containers.map((container) => ({ ...container, image: container.image.replace('web:1.2', `web:1.2@sha256:${'a'.repeat(64)}`) })),
    });
    expect(fingerprints(redigested)).toEqual(fingerprints(first));

    const joinedTo = (target: string) =>
      buildReport({ findings: [{ ...first.findings[0]!, evidence: { pid: `container:${target}` } }] });
    expect(fingerprints(joinedTo('1'.repeat(64)))).toEqual(fingerprints(joinedTo('2'.repeat(64))));
    expect(fingerprints(joinedTo('db'))).not.toEqual(fingerprints(joinedTo('web')));

    const otherImage = buildReport({
      containers: first.containers.map((container) => ({ ...container, image: container.image.replace('team/web', 'team/api') })),
    });
    expect(fingerprints(otherImage)[0]).not.toBe(fingerprints(first)[0]);
  });

  it('points file-based targets at the real file', () => {
    const uriFor = (kind: AuditReport['target']['kind'], host: string) => {
      const report = buildReport({ target: { kind, host, engineVersion: null, apiVersion: null } });
      return onlyRun(parse(report)).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    };
    expect(uriFor('compose', './deploy/compose.yaml')).toBe('deploy/compose.yaml');
    expect(uriFor('kubernetes', 'k8s/my app.yaml')).toBe('k8s/my%20app.yaml');
    expect(uriFor('inspect-file', '/tmp/inspect.json')).toBe('file:///tmp/inspect.json');
    expect(uriFor('inspect-file', '-')).toBe('docker/containers/web');
    expect(uriFor('engine', 'tcp://host:2376')).toBe('docker/containers/web');
  });

  it('describes a rule the report does not list, so ruleIndex always resolves', () => {
    const report = buildReport();
    const custom: Finding = { ...report.findings[0]!, ruleId: 'org-no-latest-tag', severity: 'low' };
    const run = onlyRun(parse(buildReport({ findings: [custom] })));
    const rule = run.tool.driver.rules[run.results[0]!.ruleIndex]!;
    expect(rule.id).toBe('org-no-latest-tag');
    expect(rule.properties['security-severity']).toBe('3.0');
  });

  it('carries any report string through as JSON data', () => {
    const marker = `<img src=x onerror=alert(1)>"'&\\`;
    const run = onlyRun(parse(poisonReport(buildReport(), marker)));
    expect(run.results[0]!.message.text).toBe(`Container "web${marker}": runs privileged${marker}`);
    expect(run.results[0]!.ruleId).toBe(`no-privileged${marker}`);
    expect(run.tool.driver.rules[run.results[0]!.ruleIndex]!.id).toBe(`no-privileged${marker}`);
  });
});
