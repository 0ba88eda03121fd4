import { CliError, EXIT, type ExitCode } from './exit-codes.js';

// Domain errors are matched by name so this module needs none of the heavy
// domain modules loaded; each of them sets `name` on its error class.
const USAGE_ERRORS = new Set(['PolicyError', 'InspectError', 'InputFileError', 'YamlInputError', 'HostError', 'ReportError', 'TlsInputError', 'OutputTargetError', 'ProxyInputError', 'SelinuxInputError', 'BaselineError']);
const ENGINE_ERRORS = new Set(['EngineError']);

/** Turns any thrown value into the one line the user sees and the exit code. */
export function describeError(error: unknown): { message: string; exitCode: ExitCode | 4 } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof Error) {
    const message = firstLine(error.message);
    if (USAGE_ERRORS.has(error.name)) return { message, exitCode: EXIT.usage };
    if (ENGINE_ERRORS.has(error.name)) return { message, exitCode: EXIT.engine };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') {
      return { message, exitCode: EXIT.usage };
    }
    return { message: `internal error: ${message} (set HARDEN_DEBUG=1 for details and report it)`, exitCode: 4 };
  }
  return { message: `internal error: ${String(error)}`, exitCode: 4 };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim() || 'unknown error';
}
