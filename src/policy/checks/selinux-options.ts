import type { ContainerSpec } from '../../spec/types.js';
import { defineCheck, type CheckResult } from '../types.js';
import { cachedSet } from './support/lists.js';
import { stringList } from './support/params.js';

interface Params {
  allowedTypes: string[];
  allowedUsers: string[];
  allowedRoles: string[];
}

export const check = defineCheck<Params>({
  id: 'selinux-options',
  title: 'Containers keep their SELinux confinement',
  description:
    'On SELinux hosts every container runs as system_u:system_r:container_t with its own MCS category, which keeps it off host files and other containers. label=disable and --privileged run it as the unconfined spc_t (Docker also disables labeling for --pid host and --ipc host); a custom type, user or role can widen what it may touch. Other security options are not SELinux settings and do not count.',
  severity: 'medium',
  refs: { cis: '5.3', pss: 'baseline/selinux' },
  fix: {
    run: 'remove --security-opt label=disable (and --privileged, --pid host, --ipc host) and any label=type:/label=user:/label=role: outside the allowed values; label=level: is fine',
    compose: 'remove label:disable and custom label:type/user/role entries from security_opt: (and privileged: true, pid: host, ipc: host)',
  },
  params: {
    type: 'object',
    properties: {
      allowedTypes: stringList(
        'SELinux types a container may run as (label=type:...). Default: the PSS baseline set container_t, container_init_t, container_kvm_t, container_engine_t.',
      ),
      // Docker copies the other container's full label (system_u, system_r) into
      // containers that join its IPC or PID namespace; that is the default context, not a custom one.
      allowedUsers: stringList("SELinux users a container may run as (label=user:...). Default: system_u, Docker's own."),
      allowedRoles: stringList("SELinux roles a container may run as (label=role:...). Default: system_r, Docker's own."),
    },
    additionalProperties: false,
  },
  defaults: {
    allowedTypes: ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'],
    allowedUsers: ['system_u'],
    allowedRoles: ['system_r'],
  },
  evaluate(spec, params) {
    const { selinux } = spec.security;
    if (!selinux.disabled && !spec.privileged && selinux.type === null && selinux.user === null && selinux.role === null) return [];
    const evidence = {
      selinux: { disabled: selinux.disabled, user: selinux.user, role: selinux.role, type: selinux.type, level: selinux.level },
      privileged: spec.privileged,
    };
    if (spec.privileged) return [{ message: 'runs as the unconfined SELinux type spc_t because it runs privileged', evidence }];
    if (selinux.disabled) return [{ message: disabledMessage(spec), evidence }];
    const results: CheckResult[] = [];
    if (selinux.type !== null && !cachedSet(params.allowedTypes).has(selinux.type)) {
      results.push({ message: `runs as SELinux type ${selinux.type}, which is not an allowed type`, evidence });
    }
    if (selinux.user !== null && !cachedSet(params.allowedUsers).has(selinux.user)) {
      results.push({ message: `sets the custom SELinux user ${selinux.user}`, evidence });
    }
    if (selinux.role !== null && !cachedSet(params.allowedRoles).has(selinux.role)) {
      results.push({ message: `sets the custom SELinux role ${selinux.role}`, evidence });
    }
    return results;
  },
});

/** Docker adds label=disable on its own for a host PID or IPC namespace; name the real cause. */
function disabledMessage(spec: ContainerSpec): string {
  const cause = spec.namespaces.pid.mode === 'host' ? '--pid host' : spec.namespaces.ipc.mode === 'host' ? '--ipc host' : null;
  return cause === null
    ? 'disables SELinux separation (label=disable), so it runs as spc_t'
    : `runs as spc_t without SELinux separation: Docker sets label=disable for ${cause}`;
}
