// The permission sets a container domain gets per object, as the best-known
// container policy generator grants them (../shared/reference/selinux.md), and
// the class each Linux capability belongs to.

export const DIRECTORY_PERMISSIONS = {
  readWrite: ['add_name', 'create', 'getattr', 'ioctl', 'lock', 'open', 'read', 'remove_name', 'rmdir', 'search', 'setattr', 'write'],
  readOnly: ['getattr', 'ioctl', 'lock', 'open', 'read', 'search'],
} as const;

export const FILE_PERMISSIONS = {
  readWrite: ['append', 'create', 'getattr', 'ioctl', 'lock', 'map', 'open', 'read', 'rename', 'setattr', 'unlink', 'write'],
  readOnly: ['getattr', 'ioctl', 'lock', 'open', 'read'],
} as const;

export const SOCKET_FILE_PERMISSIONS = {
  readWrite: ['append', 'getattr', 'open', 'read', 'write'],
  readOnly: ['getattr', 'open', 'read'],
} as const;

/**
 * For chr_file and blk_file. A device given with cgroup permissions that do not
 * include `w` (`--device /dev/x:/dev/x:r`) gets the read-only set.
 */
export const DEVICE_PERMISSIONS = {
  readWrite: ['append', 'getattr', 'ioctl', 'lock', 'open', 'read', 'write'],
  readOnly: ['getattr', 'ioctl', 'lock', 'open', 'read'],
} as const;

/** Capabilities 32 and up live in the `capability2` class; the kernel checks them there. */
const CAPABILITY2 = new Set(['MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF', 'CHECKPOINT_RESTORE']);

const CAPABILITY = new Set([
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP',
]);

/** `SYS_ADMIN` -> `capability sys_admin`, `SYSLOG` -> `capability2 syslog`; null for a name the kernel does not have. */
export function capabilityPermission(name: string): { tclass: 'capability' | 'capability2'; permission: string } | null {
  const permission = name.toLowerCase();
  if (CAPABILITY.has(name)) return { tclass: 'capability', permission };
  if (CAPABILITY2.has(name)) return { tclass: 'capability2', permission };
  return null;
}

/** `tcp` -> `tcp_socket`. */
export function socketClass(protocol: string): string {
  return `${protocol}_socket`;
}
