import { isAbsolute, relative } from 'node:path';

/** Where a policy problem is: the file, and when known the position and the JSON pointer inside it. */
export interface PolicyErrorLocation {
  file: string;
  line: number | null;
  column: number | null;
  /** JSON pointer into the policy document (`''` is the whole document); null when the problem is not about one value. */
  pointer: string | null;
}

/**
 * A bad policy: one line, `file:line:col: /pointer: what was expected`,
 * so the CLI can print it as-is and editors can jump to it.
 */
export class PolicyError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly pointer: string | null;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(location: PolicyErrorLocation, detail: string) {
    super(formatPolicyProblem(location, detail));
    this.name = 'PolicyError';
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.pointer = location.pointer;
    this.detail = detail;
  }
}

function formatPolicyProblem(location: PolicyErrorLocation, detail: string): string {
  const position = location.line === null ? '' : `:${location.line}:${location.column ?? 1}`;
  // The whole document has the empty pointer; `/` reads better in a message.
  const pointer = location.pointer === null ? '' : `${location.pointer === '' ? '/' : location.pointer}: `;
  return `${location.file}${position}: ${pointer}${oneLine(detail)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A path as users should see it: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(absolutePath: string, cwd: string): string {
  const fromCwd = relative(cwd, absolutePath);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolutePath;
}

/** JSON pointer for a path of keys / indexes (RFC 6901 escaping). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
