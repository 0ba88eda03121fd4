// ContainerSpec -> the rules of its SELinux module: file access for host-path
// mounts, name_bind for published and exposed ports, the effective capabilities,
// devices, and the engine socket (only when one is mounted).
import { statSync } from 'node:fs';
import type { ContainerSpec } from '../spec/types.js';
import type { FileContexts } from './file-contexts.js';
import type { ContainerPolicy, Flavor, ObjectKind, PolicyRule, PolicySection, PrivateFileType } from './model.js';
import { ENGINE_TYPES, canonicalHostPath, resolvePathType } from './path-types.js';
import type { PortContexts } from './port-contexts.js';
import { capabilityPermission, DEVICE_PERMISSIONS, DIRECTORY_PERMISSIONS, FILE_PERMISSIONS, SOCKET_FILE_PERMISSIONS, socketClass } from './permissions.js';
import { containerRunArguments, type ExposedPort } from './run-arguments.js';

export interface DeriveOptions {
  module: string;
  flavor: Flavor;
  fileContexts: FileContexts | null;
  portContexts: PortContexts;
  /** `Config.ExposedPorts` (ContainerSpec.ports holds only published ones). */
  exposedPorts: readonly ExposedPort[];
  /** What a host path is; defaults to examining this host's file system. */
  kindOf?: (path: string) => ObjectKind;
}

/** The kind of a host path on this machine; `unknown` when it cannot be examined. */
export function localKind(path: string): ObjectKind {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return 'directory';
    if (stats.isSocket()) return 'socket';
    if (stats.isCharacterDevice()) return 'character-device';
    if (stats.isBlockDevice()) return 'block-device';
    return 'file';
  } catch {
    return 'unknown';
  }
}

const KIND_TEXT: Record<ObjectKind, string> = {
  directory: 'directory',
  file: 'file',
  socket: 'socket',
  'character-device': 'character device',
  'block-device': 'block device',
  unknown: 'not found on this host: treated as a directory',
};

/** Collects rules keyed by target and class, merging permissions and reasons. */
class SectionBuilder {
  private readonly rules = new Map<string, PolicyRule>();

  constructor(
    private readonly title: string,
    private readonly notes: string[] = [],
    private readonly loud = false,
  ) {}

  add(target: string, tclass: string, permissions: readonly string[], reason: string): void {
    const key = `${target} ${tclass}`;
    const rule = this.rules.get(key) ?? { target, tclass, permissions: [], reasons: [] };
    rule.permissions = [...new Set([...rule.permissions, ...permissions])].sort();
    if (!rule.reasons.includes(reason)) rule.reasons.push(reason);
    this.rules.set(key, rule);
  }

  note(line: string): void {
    this.notes.push(line);
  }

  build(): PolicySection | null {
    if (this.rules.size === 0 && this.notes.length === 0) return null;
    return { title: this.title, notes: this.notes, loud: this.loud, rules: [...this.rules.values()] };
  }
}

function escapeRegex(path: string): string {
  return path.replace(/[.^$?*+|[\](){}\\]/g, '\\$&');
}

