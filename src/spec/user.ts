// Who the container's process runs as, from `Config.User` (`user[:group]`).
import type { UserSetting } from './types.js';

/** `0`, `00`: uid 0 however it is written. */
function isZero(value: string): boolean {
  if (value === '') return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== 48) return false;
  return true;
}

/**
 * An empty user means the image default, which is root unless the image says
 * otherwise: the inspect JSON cannot tell, so it counts as root.
 */
export function parseUser(raw: string): UserSetting {
  const separator = raw.indexOf(':');
  const user = separator === -1 ? raw : raw.slice(0, separator);
  const group = separator === -1 ? null : raw.slice(separator + 1);
  const isRoot = user === '' || user === 'root' || isZero(user);
  return { raw, user, group, isRoot };
}
