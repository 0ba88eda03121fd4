/** Exit codes, stable for CI: documented in the README. */
export const EXIT = {
  /** Nothing at or above --fail-on. */
  ok: 0,
  /** Findings at or above --fail-on (or a lint/verify failure). */
  findings: 1,
  /** Usage, policy or input error. */
  usage: 2,
  /** Engine unreachable, timed out, or TLS failure. */
  engine: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line and maps to an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
