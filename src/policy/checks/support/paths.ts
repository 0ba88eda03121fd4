// Sensitive-path matching on top of the spec's segment-wise host path comparison.
import { isSameOrBelow } from '../../../spec/host-paths.js';

/** True when `path` is `base` or lies below it, except that `/` as a base only matches `/` itself (else it would match everything). */
export function isSameOrUnder(path: string, base: string): boolean {
  return base === '/' ? path === '/' : isSameOrBelow(path, base);
}

/** True when `ancestor` is a directory strictly above `path`: mounting it exposes `path`. */
export function isStrictAncestor(ancestor: string, path: string): boolean {
  return ancestor !== path && isSameOrBelow(path, ancestor);
}
