// Compose files (the Compose Specification) -> one ContainerSpec per service, each
// with the lines of the keys that set its fields (see field-lines.ts).
//
// What an unset key means, and so what the spec says:
// - image defaults that a file cannot see (USER, HEALTHCHECK) count as unset: user
//   is root, there is no healthcheck;
// - network_mode unset is the project network (private); `service:x` joins x;
// - AppArmor unset is the engine's default profile (mode `default`, profile null);
// - restart unset is `no`; deploy.restart_policy is read when restart is absent.
// `extends` and `include` are refused with a pointer to `docker compose config`,
// which resolves them (and variable interpolation) into one file this reads fully.
import { basename, dirname } from 'node:path';
import type { ContainerSpec, NamespaceSetting, SecuritySettings, SpecSource } from './types.js';
import { normalizeCapabilityName } from './capabilities.js';
import { derivedFromDeclared } from './declared.js';
import { parseImageRef } from './image-ref.js';
import { networkNamespace, sharedNamespace } from './namespaces.js';
import { parseSecurityOptions, splitSecurityOption } from './security-options.js';
import { parseUser } from './user.js';
import { FieldLines } from './field-lines.js';
import { FieldReader } from './yaml-fields.js';
import { isYamlMap, keyLine, type YamlDocumentValue, type YamlMap } from './yaml-positions.js';
import { composeDevices, composeMounts } from './compose-volumes.js';
import { composePorts } from './compose-ports.js';
import { composeHealthcheck, composeResources, composeRestart, composeUlimits, listOrDict } from './compose-values.js';
import { COMPOSE_SERVICE_KEYS, COMPOSE_TOP_LEVEL_KEYS, checkKnownKeys, UNRESOLVED_HINT } from './compose-keys.js';

/** A document is a compose file when it has a top-level `services` mapping. */
export function isComposeDocument(value: unknown): value is YamlMap {
  return isYamlMap(value as YamlMap) && isYamlMap((value as YamlMap).services);
}

/**
 * @param file the path as given (used in messages, locations and ids).
 * @param absolutePath the same file resolved, for relative bind sources.
 */
export function specsFromCompose(document: YamlDocumentValue, file: string, absolutePath: string): ContainerSpec[] {
  const top = document.value as YamlMap;
  const reader = new FieldReader(file, 'compose file');
  checkKnownKeys(reader, top, COMPOSE_TOP_LEVEL_KEYS, 'top-level key');
  if ('include' in top) reader.fail(top, 'include', `include is not supported; ${UNRESOLVED_HINT}`);
  const services = top.services as YamlMap;
  const dir = dirname(absolutePath);
  const project = (reader.string(top, 'name') ?? basename(dir)).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  const namedVolumes = reader.map(top, 'volumes');
  const source: SpecSource = { kind: 'compose', location: file };
  const specs: ContainerSpec[] = [];
  for (const name in services) {
    const service = services[name];
    const serviceReader: FieldReader = reader.within(`service ${JSON.stringify(name)}`);
    if (service === null) serviceReader.fail(services, name, 'service is empty');
    if (!isYamlMap(service)) serviceReader.expected(services, name, 'a mapping', service);
    const lines = new FieldLines(file, keyLine(services, name) ?? 1);
    specs.push(lines.attach(buildService(serviceReader, name, service, { dir, namedVolumes, project, source }, lines)));
  }
  return specs;
}

interface ServiceContext {
  dir: string;
  namedVolumes: YamlMap | undefined;
  project: string;
  source: SpecSource;
}

