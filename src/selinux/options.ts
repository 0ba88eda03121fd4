import { SelinuxInputError } from './errors.js';
import { FLAVORS, FORMATS, type Flavor, type ModuleFormat } from './model.js';

/** One of a fixed set of flag values. */
export function parseChoice<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new SelinuxInputError(`${flag} ${JSON.stringify(value)}: expected ${choices.join(' or ')}`);
}

export function parseFormat(value: string): ModuleFormat {
  return parseChoice(value, '--format', FORMATS);
}

export function parseFlavor(value: string): Flavor {
  return parseChoice(value, '--flavor', FLAVORS);
}
