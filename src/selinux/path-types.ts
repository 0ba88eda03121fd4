// Host path -> SELinux type. A real policy's file_contexts (`--file-contexts`)
// decides first; where it has no entry, or says `<<none>>` (the policy leaves the
// label to whoever creates the file), a built-in table of common host paths does.
// Every type in the table exists in Debian's refpolicy, except the container
// module's own types, which Debian's default policy does not install.
import { canonicalRunPath, normalizeHostPath } from '../spec/host-paths.js';
import type { FileContexts } from './file-contexts.js';
import type { Flavor, ObjectKind } from './model.js';

export interface PathType {
  type: string;
  /** Where the answer came from, for a comment in the module. */
  via: string;
  /** True when nothing labels the path: `default_t`, shared by every unlabeled file on the host. */
  unlabeled: boolean;
}

type Scope = 'self' | 'below' | 'tree' | 'child';

interface TableEntry {
  path: string;
  /** `self`: the path only; `below`: only paths under it; `tree`: both; `child`: one level below only. */
  scope: Scope;
  type: string | Record<Flavor, string>;
}

export const UNLABELED_TYPE = 'default_t';

/** The engine's socket and the daemon's domain, per flavor. */
export const ENGINE_TYPES: Record<Flavor, { socket: string; daemon: string }> = {
  // refpolicy container.fc labels /run/docker.sock container_runtime_t; docker.te runs dockerd as dockerd_t.
  refpolicy: { socket: 'container_runtime_t', daemon: 'dockerd_t' },
  // container-selinux keeps the docker_* names as aliases of its container_* types.
  fedora: { socket: 'docker_var_run_t', daemon: 'docker_t' },
};

/** Most specific first: the first entry that matches wins. */
const PATH_TABLE: readonly TableEntry[] = [
  { path: '/run/docker.sock', scope: 'self', type: { refpolicy: ENGINE_TYPES.refpolicy.socket, fedora: ENGINE_TYPES.fedora.socket } },
  { path: '/run/docker', scope: 'tree', type: { refpolicy: 'container_runtime_t', fedora: 'docker_var_run_t' } },
  { path: '/var/lib/docker', scope: 'tree', type: { refpolicy: 'container_var_lib_t', fedora: 'docker_var_lib_t' } },
  { path: '/var/log', scope: 'tree', type: 'var_log_t' },
  { path: '/var/lib', scope: 'tree', type: 'var_lib_t' },
  { path: '/var/tmp', scope: 'tree', type: 'tmp_t' },
  { path: '/var', scope: 'tree', type: 'var_t' },
  { path: '/run', scope: 'tree', type: 'var_run_t' },
  { path: '/etc', scope: 'tree', type: 'etc_t' },
  { path: '/home', scope: 'self', type: 'home_root_t' },
  { path: '/home', scope: 'child', type: 'user_home_dir_t' },
  { path: '/home', scope: 'below', type: 'user_home_t' },
  { path: '/root', scope: 'self', type: 'user_home_dir_t' },
  { path: '/root', scope: 'below', type: 'user_home_t' },
  // Files made in /tmp get tmp_t by type transition; the policy itself says <<none>> below it.
  { path: '/tmp', scope: 'tree', type: 'tmp_t' },
  { path: '/usr', scope: 'tree', type: 'usr_t' },
  { path: '/opt', scope: 'tree', type: 'usr_t' },
  { path: '/srv', scope: 'tree', type: 'var_t' },
  { path: '/mnt', scope: 'tree', type: 'mnt_t' },
  { path: '/media', scope: 'tree', type: 'mnt_t' },
  { path: '/boot', scope: 'tree', type: 'boot_t' },
  { path: '/sys', scope: 'tree', type: 'sysfs_t' },
  { path: '/proc', scope: 'tree', type: 'proc_t' },
  { path: '/dev/fuse', scope: 'self', type: 'fuse_device_t' },
  { path: '/dev/kvm', scope: 'self', type: 'kvm_device_t' },
  { path: '/dev/net/tun', scope: 'self', type: 'tun_tap_device_t' },
  { path: '/dev/vhost-net', scope: 'self', type: 'vhost_device_t' },
  { path: '/dev/null', scope: 'self', type: 'null_device_t' },
  { path: '/dev/zero', scope: 'self', type: 'zero_device_t' },
  { path: '/dev/random', scope: 'self', type: 'random_device_t' },
  { path: '/dev/urandom', scope: 'self', type: 'urandom_device_t' },
  { path: '/dev/mem', scope: 'self', type: 'memory_device_t' },
  { path: '/dev/dri', scope: 'tree', type: 'dri_device_t' },
  { path: '/dev/snd', scope: 'tree', type: 'sound_device_t' },
  { path: '/dev/bus/usb', scope: 'tree', type: 'usb_device_t' },
  { path: '/dev', scope: 'tree', type: 'device_t' },
  { path: '/', scope: 'self', type: 'root_t' },
];

