// File modes as octal bits. A mode is "at most 0644" when it sets no bit outside
// 0644; comparing the numbers instead (as decimal or even as octal values) lets
// 0466 pass "<= 644" and fails 0700, the mistake the shell peer makes.

/** JSON Schema pattern of a mode written in octal, e.g. "0640" or "640". */
export const OCTAL_MODE_PATTERN = '^0?[0-7]{3,4}$';

export function parseOctalMode(text: string): number {
  return parseInt(text, 8);
}

/** `0660` */
export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** Bits `mode` sets beyond `allowed` (0 when it is at most `allowed`). */
export function excessBits(mode: number, allowed: number): number {
  return mode & 0o7777 & ~allowed;
}
