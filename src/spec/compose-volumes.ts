// Compose mounts and devices: `volumes` (short `SRC:DST[:MODE]` and long syntax),
// `tmpfs`, `use_api_socket`, and `devices`. Relative and `~` sources are host paths
// resolved against the compose file's directory, as compose resolves them. A named
// volume declared with the local driver's `o: bind` + `device` is a host path too.
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { DeviceMapping, MountSpec, MountType } from './types.js';
import { makeMount, parseBindSpec, tmpfsMount } from './mounts.js';
import { normalizeHostPath } from './host-paths.js';
import type { FieldLines } from './field-lines.js';
import type { FieldReader } from './yaml-fields.js';
import { isYamlMap, type YamlMap } from './yaml-positions.js';

export interface ComposeMountContext {
  /** Directory of the compose file. */
  dir: string;
  /** Top-level `volumes:` of the file. */
  namedVolumes: YamlMap | undefined;
}

const LONG_TYPES: ReadonlySet<string> = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster']);
const DOCKER_SOCKET = '/var/run/docker.sock';

export function composeMounts(reader: FieldReader, service: YamlMap, context: ComposeMountContext, lines: FieldLines): MountSpec[] {
  const mounts: MountSpec[] = [];
  const add = (mount: MountSpec, line: number): void => {
    mounts.push(withEnginePropagation(mount));
    lines.set(`mount:${mount.destination}`, line);
  };
  const volumes = reader.list(service, 'volumes') ?? [];
  volumes.forEach((entry, index) => {
    const mount = typeof entry === 'string' ? shortVolume(entry, context) : isYamlMap(entry) ? longVolume(reader.within(`${reader.context} volumes item ${index + 1}`), entry, context) : null;
    if (mount === null) reader.expected(volumes, index, 'SOURCE:TARGET[:MODE] or a mapping with type and target', entry);
    add(mount, reader.line(volumes, index));
  });
  const tmpfs = service.tmpfs;
  const tmpfsList = typeof tmpfs === 'string' ? [tmpfs] : (reader.stringList(service, 'tmpfs') ?? []);
  tmpfsList.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const mount = tmpfsMount(colon === -1 ? entry : entry.slice(0, colon), colon === -1 ? '' : entry.slice(colon + 1));
    add(mount, Array.isArray(tmpfs) ? reader.line(tmpfs, index) : reader.line(service, 'tmpfs'));
  });
  if (reader.boolean(service, 'use_api_socket') === true) {
    add(makeMount('bind', DOCKER_SOCKET, DOCKER_SOCKET, false, null), reader.line(service, 'use_api_socket'));
  }
  return mounts;
}

/** The engine records `rprivate` for a bind mount that names no propagation. */
export function withEnginePropagation(mount: MountSpec): MountSpec {
  return mount.type === 'bind' && mount.propagation === null ? { ...mount, propagation: 'rprivate' } : mount;
}

function hostSource(source: string, dir: string): string | null {
  if (source === '~' || source.startsWith('~/')) return homedir() + source.slice(1);
  if (isAbsolute(source)) return source;
  if (source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../')) return resolve(dir, source);
  return null;
}

function shortVolume(text: string, context: ComposeMountContext): MountSpec {
  const colon = text.indexOf(':');
  if (colon === -1) return parseBindSpec(text);
  const source = text.slice(0, colon);
  const hostPath = hostSource(source, context.dir);
  if (hostPath !== null) return parseBindSpec(`${hostPath}${text.slice(colon)}`);
  return withVolumeBacking(parseBindSpec(text), context);
}

function longVolume(reader: FieldReader, entry: YamlMap, context: ComposeMountContext): MountSpec {
  const type = reader.string(entry, 'type');
  if (type === undefined || !LONG_TYPES.has(type)) {
    reader.expected(entry, 'type', `one of ${[...LONG_TYPES].join(', ')}`, entry.type);
  }
  const target = reader.string(entry, 'target');
  if (target === undefined) reader.fail(entry, 'target', 'target is required');
  const readOnly = reader.boolean(entry, 'read_only') ?? false;
  const bind = reader.map(entry, 'bind');
  const propagation = bind === undefined ? null : (reader.string(bind, 'propagation') ?? null);
  const rawSource = reader.string(entry, 'source') ?? null;
  if (type === 'tmpfs') return makeMount('tmpfs', null, target, readOnly, null);
  if (type === 'bind' && rawSource !== null) {
    return makeMount('bind', hostSource(rawSource, context.dir) ?? resolve(context.dir, rawSource), target, readOnly, propagation);
  }
  const mount = makeMount(type as MountType, rawSource, target, readOnly, propagation);
  return type === 'volume' ? withVolumeBacking(mount, context) : mount;
}

/** A local volume created with `o: bind` and a `device` is that host directory. */
function withVolumeBacking(mount: MountSpec, context: ComposeMountContext): MountSpec {
  if (mount.type !== 'volume' || mount.source === null || context.namedVolumes === undefined) return mount;
  const declared = context.namedVolumes[mount.source];
  if (!isYamlMap(declared)) return mount;
  const driver = declared.driver;
  const options = declared.driver_opts;
  if ((driver !== undefined && driver !== null && driver !== 'local') || !isYamlMap(options)) return mount;
  const device = options.device;
  const bound = typeof options.o === 'string' && options.o.split(',').includes('bind');
  if (!bound || typeof device !== 'string') return mount;
  const hostPath = hostSource(device, context.dir);
  return hostPath === null ? mount : { ...mount, hostPath: normalizeHostPath(hostPath) };
}

export function composeDevices(reader: FieldReader, service: YamlMap, lines: FieldLines): DeviceMapping[] {
  const entries = reader.list(service, 'devices') ?? [];
  return entries.map((entry, index) => {
    const device = typeof entry === 'string' ? shortDevice(entry) : isYamlMap(entry) ? longDevice(reader, entry) : null;
    if (device === null) reader.expected(entries, index, 'HOST[:CONTAINER[:PERMISSIONS]] or a mapping with source', entry);
    lines.set(`device:${device.containerPath}`, reader.line(entries, index));
    return device;
  });
}

const PERMISSIONS = /^[rwm]{1,3}$/;

/** The CLI's `--device` syntax: a second part that reads as permissions is permissions. */
function shortDevice(text: string): DeviceMapping | null {
  const parts = text.split(':');
  const hostPath = parts[0] ?? '';
  if (hostPath === '' || parts.length > 3) return null;
  if (parts.length === 2 && PERMISSIONS.test(parts[1] as string)) return { hostPath, containerPath: hostPath, permissions: parts[1] as string };
  return { hostPath, containerPath: parts[1] || hostPath, permissions: parts[2] || 'rwm' };
}

function longDevice(reader: FieldReader, entry: YamlMap): DeviceMapping | null {
  const hostPath = reader.string(entry, 'source');
  if (hostPath === undefined) return null;
  return { hostPath, containerPath: reader.string(entry, 'target') ?? hostPath, permissions: reader.string(entry, 'permissions') ?? 'rwm' };
}
