// A hand-built AuditReport for reporter tests: findings at every severity, a waived
// finding, expired and unmatched waivers, a skipped container, a clean container,
// and container-derived strings that try to become markup or terminal commands.
import { SEVERITIES } from '../../src/policy/types.js';
import type { Finding, Severity } from '../../src/policy/types.js';
import type { AuditedContainer, AuditReport, RuleInfo } from '../../src/report/types.js';

export const HOSTILE_NAME = 'x<img src=x onerror=alert(1)>';
export const HOSTILE_PATH = '/etc/x<img src=x onerror=alert(1)>';
export const HOSTILE_IMAGE = `evil"&'<>`;
export const HOSTILE_LABEL = 'a]]>b\u0001c';
/** Clears the screen, sets the window title, then forges a new output line. */
export const TERMINAL_NAME = 'term\u001b[2J\u001b]0;pwned\u0007\r\nCRITICAL  fake';

const id = (digit: string) => digit.repeat(64);

export const containers: AuditedContainer[] = [
  { id: id('a'), name: 'web', image: 'registry.example:5000/team/web:1.2', state: 'running' },
  { id: id('b'), name: HOSTILE_NAME, image: HOSTILE_IMAGE, state: 'running' },
  { id: id('c'), name: 'db', image: 'postgres:16@sha256:' + 'f'.repeat(64), state: 'exited' },
  { id: id('d'), name: TERMINAL_NAME, image: 'local/busybox:1', state: 'created' },
  { id: id('e'), name: 'clean', image: 'local/busybox:1', state: 'running' },
];

const rule = (id: string, severity: Severity, refs: RuleInfo['refs'], title: string): RuleInfo => ({
  id,
  title,
  description: `${title}: explained for reviewers.`,
  severity,
  refs,
  remediation: { run: `remove the flag behind ${id}`, compose: `set the key behind ${id}` },
});

export const rules: RuleInfo[] = [
  rule('no-privileged', 'critical', { cis: '5.5', pss: 'baseline/privileged' }, 'Containers do not run privileged'),
  rule('sensitive-host-mount', 'high', { cis: '5.6' }, 'Sensitive host paths are not mounted'),
  rule('no-host-network', 'high', { cis: '5.10', pss: 'baseline/host-namespaces' }, 'Containers do not share the host network'),
  rule('no-new-privileges', 'medium', { cis: '5.26' }, 'Containers set no-new-privileges'),
  rule('memory-limit', 'low', { cis: '5.11' }, 'Containers have a memory limit'),
  rule('healthcheck', 'info', { cis: '5.27' }, 'Containers define a health check'),
];

function finding(container: AuditedContainer, ruleId: string, severity: Severity, message: string, evidence: Finding['evidence']): Finding {
  return {
    ruleId,
    severity,
    container: { id: container.id, name: container.name },
    message,
    evidence,
    remediation: { run: `docker run: fix ${ruleId}`, compose: `compose: fix ${ruleId}` },
    waived: false,
  };
}

const [web, hostile, db, terminal] = containers as [AuditedContainer, AuditedContainer, AuditedContainer, AuditedContainer];

export const findings: Finding[] = [
  finding(web, 'no-privileged', 'critical', 'runs privileged', { privileged: true }),
  finding(web, 'no-new-privileges', 'medium', 'does not set no-new-privileges', { noNewPrivileges: false }),
  finding(web, 'healthcheck', 'info', 'defines no health check', { healthcheck: null }),
  finding(hostile, 'sensitive-host-mount', 'high', `mounts host path ${HOSTILE_PATH} read-write at /host`, {
    hostPath: HOSTILE_PATH,
    destination: '/host',
    readOnly: false,
    labels: { note: HOSTILE_LABEL },
  }),
  finding(hostile, 'sensitive-host-mount', 'high', 'mounts host path /var/run read-write at /run', {
    hostPath: '/var/run',
    destination: '/run',
    readOnly: false,
  }),
  finding(hostile, 'memory-limit', 'low', 'has no memory limit', { memoryBytes: 0 }),
  {
    ...finding(db, 'no-host-network', 'high', 'shares the host network namespace', { network: 'host' }),
    waived: true,
    waiver: { reason: 'legacy <replication> needs it', owner: 'dba-team', expires: '2099-12-31' },
  },
  finding(terminal, 'no-new-privileges', 'medium', 'does not set no-new-privileges', { noNewPrivileges: false }),
];

export function summarize(report: Omit<AuditReport, 'summary'>): AuditReport['summary'] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let waived = 0;
  for (const item of report.findings) {
    if (item.waived) waived += 1;
    else bySeverity[item.severity] += 1;
  }
  return { containers: report.containers.length, findings: report.findings.length - waived, waived, bySeverity };
}

