import { readFileSync } from 'node:fs';
import { valueOr } from './value-or.js';

/**
 * The lines of /etc/passwd or /etc/group (`name:x:id:...`, or the same file seen
 * through another root) split into fields; none when the file cannot be read, so
 * ids are then shown without names.
 */
export function readAccountDatabase(path: string): string[][] {
  return valueOr(() => readFileSync(path, 'utf8'), '')
    .split('\n')
    .map((line) => line.split(':'));
}
