import type { CheckListRow } from '../policy/list.js';

/**
 * Renders `harden policy list`. The markdown form is what the README's check
 * reference is generated from, so docs and registry cannot drift apart.
 */
export function renderCheckList(rows: CheckListRow[], format: 'table' | 'json' | 'markdown'): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'markdown') {
    const lines = ['| check | severity | CIS | PSS | what it asserts | fix (`docker run` / compose) |', '|---|---|---|---|---|---|'];
    for (const row of rows) {
      const cells = [`\`${row.id}\``, row.severity, row.cis ?? '', row.pss ?? '', row.title, `${row.fix.run}; compose: ${row.fix.compose}`];
      lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    }
    return `${lines.join('\n')}\n`;
  }
  const header = ['ID', 'SEVERITY', 'ENABLED', 'CIS', 'PSS', 'TITLE'];
  const table = rows.map((r) => [r.id, r.severity, r.enabled === null ? '-' : r.enabled ? 'yes' : 'no', r.cis ?? '-', r.pss ?? '-', r.title]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((cells) => (cells[i] ?? '').length)));
  const format1 = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return `${[format1(header), ...table.map(format1)].join('\n')}\n`;
}