export function buildReport(overrides: Partial<AuditReport> = {}): AuditReport {
  const base: Omit<AuditReport, 'summary'> = {
    tool: { name: 'harden', version: '0.1.0' },
    target: { kind: 'engine', host: 'unix:///var/run/docker.sock', engineVersion: '20.10.24', apiVersion: '1.41' },
    generatedAt: '2025-06-01T12:00:00.000Z',
    policies: ['policies/default.yaml', 'policies/team.yaml'],
    failOn: 'high',
    containers,
    skipped: [{ id: id('9'), name: 'gone-away', reason: 'removed before it could be inspected (404)' }],
    findings,
    rules,
    waivers: {
      expired: [
        {
          check: 'no-privileged',
          container: 'legacy-<b>app</b>',
          reason: 'vendor appliance',
          owner: 'ops',
          expires: '2024-01-31',
          policy: 'policies/team.yaml',
        },
      ],
      unmatched: [
        { check: 'memory-limit', image: 'old/thing', reason: 'batch job', owner: 'data', expires: '2099-01-01', policy: 'policies/team.yaml' },
      ],
    },
    ...overrides,
  };
  return { ...base, summary: overrides.summary ?? summarize(base) };
}

/** A report at benchmark scale: `containerCount` containers with `perContainer` findings each. */
export function buildLargeReport(containerCount: number, perContainer: number): AuditReport {
  const many: AuditedContainer[] = [];
  const manyFindings: Finding[] = [];
  for (let index = 0; index < containerCount; index += 1) {
    const container: AuditedContainer = {
      id: index.toString(16).padStart(64, '0'),
      name: `svc-${index}`,
      image: `app/svc-${index % 50}:1.${index % 7}`,
      state: 'running',
    };
    many.push(container);
    for (let item = 0; item < perContainer; item += 1) {
      const ruleInfo = rules[item % rules.length] as RuleInfo;
      manyFindings.push(
        finding(container, ruleInfo.id, ruleInfo.severity, `problem ${item} of ${container.name}`, {
          hostPath: `/srv/data/${item}`,
          readOnly: item % 2 === 0,
        }),
      );
    }
  }
  return buildReport({ containers: many, findings: manyFindings, skipped: [] });
}

// Fields whose values are enums the reporters branch on; every other string is fair game.
const ENUM_KEYS = new Set(['severity', 'failOn', 'kind']);

/**
 * The report with `marker` appended to every free-text string (names, ids, images,
 * messages, evidence, remediation, waivers, policies...), to prove that no field
 * reaches the output unescaped, whichever template line prints it.
 */
export function poisonReport(report: AuditReport, marker: string): AuditReport {
  const poison = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return ENUM_KEYS.has(key) ? value : `${value}${marker}`;
    if (Array.isArray(value)) return value.map((item) => poison(item, key));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, poison(item, name)]));
    }
    return value;
  };
  return poison(report, '') as AuditReport;
}

/** Lines of the findings `buildLocatedReport` places in a file, by rule id. */
export const LOCATED_LINES: Readonly<Record<string, number>> = {
  // web: critical, fails the audit.
  'no-privileged': 14,
  // web: info, below the failure threshold (a passing JUnit case with system-out).
  healthcheck: 9,
  // db: the waived finding.
  'no-host-network': 30,
};

/**
 * The fixture as if web and db came from `file` (a compose file): three findings carry a
 * location, the others (hostile and terminal containers) none, as a live audit's would.
 */
export function buildLocatedReport(file = 'compose.yaml'): AuditReport {
  const report = buildReport();
  return {
    ...report,
    findings: report.findings.map((item) => {
      const line = LOCATED_LINES[item.ruleId];
      return line === undefined ? item : { ...item, location: { file, line } };
    }),
  };
}

/**
 * File names a user's argument could carry, and the one display line every format shows
 * (before its own escaping): terminal sequences, line breaks and bidi overrides gone.
 */
export const LOCATION_PATHS: readonly { label: string; file: string; shown: string }[] = [
  { label: 'a plain path', file: 'deploy/compose.yaml', shown: 'deploy/compose.yaml' },
  { label: 'Markdown and HTML syntax', file: 'a|b*<img src=x>.yaml', shown: 'a|b*<img src=x>.yaml' },
  { label: 'quotes, backticks, brackets and entities', file: `x\`[y](z)&amp;_~#!"'.yaml`, shown: `x\`[y](z)&amp;_~#!"'.yaml` },
  { label: 'ANSI sequences', file: 'evil\u001b[2J\u001b]0;pwned\u0007.yaml', shown: 'evil.yaml' },
  { label: 'a forged output line', file: 'x\r\nCRITICAL  fake.yaml', shown: 'x CRITICAL  fake.yaml' },
  { label: 'a bidi override and a C1 control', file: 'k8s/\u202elmay\u009b.yaml', shown: 'k8s/lmay.yaml' },
];
