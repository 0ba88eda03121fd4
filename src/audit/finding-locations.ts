// Where a finding from a compose file or manifest points: the most specific key that
// caused it. Each check id maps its evidence to field keys (src/spec/field-lines.ts),
// most specific first; the first one the file actually wrote wins, and a setting left
// unset (no memory limit, no healthcheck) points at the service or container itself.
import type { ContainerSpec } from '../spec/types.js';
import type { Finding, FindingLocation, JsonValue } from '../policy/types.js';
import { portKey, specLinesOf } from '../spec/field-lines.js';

type Evidence = Finding['evidence'];
type FieldsOf = (evidence: Evidence, spec: ContainerSpec) => string[];

const NAMESPACE_FIELD: FieldsOf = (evidence) => [`namespaces.${text(evidence.namespace)}`];
const MOUNT_FIELD: FieldsOf = (evidence) => [`mount:${text(member(evidence.mount, 'destination'))}`];
const PORT_FIELD: FieldsOf = (evidence) => [portFieldOf(evidence.port)];
const PRIVILEGED_OR = (field: string): FieldsOf => (evidence) => (evidence.privileged === true ? ['privileged', field] : [field]);

/** The mapping table, by check id. */
export const CHECK_FIELDS: Readonly<Record<string, FieldsOf>> = {
  'no-privileged': () => ['privileged'],
  capabilities: (evidence) =>
    evidence.privileged === true
      ? ['privileged']
      : [...strings(evidence.beyondAllowed).map((name) => `capability:${name}`), 'capability:ALL', 'capabilities.dropped'],
  'apparmor-unconfined': PRIVILEGED_OR('security.apparmor'),
  'seccomp-unconfined': PRIVILEGED_OR('security.seccomp'),
  'selinux-options': PRIVILEGED_OR('security.selinux'),
  'no-new-privileges': () => ['security.noNewPrivileges'],
  'host-devices': (evidence) => (evidence.device === undefined ? ['privileged'] : [`device:${text(member(evidence.device, 'containerPath'))}`]),
  'docker-socket-mount': (evidence) => [`mount:${text(evidence.destination)}`],
  'host-bind-mounts': MOUNT_FIELD,
  'sensitive-host-mounts': MOUNT_FIELD,
  'mount-propagation': MOUNT_FIELD,
  'host-network': NAMESPACE_FIELD,
  'host-pid': NAMESPACE_FIELD,
  'host-ipc': NAMESPACE_FIELD,
  'host-uts': NAMESPACE_FIELD,
  'host-userns': NAMESPACE_FIELD,
  'shared-namespaces': NAMESPACE_FIELD,
  'ports-all-interfaces': PORT_FIELD,
  'privileged-ports': PORT_FIELD,
  'memory-limit': () => ['resources.memory'],
  'cpu-limit': () => ['resources.cpu'],
  'pids-limit': () => ['resources.pidsLimit'],
  'read-only-rootfs': () => ['readOnlyRootfs'],
  'run-as-non-root': () => ['user'],
  'restart-policy': () => ['restartPolicy'],
  healthcheck: () => ['healthcheck'],
  'ulimits-override': () => ['ulimits'],
  'unsafe-sysctls': (evidence) => [`sysctl:${text(evidence.sysctl)}`],
  'cgroup-parent': () => ['cgroupParent'],
  'image-tag-pinned': () => ['image'],
};

/** Spec fields that a file sets through another key. */
const POINTER_ALIASES: Readonly<Record<string, string>> = { allDevices: 'privileged' };

/**
 * Custom checks report JSON pointers into the spec (`/mounts/2/readOnly`); the part
 * that names a field of the file gives its line.
 */
function pointerFields(evidence: Evidence, spec: ContainerSpec): string[] {
  const fields: string[] = [];
  for (const pointer of strings(evidence.failingPaths)) {
    const [top = '', second = ''] = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    const index = Number(second);
    if (top === 'mounts' || top === 'engineSockets') {
      const destination = top === 'mounts' ? spec.mounts[index]?.destination : spec.engineSockets[index]?.destination;
      if (destination !== undefined) fields.push(`mount:${destination}`);
    } else if (top === 'ports') {
      const port = spec.ports[index];
      if (port !== undefined) fields.push(`port:${portKey(port)}`);
    } else if (top === 'devices') {
      const device = spec.devices[index];
      if (device !== undefined) fields.push(`device:${device.containerPath}`);
    } else if (top === 'sysctls') {
      fields.push(`sysctl:${second}`);
    } else if (top === 'capabilities') {
      fields.push('capabilities.added', 'capabilities.dropped', 'privileged');
    } else if (top === 'resources') {
      fields.push(`resources.${second.startsWith('memory') ? 'memory' : second === 'pidsLimit' ? 'pidsLimit' : 'cpu'}`);
    } else if (top === 'security' && second === 'raw') {
      fields.push('security.seccomp', 'security.apparmor', 'security.selinux', 'security.noNewPrivileges');
    } else {
      fields.push(`${top}.${second}`, (Object.hasOwn(POINTER_ALIASES, top) ? POINTER_ALIASES[top] : undefined) ?? top);
    }
  }
  return fields;
}

function locate(finding: Finding, spec: ContainerSpec): FindingLocation | null {
  const lines = specLinesOf(spec);
  if (lines === undefined) return null;
  const fieldsOf = Object.hasOwn(CHECK_FIELDS, finding.ruleId) ? CHECK_FIELDS[finding.ruleId] : undefined;
  const candidates = fieldsOf === undefined ? pointerFields(finding.evidence, spec) : fieldsOf(finding.evidence, spec);
  for (const field of candidates) {
    const line = lines.fields.get(field);
    if (line !== undefined) return { file: lines.file, line };
  }
  return { file: lines.file, line: lines.line };
}

/** Findings with `location` set (placed after `container`) for specs that came from files. */
export function withLocations(findings: readonly Finding[], specs: readonly ContainerSpec[]): Finding[] {
  const byId = new Map(specs.map((spec) => [spec.id, spec]));
  return findings.map((finding) => {
    const spec = finding.container === undefined ? undefined : byId.get(finding.container.id);
    const location = spec === undefined ? null : locate(finding, spec);
    if (location === null) return finding;
    const { ruleId, severity, container, ...rest } = finding;
    return { ruleId, severity, container, location, ...rest };
  });
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value[key] : undefined;
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function portFieldOf(port: JsonValue | undefined): string {
  const containerPort = member(port, 'containerPort');
  const hostPort = member(port, 'hostPort');
  return `port:${portKey({
    hostIp: text(member(port, 'hostIp')),
    hostPort: typeof hostPort === 'number' ? hostPort : null,
    containerPort: typeof containerPort === 'number' ? containerPort : 0,
    protocol: text(member(port, 'protocol')),
  })}`;
}
