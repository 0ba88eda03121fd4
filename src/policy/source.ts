import { PolicyError } from './errors.js';

export type PolicyFormat = 'yaml' | 'json';

export interface SourcePosition {
  line: number;
  column: number;
}

/** A parsed policy file that still knows where each value came from. */
export interface PolicySource {
  /** The file as shown in messages. */
  file: string;
  value: unknown;
  /**
   * Position of the value at `pointer` (or of its key with `at: 'key'`).
   * Falls back to the nearest existing ancestor, then to 1:1.
   */
  locate(pointer: string, at?: 'key' | 'value'): SourcePosition;
}

/** Build a PolicyError at the position of `pointer` in `source`. */
export function errorAt(source: PolicySource, pointer: string, detail: string, at: 'key' | 'value' = 'value'): PolicyError {
  const { line, column } = source.locate(pointer, at);
  return new PolicyError({ file: source.file, line, column, pointer }, detail);
}

export function formatOfPath(path: string): PolicyFormat | null {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return 'json';
  return null;
}

/**
 * A source without positions, for the built-in packs precompiled to JSON at build
 * time (see packs.ts): they are validated by the test suite and never produce errors
 * a user must locate, so the YAML parser need not be loaded for them.
 */
export function positionlessSource(file: string, value: unknown): PolicySource {
  return { file, value, locate: () => ({ line: 1, column: 1 }) };
}
