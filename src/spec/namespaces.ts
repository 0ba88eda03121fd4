// Namespace modes from HostConfig's *Mode strings.
import type { NamespaceSetting } from './types.js';

const CONTAINER_PREFIX = 'container:';

function joined(raw: string): NamespaceSetting {
  return { mode: 'container', target: raw.slice(CONTAINER_PREFIX.length), raw };
}

/** NetworkMode: `host`, `none`, `container:<id>`; `default`, `bridge` and named networks are private. */
export function networkNamespace(raw: string): NamespaceSetting {
  if (raw === 'host') return { mode: 'host', target: null, raw };
  if (raw === 'none') return { mode: 'none', target: null, raw };
  if (raw.startsWith(CONTAINER_PREFIX)) return joined(raw);
  return { mode: 'private', target: null, raw };
}

/** PidMode, IpcMode, UTSMode, UsernsMode, CgroupnsMode: `host`, `container:<x>`; `''`, `private`, `shareable` are private. */
export function sharedNamespace(raw: string): NamespaceSetting {
  if (raw === 'host') return { mode: 'host', target: null, raw };
  if (raw.startsWith(CONTAINER_PREFIX)) return joined(raw);
  return { mode: 'private', target: null, raw };
}
