// SARIF 2.1.0 report (`--format sarif`) for GitHub code scanning and other SARIF viewers.
//
// Waived findings are left out rather than emitted with `suppressions`: GitHub may
// not honour suppressions, and an open alert for a finding the team has formally
// accepted would defeat the waiver. When a waiver expires the result comes back
// with the same fingerprint, so GitHub reopens the same alert. Waivers stay fully
// visible in the JSON, HTML, Markdown and JUnit reports.
import { isAbsolute, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../policy/types.js';
import { findingIdentity } from './finding-identity.js';
import { indexRules } from './findings.js';
import { daemonLabel } from './hosts.js';
import { escapeMarkdown, removeControlCharacters } from './text.js';
import type { AuditReport, AuditTarget, RuleInfo } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Versioned, so a future change of what is hashed can use a new key instead of reopening every alert. */
export const FINGERPRINT_KEY = 'hardenFinding/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub's bands: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.1',
};

export interface SarifOptions {
  /** Project home page for `tool.driver.informationUri`; omitted when not given. */
  informationUri?: string;
}

export function render(report: AuditReport, options: SarifOptions = {}): string {
  const rules = [...indexRules(report).values()];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const imageByContainerId = new Map(report.containers.map((container) => [container.id, container.image]));
  const results = report.findings
    .filter((finding) => !finding.waived)
    .map((finding) => toResult(finding, report.target, ruleIndex, (finding.container && imageByContainerId.get(finding.container.id)) ?? ''));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: rules.map(toRule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: notifications(report),
          },
        ],
        results,
        properties: { targetKind: report.target.kind, failOn: report.failOn, waivedFindings: report.summary.waived },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toRule(rule: RuleInfo) {
  const description = rule.description || rule.title;
  const references = [
    rule.refs.cis ? `CIS Docker Benchmark ${rule.refs.cis}` : null,
    rule.refs.pss ? `Kubernetes Pod Security Standards ${rule.refs.pss}` : null,
  ].filter((reference) => reference !== null);
  const textReferences = references.length > 0 ? `\n\nReferences: ${references.join('; ')}.` : '';
  const markdownReferences =
    references.length > 0 ? `\n\nReferences: ${references.map(escapeMarkdown).join('; ')}.` : '';
  // A daemon rule's remediation names the dockerd flag (`run`) and the daemon.json key (`compose`).
  const [runLabel, composeLabel] = rule.scope === 'daemon' ? ['dockerd', 'daemon.json'] : ['docker run', 'compose'];
  return {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: description },
    help: {
      text:
        `${description}\n\nFix with ${runLabel}: ${rule.remediation.run}\n` +
        `Fix in ${composeLabel}: ${rule.remediation.compose}${textReferences}`,
      markdown:
        `${escapeMarkdown(description)}\n\n**Remediation**\n\n` +
        `- \`${runLabel}\`: ${escapeMarkdown(rule.remediation.run)}\n` +
        `- ${rule.scope === 'daemon' ? '`daemon.json`' : 'Compose'}: ${escapeMarkdown(rule.remediation.compose)}${markdownReferences}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ruleTags(rule),
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** `security` first (GitHub's filter), then CodeQL-style `external/...` references. */
function ruleTags(rule: RuleInfo): string[] {
  const tags = ['security', 'docker', rule.scope === 'daemon' ? 'daemon' : 'container'];
  if (rule.refs.cis) tags.push(`external/cis-docker/${rule.refs.cis}`);
  if (rule.refs.pss) tags.push(`external/pss/${rule.refs.pss}`);
  return tags;
}

function toResult(finding: Finding, target: AuditTarget, ruleIndex: Map<string, number>, image: string) {
  const container = finding.container;
  const name = container?.name ?? daemonLabel(finding.host);
  // A daemon finding is about the engine, never a file: a pseudo-path per engine.
  const daemonUri = container === undefined ? daemonPseudoUri(finding.host) : null;
  const subject = container === undefined ? `Daemon${finding.host ? ` "${finding.host}"` : ''}` : `Container "${name}"`;
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: SARIF_LEVEL[finding.severity],
    message: { text: escapeSarifText(`${subject}: ${finding.message}`) },
    locations: [
      {
        // Compose and manifest findings carry the line of the offending key.
        physicalLocation: finding.location
          ? { artifactLocation: { uri: fileUri(finding.location.file) }, region: { startLine: finding.location.line } }
          : { artifactLocation: { uri: daemonUri ?? artifactUri(target, name) }, region: { startLine: 1 } },
        logicalLocations: [{ name, fullyQualifiedName: daemonUri ?? `docker/containers/${name}`, kind: 'resource' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingIdentity(finding, image) },
    // SARIF's own word for `--baseline`: only set when the audit ran with one.
    ...(finding.inBaseline === undefined ? {} : { baselineState: finding.inBaseline ? 'unchanged' : 'new' }),
    // Remediation is in the rule's help; repeating it per result would only bloat large runs.
    properties: {
      severity: finding.severity,
      ...(container === undefined ? { scope: 'daemon' } : { containerId: container.id }),
      ...(finding.host === undefined ? {} : { host: finding.host }),
      image,
      evidence: finding.evidence,
    },
  };
}

function notifications(report: AuditReport) {
  return [
    ...report.skipped.map((skipped) => ({
      level: 'note',
      message: { text: escapeSarifText(`Container "${skipped.name}" was skipped: ${skipped.reason}`) },
    })),
    ...report.waivers.expired.map((waiver) => ({
      level: 'warning',
      message: { text: escapeSarifText(`Waiver for ${waiver.check} in ${waiver.policy} expired on ${waiver.expires}`) },
    })),
    ...report.waivers.unmatched.map((waiver) => ({
      level: 'warning',
      message: { text: escapeSarifText(`Waiver for ${waiver.check} in ${waiver.policy} matched no finding`) },
    })),
  ];
}

/** Control characters removed; brackets escaped as SARIF 3.11.6 requires outside embedded links. */
function escapeSarifText(text: string): string {
  return removeControlCharacters(text).replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

/**
 * Where GitHub shows the alert. File targets (inspect file, compose, manifest)
 * point at the real file; a live engine has no file, so each container gets a
 * stable pseudo-path that survives re-creating the container.
 */
function artifactUri(target: AuditTarget, containerName: string): string {
  const fromFile = target.kind !== 'engine' && target.kind !== 'fleet' && target.host !== '' && target.host !== '-';
  if (!fromFile) return containerPseudoUri(containerName);
  return fileUri(target.host);
}

function fileUri(file: string): string {
  const path = file.replace(/\\/g, '/');
  if (isAbsolute(path)) return pathToFileURL(path).href;
  // Relative paths stay relative so code scanning can map them onto the repository.
  return posix.normalize(path).split('/').map(encodeURIComponent).join('/');
}

/** `docker/daemon`, or `docker/hosts/web-1/daemon` in a fleet report. */
function daemonPseudoUri(host: string | undefined): string {
  return host === undefined ? 'docker/daemon' : `docker/hosts/${encodeURIComponent(host)}/daemon`;
}

function containerPseudoUri(containerName: string): string {
  return `docker/containers/${encodeURIComponent(containerName)}`;
}

function toPascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
