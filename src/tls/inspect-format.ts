// Renders a TlsInspectReport: a readable list for people, JSON for scripts.
import { dayCount } from './inspect-cert-rules.js';
import type { TlsInspectReport } from './inspect-types.js';

const LAYOUT_NAMES: Record<TlsInspectReport['layout'], string> = {
  'tls-init': 'harden tls init layout',
  'client-bundle': 'client bundle (DOCKER_CERT_PATH)',
  directory: 'directory of PEM files',
  file: 'single file',
};

export function renderInspectReport(report: TlsInspectReport, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const lines = [`${report.path}: ${LAYOUT_NAMES[report.layout]}`];
  if (report.certificates.length > 0) {
    lines.push('', 'Certificates:');
    const width = Math.max(...report.certificates.map((c) => c.file.length));
    for (const cert of report.certificates) {
      const names = cert.subjectAltNames.length > 0 ? ` [${cert.subjectAltNames.join(', ')}]` : '';
      const left = cert.daysLeft < 0 ? `expired ${dayCount(-cert.daysLeft)} ago` : `${dayCount(cert.daysLeft)} left`;
      lines.push(`  ${cert.file.padEnd(width)}  ${(cert.role ?? 'leaf').padEnd(6)}  ${cert.subject}${names}  until ${cert.notAfter.slice(0, 10)} (${left})`);
    }
  }
  if (report.findings.length > 0) {
    lines.push('', 'Findings:');
    for (const finding of report.findings) {
      lines.push(`  ${finding.level === 'error' ? 'ERROR  ' : 'WARNING'}  ${finding.file}: ${finding.message}`, `           fix: ${finding.fix}`);
    }
  }
  lines.push('', summary(report));
  return `${lines.join('\n')}\n`;
}

function summary(report: TlsInspectReport): string {
  if (report.errors + report.warnings === 0) return 'No problems found.';
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}`;
}
