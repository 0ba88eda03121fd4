import { CliError, EXIT } from './exit-codes.js';

/** commander accumulator for repeatable options (`-p a -p b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new CliError(`${flag}: expected a positive number, got "${value}"`, EXIT.usage);
  return number;
}
