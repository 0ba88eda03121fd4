// Parsing policy text with the `yaml` package, keeping positions for error messages.
// Kept apart from source.ts so that runs on built-in packs never load the parser.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { fromPointer, PolicyError } from './errors.js';
import type { PolicyFormat, PolicySource } from './source.js';

function positionLocator(document: Document, lineCounter: LineCounter): PolicySource['locate'] {
  return (pointer, at = 'value') => {
    const offset = offsetOf(document, fromPointer(pointer), at);
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

function offsetOf(document: Document, segments: readonly string[], at: 'key' | 'value'): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of segments.entries()) {
    let keyNode: unknown = null;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined) return offset;
      keyNode = pair.key;
      next = pair.value;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
    } else {
      return offset;
    }
    const keyOffset = rangeStart(keyNode);
    const wantKey = at === 'key' && index === segments.length - 1;
    offset = (wantKey ? keyOffset : rangeStart(next)) ?? keyOffset ?? offset;
    node = next;
  }
  return offset;
}

function rangeStart(node: unknown): number | null {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? range[0] : null;
}

/** Node's JSON.parse names a character offset (`at position 8`); turn it into a position. */
function jsonSyntaxError(file: string, text: string, error: Error): PolicyError {
  const match = /at position (\d+)/.exec(error.message);
  const offset = match ? Number(match[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] ?? '').length + 1;
  const reason = error.message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return new PolicyError({ file, line, column, pointer: null }, `invalid JSON: ${reason}`);
}

/** Parse policy text; syntax errors become one-line PolicyErrors at the offending position. */
export function parsePolicySource(text: string, file: string, format: PolicyFormat): PolicySource {
  const lineCounter = new LineCounter();
  // JSON goes through the YAML parser too: JSON is YAML 1.2, and that gives positions.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = positionLocator(document, lineCounter);
  if (format === 'json') {
    try {
      return { file, value: JSON.parse(text) as unknown, locate };
    } catch (error) {
      throw jsonSyntaxError(file, text, error as Error);
    }
  }
  const [syntaxError] = document.errors;
  if (syntaxError !== undefined) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    throw new PolicyError({ file, line, column: col, pointer: null }, `invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  }
  try {
    return { file, value: document.toJS({ maxAliasCount: 100 }) as unknown, locate };
  } catch (error) {
    throw new PolicyError({ file, line: 1, column: 1, pointer: null }, `invalid YAML: ${(error as Error).message}`);
  }
}
