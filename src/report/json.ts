// JSON report (`--format json`): the AuditReport contract itself, nothing added or
// reshaped, so scripts can rely on src/report/types.ts.
import type { AuditReport } from './types.js';

export function render(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Findings per piece: enough that the per-call overhead vanishes, few enough that a piece
 * (~65 KB) stays below V8's large-object size, whose fresh pages made it 50% slower.
 */
const FINDINGS_PER_PIECE = 100;
const FINDINGS_KEY = '\n  "findings": [';
const FINDINGS_PIECE_START = `{${FINDINGS_KEY}\n`;
const FINDINGS_PIECE_END = '\n  ]\n}';

/**
 * The exact text of render(), in pieces whose concatenation is byte-identical, produced
 * as they are consumed. 10,000 containers give ~75,000 findings and a ~50 MB report:
 * holding it as one string (or all its pieces), then one Buffer of it for the write,
 * cost more in allocation and garbage collection than the stringify itself.
 *
 * Each piece of findings is stringified wrapped as `{ findings: [...] }`, which puts the
 * items at the same depth (same indentation) as in the full report; the wrapper is cut off.
 */
export function* renderPieces(report: AuditReport): Generator<string, void, undefined> {
  const { findings } = report;
  if (findings.length === 0) {
    yield render(report);
    return;
  }
  // Spreading keeps the key order; only the findings value is replaced.
  const outline = JSON.stringify({ ...report, findings: [] }, null, 2);
  // A literal newline cannot occur inside a JSON string, so this only matches the top-level key.
  const split = outline.indexOf(`${FINDINGS_KEY}]`);
  yield `${outline.slice(0, split + FINDINGS_KEY.length)}\n`;
  for (let from = 0; from < findings.length; from += FINDINGS_PER_PIECE) {
    const text = JSON.stringify({ findings: findings.slice(from, from + FINDINGS_PER_PIECE) }, null, 2);
    const items = text.slice(FINDINGS_PIECE_START.length, text.length - FINDINGS_PIECE_END.length);
    yield from === 0 ? items : `,\n${items}`;
  }
  yield `\n  ]${outline.slice(split + FINDINGS_KEY.length + 1)}\n`;
}
