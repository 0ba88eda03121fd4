import { defineCheck, type CheckResult } from '../types.js';
import { cachedList, cachedSet } from './support/lists.js';
import { stringList } from './support/params.js';

interface Params {
  allowed: string[];
}

/** Kubernetes' safe sysctls (PSS baseline): namespaced, and unable to affect other containers or the host. */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** `net/ipv4/tcp_syncookies` and `net.ipv4.tcp_syncookies` are the same sysctl. */
function normalizeSysctl(name: string): string {
  return name.includes('/') ? name.replaceAll('/', '.') : name;
}

export const check = defineCheck<Params>({
  id: 'unsafe-sysctls',
  title: 'Containers set only safe sysctls',
  description:
    'Namespaced sysctls still change kernel behaviour for the container\'s network or IPC namespace, and some (shared memory sizes, routing, ARP handling) affect the host or other containers. Only the Kubernetes safe set passes unless a sysctl is allowed explicitly.',
  severity: 'medium',
  refs: { pss: 'baseline/sysctls' },
  fix: {
    run: 'remove --sysctl settings outside the safe set, or allow a reviewed one in the policy',
    compose: 'remove the sysctls: entries outside the safe set',
  },
  params: {
    type: 'object',
    properties: {
      allowed: stringList(
        'Sysctls allowed besides the safe set; a trailing * allows a prefix (e.g. net.core.*).',
        { pattern: '^[A-Za-z0-9_./-]+\\*?$' },
      ),
    },
    additionalProperties: false,
  },
  defaults: { allowed: [] },
  evaluate(spec, params) {
    const results: CheckResult[] = [];
    for (const name in spec.sysctls) {
      const normalized = normalizeSysctl(name);
      if (SAFE_SYSCTLS.has(normalized) || isAllowed(normalized, params.allowed)) continue;
      const value = spec.sysctls[name] ?? '';
      results.push({ message: `sets the unsafe sysctl ${name}=${value}`, evidence: { sysctl: name, value } });
    }
    return results;
  },
});

function isAllowed(name: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return false;
  if (cachedSet(allowed, normalizeSysctl).has(name)) return true;
  for (const entry of cachedList(allowed, normalizeSysctl)) {
    if (entry.endsWith('*') && name.startsWith(entry.slice(0, -1))) return true;
  }
  return false;
}
