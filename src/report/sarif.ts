// SARIF 2.1.0 report (`--format sarif`) for GitHub code scanning and other SARIF viewers.
//
// Waived findings are left out rather than emitted with `suppressions`: GitHub may
// not honour suppressions, and an open alert for a finding the team has formally
// accepted would defeat the waiver. When a waiver expires the result comes back
// with the same fingerprint, so GitHub reopens the same alert. Waivers stay fully
// visible in the JSON, HTML, Markdown and JUnit reports.
import { createHash } from 'node:crypto';
import { isAbsolute, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, JsonValue, Severity } from '../policy/types.js';
import { parseImageRef } from '../spec/image-ref.js';
import { indexRules } from './findings.js';
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
    .map((finding) => toResult(finding, report.target, ruleIndex, imageByContainerId.get(finding.container.id) ?? ''));
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
  return {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: description },
    help: {
      text:
        `${description}\n\nFix with docker run: ${rule.remediation.run}\n` +
        `Fix in compose: ${rule.remediation.compose}${textReferences}`,
      markdown:
        `${escapeMarkdown(description)}\n\n**Remediation**\n\n` +
        `- \`docker run\`: ${escapeMarkdown(rule.remediation.run)}\n` +
        `- Compose: ${escapeMarkdown(rule.remediation.compose)}${markdownReferences}`,
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
  const tags = ['security', 'docker', 'container'];
  if (rule.refs.cis) tags.push(`external/cis-docker/${rule.refs.cis}`);
  if (rule.refs.pss) tags.push(`external/pss/${rule.refs.pss}`);
  return tags;
}

function toResult(finding: Finding, target: AuditTarget, ruleIndex: Map<string, number>, image: string) {
  const name = finding.container.name;
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: SARIF_LEVEL[finding.severity],
    message: { text: escapeSarifText(`Container "${name}": ${finding.message}`) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(target, name) }, region: { startLine: 1 } },
        logicalLocations: [{ name, fullyQualifiedName: `docker/containers/${name}`, kind: 'resource' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding, image) },
    // Remediation is in the rule's help; repeating it per result would only bloat large runs.
    properties: { severity: finding.severity, containerId: finding.container.id, image, evidence: finding.evidence },
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
  const fromFile = target.kind !== 'engine' && target.host !== '' && target.host !== '-';
  if (!fromFile) return containerPseudoUri(containerName);
  const path = target.host.replace(/\\/g, '/');
  if (isAbsolute(path)) return pathToFileURL(path).href;
  // Relative paths stay relative so code scanning can map them onto the repository.
  return posix.normalize(path).split('/').map(encodeURIComponent).join('/');
}

function containerPseudoUri(containerName: string): string {
  return `docker/containers/${encodeURIComponent(containerName)}`;
}

/**
 * Identifies "the same problem in the same container" across runs: rule, container
 * name, image repository (tag and digest dropped, since upgrades should not reopen
 * alerts) and the evidence. Never the container id (it changes when the container is
 * re-created) nor the message (free text that may change wording).
 */
export function findingFingerprint(finding: Finding, image: string): string {
  const repository = parseImageRef(image, null).repository;
  const parts = [finding.ruleId, finding.container.name, repository, evidenceKey(finding.evidence)];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

// Full ids inside evidence change on re-create or pull: a `container:<id>` namespace
// target, an image `sha256:<digest>`.
const FULL_ID = /\b[0-9a-f]{64}\b/g;

function evidenceKey(evidence: { [key: string]: JsonValue }): string {
  return JSON.stringify(sortKeys(evidence)).replace(FULL_ID, '<id>');
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key] ?? null);
  return sorted;
}

function toPascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
