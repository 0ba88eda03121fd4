// Plain-JSON copies of spec parts for finding evidence, plus the wording that
// messages share. Spec types are interfaces, which TypeScript does not treat as
// index-signature objects, so evidence is built field by field.
import type { HealthcheckSetting, MountSpec, NamespaceSetting, PortBinding } from '../../../spec/types.js';
import type { JsonValue } from '../../types.js';

export type Evidence = { [key: string]: JsonValue };

export function mountEvidence(mount: MountSpec): Evidence {
  return {
    type: mount.type,
    source: mount.source,
    hostPath: mount.hostPath,
    destination: mount.destination,
    readOnly: mount.readOnly,
    propagation: mount.propagation,
  };
}

export function portEvidence(port: PortBinding): Evidence {
  return {
    containerPort: port.containerPort,
    protocol: port.protocol,
    hostIp: port.hostIp,
    hostPort: port.hostPort,
  };
}

export function namespaceEvidence(namespace: NamespaceSetting): Evidence {
  return { mode: namespace.mode, target: namespace.target, raw: namespace.raw };
}

export function healthcheckEvidence(healthcheck: HealthcheckSetting): Evidence {
  return {
    configured: healthcheck.configured,
    disabled: healthcheck.disabled,
    test: [...healthcheck.test],
    status: healthcheck.status,
  };
}

export function accessWord(readOnly: boolean): string {
  return readOnly ? 'read-only' : 'read-write';
}

/** `0.0.0.0:8080`, with IPv6 addresses bracketed so the port stays readable. */
export function hostAddress(port: PortBinding): string {
  const ip = port.hostIp === '' ? '0.0.0.0' : port.hostIp;
  const host = ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
  return port.hostPort === null ? `${host}, ephemeral port` : `${host}:${port.hostPort}`;
}

/** `mounts host path /etc read-write at /host/etc` */
export function describeHostMount(hostPath: string, mount: MountSpec): string {
  return `mounts host path ${hostPath} ${accessWord(mount.readOnly)} at ${mount.destination}`;
}
