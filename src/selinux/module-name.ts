import { SelinuxInputError } from './errors.js';

/**
 * Long enough for any real module; short enough that `NAME_t`, `NAME_data_t` and
 * the `.pp`/`.mod` file names stay well inside every tool's limits.
 */
export const MAX_MODULE_NAME_LENGTH = 48;

const MODULE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A module name usable as a policy module, a type prefix and a file name: lower
 * case letters, digits and `_`, starting with a letter.
 */
export function parseModuleName(value: string, flag: string): string {
  if (!MODULE_NAME.test(value)) {
    throw new SelinuxInputError(`${flag} ${JSON.stringify(value)}: expected a module name of lower-case letters, digits and _, starting with a letter (e.g. web_app)`);
  }
  if (value.length > MAX_MODULE_NAME_LENGTH) {
    throw new SelinuxInputError(`${flag} ${JSON.stringify(value)}: ${value.length} characters; at most ${MAX_MODULE_NAME_LENGTH} are allowed`);
  }
  if (value.endsWith('_')) throw new SelinuxInputError(`${flag} ${JSON.stringify(value)}: must not end with _`);
  return value;
}