/** Device names the table cannot list one by one (disks, terminals, cameras). */
const DEVICE_PATTERNS: readonly [RegExp, string][] = [
  [/^\/dev\/(sd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\d+n\d+(p\d+)?|loop\d+|dm-\d+|md\d+)\d*$/, 'fixed_disk_device_t'],
  [/^\/dev\/(tty(S|USB|ACM)?\d*|console)$/, 'tty_device_t'],
  [/^\/dev\/video\d+$/, 'v4l_device_t'],
];

function matches(entry: TableEntry, path: string): boolean {
  const below = path.startsWith(`${entry.path}/`);
  switch (entry.scope) {
    case 'self':
      return path === entry.path;
    case 'below':
      return below;
    case 'tree':
      return below || path === entry.path;
    case 'child':
      return below && !path.slice(entry.path.length + 1).includes('/');
  }
}

/** `/var/run` is `/run`, and `//a/./b/` is `/a/b`. */
export function canonicalHostPath(path: string): string {
  return canonicalRunPath(normalizeHostPath(path));
}

/** The built-in answer, or null when the table has none. */
export function builtInPathType(path: string, flavor: Flavor): { type: string; entry: string } | null {
  const canonical = canonicalHostPath(path);
  for (const entry of PATH_TABLE) {
    if (!matches(entry, canonical)) continue;
    // Disks and terminals are more specific than the /dev catch-all.
    if (entry.path === '/dev') {
      const device = DEVICE_PATTERNS.find(([pattern]) => pattern.test(canonical));
      if (device) return { type: device[1], entry: device[0].source };
    }
    const type = typeof entry.type === 'string' ? entry.type : entry.type[flavor];
    const scope = entry.scope === 'self' ? '' : entry.scope === 'child' ? '/*' : entry.scope === 'below' ? '/**' : '(/**)';
    return { type, entry: `${entry.path}${scope}` };
  }
  return null;
}

/** The type for a host path: file_contexts first, then the built-in table, then `default_t`. */
export function resolvePathType(path: string, kind: ObjectKind, flavor: Flavor, fileContexts: FileContexts | null): PathType {
  const canonical = canonicalHostPath(path);
  let unlabeledBy: string | null = null;
  if (fileContexts !== null) {
    const entry = fileContexts.lookup(canonical, kind);
    if (entry?.type) {
      return { type: entry.type, via: `file_contexts ${entry.origin} (${entry.pattern})`, unlabeled: entry.type === UNLABELED_TYPE };
    }
    if (entry) unlabeledBy = `file_contexts ${entry.origin} says <<none>> (${entry.pattern})`;
  }
  const builtIn = builtInPathType(canonical, flavor);
  const prefix = unlabeledBy === null ? '' : `${unlabeledBy}; `;
  if (builtIn) return { type: builtIn.type, via: `${prefix}built-in table (${builtIn.entry})`, unlabeled: false };
  return { type: UNLABELED_TYPE, via: `${prefix}no built-in entry`, unlabeled: true };
}
