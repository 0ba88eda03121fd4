// Renders a TlsVerifyReport: one line per probe for people, JSON for scripts.
import type { TlsVerifyReport } from './verify.js';

const STATUS_LABELS = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

export function renderVerifyReport(report: TlsVerifyReport, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const lines = [`${report.host} (${report.origin}), negotiated ${report.tlsVersion ?? 'no TLS version'}`, ''];
  for (const probe of report.probes) {
    lines.push(`  ${STATUS_LABELS[probe.status]}  ${probe.title}: ${probe.detail}`);
    if (probe.fix !== null) lines.push(`        fix: ${probe.fix}`);
  }
  const passed = report.probes.filter((p) => p.status === 'pass').length;
  lines.push('', report.failed === 0 ? `All checks passed (${passed} passed, ${report.warnings} warnings).` : `${report.failed} failed, ${report.warnings} warnings, ${passed} passed.`);
  return `${lines.join('\n')}\n`;
}
