// The `docker run` line that starts the container under its new type, and the
// exposed ports, which ContainerSpec does not carry (it models published ports).
import type { ContainerSpec } from '../spec/types.js';
import { parsePortKey } from '../spec/ports.js';
import { isJsonObject } from '../spec/inspect-reader.js';
import { SelinuxInputError } from './errors.js';

export interface ExposedPort {
  port: number;
  protocol: string;
}

/** `Config.ExposedPorts` of one raw inspect object (`{"8080/tcp": {}}`), sorted by port. */
export function exposedPortsOf(raw: unknown, where: string): ExposedPort[] {
  const config = isJsonObject(raw) ? raw.Config : undefined;
  const exposed = isJsonObject(config) ? config.ExposedPorts : undefined;
  if (exposed === undefined || exposed === null) return [];
  if (!isJsonObject(exposed)) throw new SelinuxInputError(`${where}: Config.ExposedPorts must be an object keyed by ports like 80/tcp`);
  const ports: ExposedPort[] = [];
  for (const key of Object.keys(exposed)) {
    const parsed = parsePortKey(key);
    if (parsed === null) throw new SelinuxInputError(`${where}: Config.ExposedPorts["${key}"] must be keyed by a port like 80/tcp`);
    ports.push({ port: parsed[0], protocol: parsed[1] });
  }
  return ports.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The container's SELinux-relevant options (mounts, devices, ports, capabilities) and its image. */
export function containerRunArguments(spec: ContainerSpec, exposed: readonly ExposedPort[]): string[] {
  const args: string[] = [];
  for (const mount of spec.mounts) {
    if (mount.hostPath !== null) args.push('-v', `${mount.hostPath}:${mount.destination}${mount.readOnly ? ':ro' : ''}`);
  }
  for (const device of spec.devices) {
    args.push('--device', `${device.hostPath}:${device.containerPath}${device.permissions === 'rwm' ? '' : `:${device.permissions}`}`);
  }
  const published = new Set<string>();
  // Docker lists a port bound on every interface twice (0.0.0.0 and ::): one -p.
  const publishFlags = new Set<string>();
  for (const port of spec.ports) {
    published.add(`${port.containerPort}/${port.protocol}`);
    const host = port.hostPort === null ? '' : `${port.hostIp && !port.allInterfaces ? `${port.hostIp}:` : ''}${port.hostPort}:`;
    publishFlags.add(`${host}${port.containerPort}${port.protocol === 'tcp' ? '' : `/${port.protocol}`}`);
  }
  for (const flag of publishFlags) args.push('-p', flag);
  for (const port of exposed) {
    const key = `${port.port}/${port.protocol}`;
    if (!published.has(key)) args.push('--expose', port.protocol === 'tcp' ? String(port.port) : key);
  }
  for (const name of spec.capabilities.dropped) args.push('--cap-drop', name);
  for (const name of spec.capabilities.added) args.push('--cap-add', name);
  args.push(spec.image.ref);
  return args;
}
