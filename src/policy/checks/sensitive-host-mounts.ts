import type { MountSpec } from '../../spec/types.js';
import { defineCheck, type CheckResult } from '../types.js';
import { describeHostMount, mountEvidence } from './support/evidence.js';
import { cachedList } from './support/lists.js';
import { stringList } from './support/params.js';
import { normalizeHostPath } from '../../spec/host-paths.js';
import { isSameOrUnder, isStrictAncestor } from './support/paths.js';

interface Params {
  paths: string[];
  allowReadOnly: boolean;
}

// The peer's eight paths plus what else gives away the host:
// /bin, /sbin, /lib32, /lib64: host binaries and libraries (write = code run by root on the host);
// /root: root's home (SSH keys, shell history, credentials);
// /var/lib/docker, /var/lib/containerd: every container's filesystem, secrets and the engine state;
// /var/lib/kubelet: pod secrets and service-account tokens on Kubernetes nodes;
// /var/log: write access erases the audit trail, and log readers that follow symlinks are a known escape.
// Engine sockets under /run are reported by docker-socket-mount.
const DEFAULT_SENSITIVE_PATHS = [
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/proc',
  '/root',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib/containerd',
  '/var/lib/docker',
  '/var/lib/kubelet',
  '/var/log',
];

export const check = defineCheck<Params>({
  id: 'sensitive-host-mounts',
  title: 'Sensitive host directories are not mounted into containers',
  description:
    'A bind mount of a host system directory hands the container the host\'s credentials, binaries or kernel interfaces; mounting a directory above one (/ or /var) exposes it just the same. Read-only is no cure by default: reading /etc/shadow, SSH keys or another container\'s files is already a compromise.',
  severity: 'high',
  refs: { cis: '5.6', pss: 'baseline/host-path-volumes' },
  fix: {
    run: 'remove the -v/--mount of the host directory; copy the needed files into the image or use a named volume (docker volume create)',
    compose: 'replace the host-path entry under volumes: with a named volume, or mount only the one file the service needs',
  },
  params: {
    type: 'object',
    properties: {
      paths: stringList(
        'Sensitive host paths (absolute). A mount of the path, anything below it, or any directory above it is reported; `/` only matches a mount of `/` itself.',
        { pattern: '^/' },
      ),
      allowReadOnly: {
        type: 'boolean',
        description: 'Let read-only mounts of sensitive paths pass (default false: reading host secrets is already a compromise).',
      },
    },
    additionalProperties: false,
  },
  defaults: { paths: DEFAULT_SENSITIVE_PATHS, allowReadOnly: false },
  evaluate(spec, params) {
    const results: CheckResult[] = [];
    for (const mount of spec.mounts) {
      if (mount.hostPath === null || (mount.readOnly && params.allowReadOnly)) continue;
      const result = sensitiveMountResult(mount, mount.hostPath, cachedList(params.paths, normalizeHostPath));
      if (result !== null) results.push(result);
    }
    return results;
  },
});

function sensitiveMountResult(mount: MountSpec, rawHostPath: string, sensitivePaths: readonly string[]): CheckResult | null {
  const hostPath = normalizeHostPath(rawHostPath);
  const where = describeHostMount(hostPath, mount);
  const covering = sensitivePaths.find((sensitive) => isSameOrUnder(hostPath, sensitive));
  if (covering !== undefined) {
    return { message: where, evidence: { mount: mountEvidence(mount), sensitivePath: covering } };
  }
  const exposed = sensitivePaths.filter((sensitive) => isStrictAncestor(hostPath, sensitive));
  if (exposed.length === 0) return null;
  return {
    message: `${where}, which exposes ${exposed.join(', ')}`,
    evidence: { mount: mountEvidence(mount), exposes: exposed },
  };
}
