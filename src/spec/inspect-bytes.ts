// Inspect file bytes -> ContainerSpecs, for `--from`. A pretty-printed array (what
// `docker inspect`, jq and JSON.stringify print) is parsed one container at a time:
// each raw object dies young right after it is normalized, instead of a 65 MB string
// and the whole parsed tree staying alive (which made garbage collection the largest
// cost on 10,000 containers). Anything else, and every error, takes the whole-document
// path, so results and error messages are exactly those of parseInspectDocument.
import { isAscii } from 'node:buffer';
import type { ContainerSpec, SpecSource } from './types.js';
import { fromInspect, parseInspectDocument } from './from-inspect.js';

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Normalizes every container of an inspect document read as raw bytes (UTF-8). */
export function specsFromInspectBytes(bytes: Buffer, source: SpecSource): ContainerSpec[] {
  const specs = specsFromIndentedArray(bytes, source);
  if (specs !== null) return specs;
  const documents = parseInspectDocument(bytes.toString('utf8'), source.location);
  return documents.map((raw, index) => fromInspect(raw, { source, engineSocket: null, index }));
}

function isJsonWhitespace(byte: number | undefined): boolean {
  return byte === SPACE || byte === NEWLINE || byte === TAB || byte === 0x0d;
}

function skipWhitespace(bytes: Buffer, from: number): number {
  let at = from;
  while (isJsonWhitespace(bytes[at])) at++;
  return at;
}

/**
 * The newline and indentation in front of the first element's `{`: each element then
 * ends at the next newline with that same indentation followed by `}`. Null when the
 * elements do not start on their own line (minified JSON).
 */
function elementCloser(bytes: Buffer, elementStart: number): Buffer | null {
  let lineStart = elementStart;
  while (bytes[lineStart - 1] === SPACE || bytes[lineStart - 1] === TAB) lineStart--;
  if (bytes[lineStart - 1] !== NEWLINE) return null;
  return Buffer.concat([bytes.subarray(lineStart - 1, elementStart), Buffer.of(CLOSE_BRACE)]);
}

/**
 * Null when the document is not an indented array of objects, or when any part of it
 * fails (syntax or normalization): the caller then redoes it as a whole for the exact error.
 *
 * Why the split is exact: a literal newline cannot occur inside a JSON string, so the
 * closer is only ever found in whitespace between tokens; and a piece that JSON.parse
 * accepts on its own, starting with `{` and ending with `}`, is exactly one element.
 * Pieces separated by commas inside `[` `]` therefore parse to the same array.
 */
export function specsFromIndentedArray(bytes: Buffer, source: SpecSource): ContainerSpec[] | null {
  const hasBom = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
  const start = skipWhitespace(bytes, hasBom ? 3 : 0);
  if (bytes[start] !== OPEN_BRACKET) return null;
  let elementStart = skipWhitespace(bytes, start + 1);
  if (bytes[elementStart] !== OPEN_BRACE) return null;
  const closer = elementCloser(bytes, elementStart);
  if (closer === null) return null;
  // Pure ASCII decodes the same as Latin-1, which is a plain copy and much cheaper than UTF-8.
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  const specs: ContainerSpec[] = [];
  try {
    for (;;) {
      const closeAt = bytes.indexOf(closer, elementStart);
      if (closeAt < 0) return null;
      const elementEnd = closeAt + closer.length;
      const raw: unknown = JSON.parse(bytes.toString(encoding, elementStart, elementEnd));
      specs.push(fromInspect(raw, { source, engineSocket: null, index: specs.length }));
      const next = skipWhitespace(bytes, elementEnd);
      if (bytes[next] === CLOSE_BRACKET) return skipWhitespace(bytes, next + 1) === bytes.length ? specs : null;
      if (bytes[next] !== COMMA) return null;
      elementStart = skipWhitespace(bytes, next + 1);
      if (bytes[elementStart] !== OPEN_BRACE) return null;
    }
  } catch {
    return null;
  }
}
