// Compose `ports:` in both syntaxes, published the way the engine would publish them:
// short `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` with ranges and bracketed
// IPv6 addresses, and the long {target, published, host_ip, protocol} mapping.
import type { PortBinding } from './types.js';
import { makePortBinding } from './ports.js';
import { portKey, type FieldLines } from './field-lines.js';
import type { FieldReader } from './yaml-fields.js';
import { isYamlMap, type YamlMap } from './yaml-positions.js';

const SHORT_SYNTAX = 'a port like [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]';

export function composePorts(reader: FieldReader, service: YamlMap, lines: FieldLines): PortBinding[] {
  const entries = reader.list(service, 'ports');
  if (entries === undefined) return [];
  const ports: PortBinding[] = [];
  entries.forEach((entry, index) => {
    let bindings: PortBinding[] | null;
    if (typeof entry === 'number') bindings = parseShortPort(String(entry));
    else if (typeof entry === 'string') bindings = parseShortPort(entry);
    else if (isYamlMap(entry)) bindings = parseLongPort(reader, entry);
    else bindings = null;
    if (bindings === null) reader.expected(entries, index, `${SHORT_SYNTAX} or a mapping with target`, entry);
    const line = reader.line(entries, index);
    for (const binding of bindings) {
      ports.push(binding);
      lines.set(`port:${portKey(binding)}`, line);
    }
  });
  return ports;
}

/** Null when the text is not a port specification. */
export function parseShortPort(text: string): PortBinding[] | null {
  let rest = text.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
  }
  let hostIp = '';
  let hostPart = '';
  let containerPart: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1 || rest.charAt(close + 1) !== ':') return null;
    hostIp = rest.slice(1, close);
    const parts = rest.slice(close + 2).split(':');
    if (parts.length !== 2) return null;
    hostPart = parts[0] as string;
    containerPart = parts[1] as string;
  } else {
    const parts = rest.split(':');
    containerPart = parts.pop() as string;
    hostPart = parts.pop() ?? '';
    // An unbracketed IPv6 address keeps its own colons.
    hostIp = parts.join(':');
  }
  return publish(protocol, hostIp, hostPart, containerPart);
}

function parseLongPort(reader: FieldReader, entry: YamlMap): PortBinding[] | null {
  const target = reader.string(entry, 'target');
  if (target === undefined) return null;
  const published = reader.string(entry, 'published') ?? '';
  const protocol = (reader.string(entry, 'protocol') ?? 'tcp').toLowerCase();
  return publish(protocol, reader.string(entry, 'host_ip') ?? '', published, target);
}

/** Pairs container ports with host ports; null when the ranges cannot be paired. */
function publish(protocol: string, hostIp: string, hostPart: string, containerPart: string): PortBinding[] | null {
  const container = parseRange(containerPart);
  if (container === null || protocol === '') return null;
  const bindings: PortBinding[] = [];
  if (hostPart === '') {
    for (let port = container[0]; port <= container[1]; port++) bindings.push(makePortBinding(port, protocol, hostIp, null));
    return bindings;
  }
  const host = parseRange(hostPart);
  if (host === null) return null;
  const count = container[1] - container[0];
  if (count === 0) {
    // One container port and a host range: the engine takes a free port of the range; the lowest is the one that matters for checks.
    return [makePortBinding(container[0], protocol, hostIp, host[0])];
  }
  if (host[1] - host[0] !== count) return null;
  for (let offset = 0; offset <= count; offset++) {
    bindings.push(makePortBinding(container[0] + offset, protocol, hostIp, host[0] + offset));
  }
  return bindings;
}

function parseRange(text: string): [number, number] | null {
  const dash = text.indexOf('-');
  const low = toPort(dash === -1 ? text : text.slice(0, dash));
  const high = dash === -1 ? low : toPort(text.slice(dash + 1));
  if (low === null || high === null || high < low) return null;
  return [low, high];
}

function toPort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}
