// Reads what `docker inspect` prints: an array of containers, or a single object
// (one `GET /containers/{id}/json` response saved to a file).
import { InspectError } from './inspect-error.js';
import { findJsonSyntaxProblem } from './json-syntax.js';

/**
 * Parses an inspect document into one raw value per container; `fromInspect` validates each.
 * @param file the path shown in error messages (`-` for stdin).
 */
export function parseInspectDocument(text: string, file: string): unknown[] {
  // Files saved on Windows often start with a byte order mark, which JSON.parse rejects.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (isBlank(json)) throw new InspectError({ file }, 'is empty; expected docker inspect output (a JSON array of containers)');
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    const problem = findJsonSyntaxProblem(json);
    if (problem === null) throw new InspectError({ file }, `invalid JSON: ${(error as Error).message}`);
    throw new InspectError({ file }, `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.problem}`);
  }
  if (Array.isArray(document)) return document;
  if (typeof document === 'object' && document !== null) return [document];
  throw new InspectError({ file }, 'must be a JSON array of containers (docker inspect output) or a single container object');
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') return false;
  }
  return true;
}
