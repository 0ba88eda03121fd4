// Host path comparison by segment, so `/run` covers `/run/docker.sock` and `/runner` does not.
import { posix } from 'node:path';

/**
 * `/a//b/../c/` -> `/a/c`. Relative paths (volume names) are returned unchanged.
 * Fast path: Docker already stores clean paths, so most inputs need no work.
 */
export function normalizeHostPath(path: string): string {
  if (!path.startsWith('/')) return path;
  const clean = path.indexOf('//') === -1 && path.indexOf('/.') === -1 && (path.length === 1 || !path.endsWith('/'));
  if (clean) return path;
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** `/var/run` is a symlink to `/run` on modern hosts: spell both the same way. Input must be normalized. */
export function canonicalRunPath(path: string): string {
  if (path === '/var/run') return '/run';
  return path.startsWith('/var/run/') ? path.slice(4) : path;
}

/** True when `path` is `dir` or lies below it. Both must be normalized absolute paths. */
export function isSameOrBelow(path: string, dir: string): boolean {
  if (dir === '/') return path.startsWith('/');
  return path === dir || (path.startsWith(dir) && path.charCodeAt(dir.length) === 47 /* '/' */);
}

/**
 * True when a host directory (or file) `dir` gives access to `path`, treating
 * `/var/run` and `/run` as one directory. Both must be normalized absolute paths.
 * `/var` also covers `/run/...`, because on hosts where `/var/run` is a real
 * directory the files live there.
 */
export function hostPathCovers(dir: string, path: string): boolean {
  const canonicalPath = canonicalRunPath(path);
  if (isSameOrBelow(canonicalPath, canonicalRunPath(dir))) return true;
  return dir === '/var' && isSameOrBelow(canonicalPath, '/run');
}
