/**
 * `read()`, or `fallback` when it throws: for reads whose failure is an expected
 * answer (a process that ended, a file a system does not have), not an error.
 */
export function valueOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
