// Published ports: HostConfig.PortBindings is what was asked for (always there,
// even for created or stopped containers); NetworkSettings.Ports is what the
// engine bound at runtime (ephemeral ports resolved, `0.0.0.0` and `::` split out).
// Runtime wins for a port it knows; the configuration covers the rest.
import type { PortBinding } from './types.js';
import { isJsonObject, type InspectReader, type JsonObject } from './inspect-reader.js';

/** `''`, `0.0.0.0` and `::` (also written `[::]`) listen on every interface. */
export function isAllInterfaces(hostIp: string): boolean {
  return hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '[::]';
}

export function makePortBinding(containerPort: number, protocol: string, hostIp: string, hostPort: number | null): PortBinding {
  return {
    containerPort,
    protocol,
    hostIp,
    hostPort,
    allInterfaces: isAllInterfaces(hostIp),
    privilegedHostPort: hostPort !== null && hostPort > 0 && hostPort < 1024,
  };
}

/** `80/tcp` -> [80, 'tcp']; a bare `80` is TCP. Null when it is not a port. */
export function parsePortKey(key: string): [number, string] | null {
  const slash = key.indexOf('/');
  const port = toPort(slash === -1 ? key : key.slice(0, slash));
  if (port === null) return null;
  return [port, slash === -1 ? 'tcp' : key.slice(slash + 1).toLowerCase()];
}

/** A decimal port number 0-65535, or null. */
function toPort(text: string): number | null {
  if (text === '' || text.length > 5) return null;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return value <= 65535 ? value : null;
}

export function portsFromInspect(reader: InspectReader, config: JsonObject, hostConfig: JsonObject, networkSettings: JsonObject): PortBinding[] {
  const runtime = reader.object(networkSettings.Ports, 'NetworkSettings.Ports');
  const configured = reader.object(hostConfig.PortBindings, 'HostConfig.PortBindings');
  const ports: PortBinding[] = [];
  let runtimeKeys: string[] | null = null;
  for (const key in runtime) {
    if (addBindings(reader, ports, runtime, key, 'NetworkSettings.Ports')) (runtimeKeys ??= []).push(key);
  }
  for (const key in configured) {
    if (runtimeKeys?.includes(key)) continue;
    addBindings(reader, ports, configured, key, 'HostConfig.PortBindings');
  }
  // -P publishes every exposed port on an ephemeral host port; a container that
  // has not started yet shows that only here.
  if (reader.boolean(hostConfig.PublishAllPorts, 'HostConfig.PublishAllPorts', false)) {
    const exposed = reader.object(config.ExposedPorts, 'Config.ExposedPorts');
    for (const key in exposed) {
      if (key in runtime && runtime[key] != null) continue;
      if (key in configured && configured[key] != null) continue;
      const parsed = parsePortKey(key);
      if (parsed === null) reader.fail(`Config.ExposedPorts["${key}"]`, 'keyed by a port like 80/tcp');
      ports.push(makePortBinding(parsed[0], parsed[1], '', null));
    }
  }
  return ports;
}

/** Adds the bindings of one `80/tcp` entry; false when it has none (exposed, not published). */
function addBindings(reader: InspectReader, ports: PortBinding[], map: JsonObject, key: string, mapField: string): boolean {
  const field = `${mapField}["${key}"]`;
  const parsed = parsePortKey(key);
  if (parsed === null) reader.fail(field, 'keyed by a port like 80/tcp');
  const bindings = map[key];
  if (bindings === null || bindings === undefined) return false;
  if (!Array.isArray(bindings)) reader.fail(field, 'an array of {HostIp, HostPort} or null');
  for (let i = 0; i < bindings.length; i++) {
    const binding: unknown = bindings[i];
    if (!isJsonObject(binding)) reader.fail(`${field}[${i}]`, 'an object');
    const hostIp = reader.string(binding.HostIp, `${field}[${i}].HostIp`, '');
    const hostPortText = reader.string(binding.HostPort, `${field}[${i}].HostPort`, '');
    const hostPort = hostPortText === '' ? null : toPort(hostPortText);
    if (hostPort === null && hostPortText !== '') reader.fail(`${field}[${i}].HostPort`, 'a port number or empty');
    ports.push(makePortBinding(parsed[0], parsed[1], hostIp, hostPort));
  }
  return bindings.length > 0;
}
