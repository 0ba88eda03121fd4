// Policy globs: `*` any run of characters (including `/`), `?` one character,
// `[abc]` / `[a-z]` / `[!a]` classes; anchored and case-sensitive.
// They are compiled once when a policy loads, never per container.

export class InvalidGlobError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`invalid glob ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'InvalidGlobError';
  }
}

const REGEXP_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

function escapeRegExp(text: string): string {
  return text.replace(REGEXP_SPECIALS, '\\$&');
}

/** Index just past the `]` closing the class opened at `start`, or -1. A `]` right after `[` or `[!` is literal. */
function classEnd(pattern: string, start: number): number {
  let index = start + 1;
  if (pattern[index] === '!') index += 1;
  if (pattern[index] === ']') index += 1;
  const close = pattern.indexOf(']', index);
  return close === -1 ? -1 : close + 1;
}

function classToRegExp(glob: string, body: string): string {
  const negated = body.startsWith('!');
  const members = (negated ? body.slice(1) : body).replace(/[\\^\]\[]/g, '\\$&');
  const source = `[${negated ? '^' : ''}${members}]`;
  try {
    new RegExp(source, 'u');
  } catch {
    throw new InvalidGlobError(glob, `bad character class [${body}] (a range must go from low to high, e.g. [a-z])`);
  }
  return source;
}

function globToRegExpSource(glob: string): string {
  let source = '';
  let index = 0;
  while (index < glob.length) {
    const char = glob[index] as string;
    if (char === '*') {
      source += '.*';
      // Collapse `**` runs: they mean the same and would only slow matching down.
      while (glob[index + 1] === '*') index += 1;
      index += 1;
    } else if (char === '?') {
      source += '.';
      index += 1;
    } else if (char === '[') {
      const end = classEnd(glob, index);
      if (end === -1) throw new InvalidGlobError(glob, `unbalanced "[" at character ${index + 1}`);
      source += classToRegExp(glob, glob.slice(index + 1, end - 1));
      index = end;
    } else {
      source += escapeRegExp(char);
      index += 1;
    }
  }
  return source;
}

/** An anchored RegExp for one glob; throws InvalidGlobError. */
export function compileGlob(glob: string): RegExp {
  return new RegExp(`^${globToRegExpSource(glob)}$`, 'su');
}

/** One anchored RegExp matching any of the globs; throws InvalidGlobError for the first bad one. */
export function compileGlobs(globs: readonly string[]): RegExp {
  return new RegExp(`^(?:${globs.map(globToRegExpSource).join('|')})$`, 'su');
}

/** Why a glob is invalid, or null when it compiles. */
export function globProblem(glob: string): string | null {
  try {
    globToRegExpSource(glob);
    return null;
  } catch (error) {
    if (error instanceof InvalidGlobError) return error.reason;
    throw error;
  }
}
