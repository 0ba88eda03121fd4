// The registry of built-in checks: one module per check, each exporting `check`.
// Kept as static imports so the bundle and the type checker see every check.
import type { AnyCheck } from '../types.js';
import { check as apparmorUnconfined } from './apparmor-unconfined.js';
import { check as capabilities } from './capabilities.js';
import { check as cgroupParent } from './cgroup-parent.js';
import { check as cpuLimit } from './cpu-limit.js';
import { check as dockerSocketMount } from './docker-socket-mount.js';
import { check as healthcheck } from './healthcheck.js';
import { check as hostBindMounts } from './host-bind-mounts.js';
import { check as hostDevices } from './host-devices.js';
import { check as hostIpc } from './host-ipc.js';
import { check as hostNetwork } from './host-network.js';
import { check as hostPid } from './host-pid.js';
import { check as hostUserns } from './host-userns.js';
import { check as hostUts } from './host-uts.js';
import { check as imageTagPinned } from './image-tag-pinned.js';
import { check as memoryLimit } from './memory-limit.js';
import { check as mountPropagation } from './mount-propagation.js';
import { check as noNewPrivileges } from './no-new-privileges.js';
import { check as noPrivileged } from './no-privileged.js';
import { check as pidsLimit } from './pids-limit.js';
import { check as portsAllInterfaces } from './ports-all-interfaces.js';
import { check as privilegedPorts } from './privileged-ports.js';
import { check as readOnlyRootfs } from './read-only-rootfs.js';
import { check as restartPolicy } from './restart-policy.js';
import { check as runAsNonRoot } from './run-as-non-root.js';
import { check as seccompUnconfined } from './seccomp-unconfined.js';
import { check as selinuxOptions } from './selinux-options.js';
import { check as sensitiveHostMounts } from './sensitive-host-mounts.js';
import { check as sharedNamespaces } from './shared-namespaces.js';
import { check as ulimitsOverride } from './ulimits-override.js';
import { check as unsafeSysctls } from './unsafe-sysctls.js';

/** Every built-in check, sorted by id. */
export const checks: readonly AnyCheck[] = Object.freeze(
  [
    apparmorUnconfined,
    capabilities,
    cgroupParent,
    cpuLimit,
    dockerSocketMount,
    healthcheck,
    hostBindMounts,
    hostDevices,
    hostIpc,
    hostNetwork,
    hostPid,
    hostUserns,
    hostUts,
    imageTagPinned,
    memoryLimit,
    mountPropagation,
    noNewPrivileges,
    noPrivileged,
    pidsLimit,
    portsAllInterfaces,
    privilegedPorts,
    readOnlyRootfs,
    restartPolicy,
    runAsNonRoot,
    seccompUnconfined,
    selinuxOptions,
    sensitiveHostMounts,
    sharedNamespaces,
    ulimitsOverride,
    unsafeSysctls,
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

const byId: ReadonlyMap<string, AnyCheck> = new Map(checks.map((check) => [check.id, check]));

export function getCheck(id: string): AnyCheck | undefined {
  return byId.get(id);
}