export function deriveContainerPolicy(spec: ContainerSpec, options: DeriveOptions): ContainerPolicy {
  const kindOf = options.kindOf ?? localKind;
  const domain = `${options.module}_t`;
  const warnings: string[] = [];
  let dataType: PrivateFileType | null = null;
  const typeFor = (path: string, kind: ObjectKind): { type: string; via: string } => {
    const resolved = resolvePathType(path, kind, options.flavor, options.fileContexts);
    if (!resolved.unlabeled) return resolved;
    dataType ??= { name: `${options.module}_data_t`, patterns: [] };
    const pattern = escapeRegex(canonicalHostPath(path)) + (kind === 'directory' || kind === 'unknown' ? '(/.*)?' : '');
    if (!dataType.patterns.includes(pattern)) dataType.patterns.push(pattern);
    return { type: dataType.name, via: `${resolved.via}; it would be ${resolved.type}, shared by every unlabeled file, so the module labels it with its own type` };
  };

  const capabilities = new SectionBuilder('Capabilities', [
    `The effective set: Docker's defaults${spec.capabilities.added.length ? ` + CapAdd ${spec.capabilities.added.join(' ')}` : ''}${spec.capabilities.dropped.length ? ` - CapDrop ${spec.capabilities.dropped.join(' ')}` : ''}${spec.privileged ? ' (privileged: every capability)' : ''}.`,
  ]);
  const added = new Set(spec.capabilities.added);
  // capability before capability2, so the rules read in kernel order.
  const byClass = [...spec.capabilities.effective].sort((a, b) => Number(capabilityPermission(a)?.tclass === 'capability2') - Number(capabilityPermission(b)?.tclass === 'capability2'));
  for (const name of byClass) {
    const mapped = capabilityPermission(name);
    if (mapped === null) warnings.push(`capability ${name} is not a Linux capability SELinux knows; no rule was written for it`);
    else capabilities.add('self', mapped.tclass, [mapped.permission], added.has(name) ? `CAP_${name}: added (CapAdd)` : spec.privileged ? 'every capability (privileged)' : "Docker's default set");
  }
  if (spec.capabilities.effective.length === 0) capabilities.note('None: every capability is dropped.');

  const mounts = new SectionBuilder('Host-path mounts');
  for (const mount of spec.mounts) {
    if (mount.hostPath === null) continue;
    const seen = kindOf(mount.hostPath);
    // An engine socket examined from another machine (an inspect file) is still a socket.
    const kind = seen === 'unknown' && spec.engineSockets.some((e) => e.via === 'socket' && e.hostPath === mount.hostPath) ? 'socket' : seen;
    const { type, via } = typeFor(mount.hostPath, kind);
    const mode = mount.readOnly ? 'readOnly' : 'readWrite';
    const reason = `${mount.hostPath} -> ${mount.destination} (${mount.readOnly ? 'read-only' : 'read-write'}, ${KIND_TEXT[kind]}): ${type} from ${via}`;
    if (kind === 'directory' || kind === 'unknown') {
      mounts.add(type, 'dir', DIRECTORY_PERMISSIONS[mode], reason);
      mounts.add(type, 'file', FILE_PERMISSIONS[mode], reason);
    } else if (kind === 'file') {
      mounts.add(type, 'file', FILE_PERMISSIONS[mode], reason);
    } else if (kind === 'socket') {
      mounts.add(type, 'sock_file', SOCKET_FILE_PERMISSIONS[mode], reason);
    } else {
      mounts.add(type, kind === 'block-device' ? 'blk_file' : 'chr_file', DEVICE_PERMISSIONS[mode], reason);
    }
  }

  const ports = new SectionBuilder('Ports');
  const seenPorts = new Map<string, string>();
  for (const port of spec.ports) {
    const where = `${port.hostIp || '0.0.0.0'}:${port.hostPort ?? '(ephemeral)'}`;
    const key = `${port.containerPort}/${port.protocol}`;
    seenPorts.set(key, seenPorts.has(key) ? `${seenPorts.get(key)}, ${where}` : `published on ${where}`);
  }
  for (const port of options.exposedPorts) {
    const key = `${port.port}/${port.protocol}`;
    if (!seenPorts.has(key)) seenPorts.set(key, 'exposed');
  }
  if (seenPorts.size > 0) ports.note('name_bind on the container-side port: the process binds it inside the container, Docker maps the host port.');
  for (const [key, how] of seenPorts) {
    const [portText = '', protocol = 'tcp'] = key.split('/');
    const entry = options.portContexts.lookup(Number(portText), protocol);
    if (entry === null) ports.note(`${key} (${how}): no port type for it; no rule written`);
    else ports.add(entry.type, socketClass(protocol), ['name_bind'], `${key} ${how}: ${entry.type} from ${entry.origin}`);
  }

  const devices = new SectionBuilder('Devices');
  for (const device of spec.devices) {
    const seen = kindOf(device.hostPath);
    const { type, via } = typeFor(device.hostPath, seen === 'block-device' ? 'block-device' : 'character-device');
    const block = seen === 'block-device' || (seen !== 'character-device' && type === 'fixed_disk_device_t');
    const writable = device.permissions.includes('w');
    const reason = `${device.hostPath} -> ${device.containerPath} (cgroup permissions ${device.permissions}): ${type} from ${via}`;
    devices.add(type, block ? 'blk_file' : 'chr_file', DEVICE_PERMISSIONS[writable ? 'readWrite' : 'readOnly'], reason);
  }

  const engine = new SectionBuilder('Container engine socket', [], true);
  for (const exposure of spec.engineSockets) {
    engine.note(`${exposure.socketPath} (${exposure.engine}) is reachable through ${exposure.hostPath} -> ${exposure.destination}: whoever controls this container controls the engine, which is root on the host.`);
    const { type, via } = typeFor(exposure.socketPath, 'socket');
    const reason = `connect to ${exposure.socketPath}${exposure.readOnly ? ' (a read-only mount does not stop connecting)' : ''}: ${type} from ${via}`;
    engine.add(type, 'sock_file', SOCKET_FILE_PERMISSIONS.readWrite, reason);
    engine.add(ENGINE_TYPES[options.flavor].daemon, 'unix_stream_socket', ['connectto'], `the ${exposure.engine} daemon's domain on ${options.flavor}`);
  }

  if (spec.privileged) warnings.push('the container is privileged: Docker runs it as spc_t and ignores label=type; this module confines it only once --privileged is dropped');
  if (spec.security.selinux.disabled && !spec.privileged) warnings.push('the container runs with label=disable; the run line below replaces that with the module\'s type');

  const sections = [capabilities.build(), mounts.build(), ports.build(), devices.build(), engine.build()].filter((s): s is PolicySection => s !== null);
  return {
    module: options.module,
    flavor: options.flavor,
    domain,
    container: { name: spec.name, id: spec.id, image: spec.image.ref, source: `${spec.source.kind} ${spec.source.location}` },
    sections,
    dataType,
    warnings,
    runArguments: containerRunArguments(spec, options.exposedPorts),
  };
}