function buildService(reader: FieldReader, name: string, service: YamlMap, context: ServiceContext, lines: FieldLines): ContainerSpec {
  checkKnownKeys(reader, service, COMPOSE_SERVICE_KEYS, 'key');
  if ('extends' in service) reader.fail(service, 'extends', `extends is not supported; ${UNRESOLVED_HINT}`);
  const at = (field: string, key: string): void => lines.set(field, key in service ? reader.line(service, key) : undefined);

  const privileged = reader.boolean(service, 'privileged') ?? false;
  at('privileged', 'privileged');
  const image = reader.string(service, 'image') ?? `${context.project}-${name}`;
  at('image', 'image');
  const added = reader.stringList(service, 'cap_add') ?? null;
  const dropped = reader.stringList(service, 'cap_drop') ?? null;
  at('capabilities.added', 'cap_add');
  at('capabilities.dropped', 'cap_drop');
  const addedList = reader.list(service, 'cap_add');
  added?.forEach((capability, index) => lines.set(`capability:${normalizeCapabilityName(capability)}`, addedList && reader.line(addedList, index)));
  const mounts = composeMounts(reader, service, { dir: context.dir, namedVolumes: context.namedVolumes }, lines);
  const labels: Record<string, string> = {};
  listOrDict(reader, service, 'labels', (key, value) => (labels[key] = value));
  at('labels', 'labels');
  const sysctls: Record<string, string> = {};
  listOrDict(reader, service, 'sysctls', (key, value, line) => {
    sysctls[key] = value;
    lines.set(`sysctl:${key}`, line);
  });
  const user = reader.string(service, 'user') ?? '';
  at('user', 'user');
  const readOnlyRootfs = reader.boolean(service, 'read_only') ?? false;
  at('readOnlyRootfs', 'read_only');
  const cgroupParent = reader.string(service, 'cgroup_parent') ?? '';
  at('cgroupParent', 'cgroup_parent');
  at('namespaces.network', 'network_mode');

  return {
    id: `${context.source.location}#services/${name}`,
    name,
    source: context.source,
    image: parseImageRef(image, null),
    labels,
    ...derivedFromDeclared({ privileged, added, dropped, mounts }),
    namespaces: {
      network: networkNamespace(joinTarget(reader.string(service, 'network_mode') ?? 'default')),
      pid: namespace(reader, service, 'pid', lines, 'namespaces.pid'),
      ipc: namespace(reader, service, 'ipc', lines, 'namespaces.ipc'),
      uts: namespace(reader, service, 'uts', lines, 'namespaces.uts'),
      userns: namespace(reader, service, 'userns_mode', lines, 'namespaces.userns'),
      cgroupns: namespace(reader, service, 'cgroup', lines, 'namespaces.cgroupns'),
    },
    security: securitySettings(reader, service, privileged, lines),
    user: parseUser(user),
    readOnlyRootfs,
    devices: composeDevices(reader, service, lines),
    ports: composePorts(reader, service, lines),
    resources: composeResources(reader, service, lines),
    restartPolicy: composeRestart(reader, service, lines),
    healthcheck: composeHealthcheck(reader, service, lines),
    ulimits: composeUlimits(reader, service, lines),
    sysctls,
    cgroupParent: cgroupParent === '' ? null : cgroupParent,
  };
}

/** Compose spells joining another service's namespace `service:NAME`; the engine says `container:NAME`. */
function joinTarget(raw: string): string {
  return raw.startsWith('service:') ? `container:${raw.slice('service:'.length)}` : raw;
}

function namespace(reader: FieldReader, service: YamlMap, key: string, lines: FieldLines, field: string): NamespaceSetting {
  const raw = reader.string(service, key);
  if (raw === undefined) return sharedNamespace('');
  lines.set(field, reader.line(service, key));
  return sharedNamespace(joinTarget(raw));
}

const SECURITY_FIELDS: ReadonlyMap<string, string> = new Map(Object.entries({
  seccomp: 'security.seccomp',
  apparmor: 'security.apparmor',
  label: 'security.selinux',
  disable: 'security.selinux',
  'no-new-privileges': 'security.noNewPrivileges',
}));

function securitySettings(reader: FieldReader, service: YamlMap, privileged: boolean, lines: FieldLines): SecuritySettings {
  const options = reader.stringList(service, 'security_opt') ?? null;
  const list = reader.list(service, 'security_opt');
  // The engine reads these in order and the last one wins; so does the line.
  options?.forEach((option, index) => {
    const field = SECURITY_FIELDS.get(splitSecurityOption(option).key);
    if (field !== undefined && list !== undefined) lines.set(field, reader.line(list, index), true);
  });
  const security = parseSecurityOptions(options, '', privileged);
  // No profile named and not privileged: the engine applies its default profile.
  if (security.apparmor.mode === 'unavailable') security.apparmor = { mode: 'default', profile: null };
  return security;
}
