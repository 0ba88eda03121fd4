// The capability set a container really gets, following Docker's own rules
// (moby oci/caps TweakCapabilities): privileged > exact set > add/drop tweaks.
import type { Capabilities } from './types.js';

/** Every Linux capability, in kernel order (0 CHOWN .. 40 CHECKPOINT_RESTORE). */
export const ALL_CAPABILITIES: readonly string[] = Object.freeze([
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID',
  'SETPCAP', 'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW',
  'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT',
  'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD',
  'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG',
  'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
]);

/** What a container has when nothing is added or dropped. */
export const DOCKER_DEFAULT_CAPABILITIES: readonly string[] = Object.freeze([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

const SORTED_ALL = Object.freeze([...ALL_CAPABILITIES].sort());
const DEFAULT_SET: ReadonlySet<string> = new Set(DOCKER_DEFAULT_CAPABILITIES);
const SORTED_ALL_BEYOND_DEFAULT = Object.freeze(SORTED_ALL.filter((name) => !DEFAULT_SET.has(name)));

/** `cap_net_admin`, `CAP_NET_ADMIN`, `net_admin` -> `NET_ADMIN`; `all` -> `ALL`. */
export function normalizeCapabilityName(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Normalized, de-duplicated, in the order given. */
export function normalizeCapabilityList(names: readonly string[] | null): string[] {
  if (names === null || names.length === 0) return [];
  const result: string[] = [];
  for (const name of names) {
    const normalized = normalizeCapabilityName(name);
    if (!result.includes(normalized)) result.push(normalized);
  }
  return result;
}

export interface CapabilityInput {
  /** CapAdd as configured (any case, optional `CAP_`), null when unset. */
  added: readonly string[] | null;
  /** CapDrop as configured, null when unset. */
  dropped: readonly string[] | null;
  /** HostConfig.Capabilities (API 1.40+): an exact set that replaces the defaults; null when unset. */
  exact: readonly string[] | null;
  privileged: boolean;
}

export function resolveCapabilities(input: CapabilityInput): Capabilities {
  const added = normalizeCapabilityList(input.added);
  const dropped = normalizeCapabilityList(input.dropped);
  if (input.privileged) {
    return { effective: SORTED_ALL.slice(), added, dropped, beyondDefault: SORTED_ALL_BEYOND_DEFAULT.slice() };
  }
  const effective = effectiveSet(added, dropped, input.exact);
  const beyondDefault: string[] = [];
  for (const name of effective) if (!DEFAULT_SET.has(name)) beyondDefault.push(name);
  return { effective, added, dropped, beyondDefault };
}

function effectiveSet(added: string[], dropped: string[], exact: readonly string[] | null): string[] {
  if (exact !== null) return withoutAll(normalizeCapabilityList(exact)).sort();
  if (added.length === 0 && dropped.length === 0) return DOCKER_DEFAULT_CAPABILITIES.slice();
  if (added.includes('ALL')) return SORTED_ALL.filter((name) => !dropped.includes(name));
  // Dropping ALL keeps only what is added back: `--cap-drop ALL --cap-add X` is just X.
  const base = dropped.includes('ALL') ? [] : DOCKER_DEFAULT_CAPABILITIES.filter((name) => !dropped.includes(name));
  for (const name of added) if (!base.includes(name)) base.push(name);
  return base.sort();
}

// An exact set naming ALL means every capability, like CapAdd ALL.
function withoutAll(names: string[]): string[] {
  return names.includes('ALL') ? SORTED_ALL.slice() : names;
}
