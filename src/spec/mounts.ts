// Mounts as the container sees them. `Mounts[]` is the engine's resolved view;
// HostConfig.Mounts/Binds/Tmpfs fill in what it lacks (a `--tmpfs` mount is only
// ever in HostConfig.Tmpfs). Only a bind has a host path: a tmpfs lives in memory,
// and a volume's `_data` directory is the engine's business, not a host path the user chose.
import type { MountSpec, MountType } from './types.js';
import { normalizeHostPath } from './host-paths.js';
import type { InspectReader, JsonObject } from './inspect-reader.js';

const MOUNT_TYPES: ReadonlySet<string> = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'image', 'cluster']);
const PROPAGATION_MODES: ReadonlySet<string> = new Set(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);

function mountType(raw: string): MountType {
  return MOUNT_TYPES.has(raw) ? (raw as MountType) : 'unknown';
}

/** Builds a MountSpec, deriving `hostPath` from type and source so every source agrees. */
export function makeMount(type: MountType, source: string | null, destination: string, readOnly: boolean, propagation: string | null): MountSpec {
  const hostPath = type === 'bind' && source !== null && source !== '' ? normalizeHostPath(source) : null;
  return { type, source: source === '' ? null : source, hostPath, destination, readOnly, propagation: propagation || null };
}

/**
 * One `-v` / `Binds` entry: `SRC:DST[:OPTS]`. A source starting with `/` is a host path,
 * anything else a named volume; a lone path is an anonymous volume.
 */
export function parseBindSpec(bind: string): MountSpec {
  const first = bind.indexOf(':');
  if (first === -1) return makeMount('volume', null, bind, false, null);
  const source = bind.slice(0, first);
  const second = bind.indexOf(':', first + 1);
  const destination = second === -1 ? bind.slice(first + 1) : bind.slice(first + 1, second);
  let readOnly = false;
  let propagation: string | null = null;
  if (second !== -1) {
    for (const option of bind.slice(second + 1).split(',')) {
      if (option === 'ro') readOnly = true;
      else if (option === 'rw') readOnly = false;
      else if (PROPAGATION_MODES.has(option)) propagation = option;
    }
  }
  return makeMount(source.startsWith('/') ? 'bind' : 'volume', source, destination, readOnly, propagation);
}

/** A `--tmpfs DST:OPTS` mount; its options may say `ro`. */
export function tmpfsMount(destination: string, options: string): MountSpec {
  const readOnly = hasOption(options, 'ro');
  return makeMount('tmpfs', null, destination, readOnly, null);
}

export function mountsFromInspect(reader: InspectReader, container: JsonObject, hostConfig: JsonObject): MountSpec[] {
  const mounts: MountSpec[] = [];
  const resolved = reader.objectArray(container.Mounts, 'Mounts');
  for (let i = 0; i < resolved.length; i++) mounts.push(resolvedMount(reader, resolved[i] as JsonObject, i));

  const configured = reader.objectArray(hostConfig.Mounts, 'HostConfig.Mounts');
  for (let i = 0; i < configured.length; i++) addMissing(mounts, configuredMount(reader, configured[i] as JsonObject, i));

  const binds = reader.stringArray(hostConfig.Binds, 'HostConfig.Binds');
  if (binds !== null) for (const bind of binds) addMissing(mounts, parseBindSpec(bind));

  const tmpfs = reader.stringMap(hostConfig.Tmpfs, 'HostConfig.Tmpfs');
  for (const destination in tmpfs) addMissing(mounts, tmpfsMount(destination, tmpfs[destination] as string));
  return mounts;
}

/** Whether a comma-separated option list (`ro,z`, `rw,noexec,size=64m`) contains `option`. */
function hasOption(list: string, option: string): boolean {
  if (list === '') return false;
  let start = 0;
  while (start <= list.length) {
    let end = list.indexOf(',', start);
    if (end === -1) end = list.length;
    if (end - start === option.length && list.startsWith(option, start)) return true;
    start = end + 1;
  }
  return false;
}

function addMissing(mounts: MountSpec[], mount: MountSpec): void {
  const destination = normalizeHostPath(mount.destination);
  for (const existing of mounts) if (normalizeHostPath(existing.destination) === destination) return;
  mounts.push(mount);
}

/** An entry of `Mounts[]`. API 1.24 entries have no `Type`: a `Name` means a volume. */
function resolvedMount(reader: InspectReader, entry: JsonObject, index: number): MountSpec {
  const field = `Mounts[${index}]`;
  const name = reader.string(entry.Name, `${field}.Name`, '');
  const rawType = reader.string(entry.Type, `${field}.Type`, name === '' ? 'bind' : 'volume');
  const type = mountType(rawType);
  const source = type === 'volume' ? name : reader.string(entry.Source, `${field}.Source`, '');
  const destination = reader.requiredString(entry.Destination, `${field}.Destination`);
  const mode = reader.string(entry.Mode, `${field}.Mode`, '');
  // Without RW (hand-written input) the mode string is all there is.
  const readWrite = entry.RW == null ? !hasOption(mode, 'ro') : reader.boolean(entry.RW, `${field}.RW`, true);
  const propagation = reader.string(entry.Propagation, `${field}.Propagation`, '');
  return makeMount(type, type === 'tmpfs' ? null : source, destination, !readWrite, propagation);
}

/** An entry of `HostConfig.Mounts` (`--mount`). */
function configuredMount(reader: InspectReader, entry: JsonObject, index: number): MountSpec {
  const field = `HostConfig.Mounts[${index}]`;
  const type = mountType(reader.string(entry.Type, `${field}.Type`, 'volume'));
  const source = reader.string(entry.Source, `${field}.Source`, '');
  const destination = reader.requiredString(entry.Target, `${field}.Target`);
  const readOnly = reader.boolean(entry.ReadOnly, `${field}.ReadOnly`, false);
  const bindOptions = reader.object(entry.BindOptions, `${field}.BindOptions`);
  const propagation = reader.string(bindOptions.Propagation, `${field}.BindOptions.Propagation`, '');
  return makeMount(type, type === 'tmpfs' ? null : source, destination, readOnly, propagation);
}
