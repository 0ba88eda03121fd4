// Engine API `GET /containers/{id}/json` (API 1.24+) -> ContainerSpec.
// Runs once per container on the offline path, so it reads each field once,
// reuses the parsed arrays and maps it validated, and copies nothing it need not.
import type { ContainerSpec, DeviceMapping, SpecSource } from './types.js';
import { InspectError, type InspectLocation } from './inspect-error.js';
import { InspectReader, isJsonObject, type JsonObject } from './inspect-reader.js';
import { resolveCapabilities } from './capabilities.js';
import { mountsFromInspect } from './mounts.js';
import { findEngineSocketExposures } from './engine-sockets.js';
import { parseSecurityOptions } from './security-options.js';
import { networkNamespace, sharedNamespace } from './namespaces.js';
import { parseUser } from './user.js';
import { portsFromInspect } from './ports.js';
import { parseImageRef } from './image-ref.js';
import { resourcesFromInspect, ulimitsFromInspect } from './resources.js';
import { healthcheckFromInspect, restartPolicyFromInspect, stateFromInspect } from './lifecycle.js';

// Readers of inspect files need both; one import keeps them together.
export { parseInspectDocument } from './parse-inspect.js';

export interface FromInspectOptions {
  source: SpecSource;
  /** Path of the audited engine's unix socket: mounts reaching it are engine socket exposures. */
  engineSocket?: string | null;
  /** Position in the inspect document (from 0), for error messages. */
  index?: number;
}

export function fromInspect(raw: unknown, options: FromInspectOptions): ContainerSpec {
  const location: InspectLocation = { file: options.source.location };
  if (options.index !== undefined) location.index = options.index;
  if (!isJsonObject(raw)) throw new InspectError(location, 'must be an object (one container as printed by docker inspect)');
  const reader = new InspectReader(location);
  const id = reader.requiredString(raw.Id, 'Id');
  const name = stripSlash(reader.string(raw.Name, 'Name', '')) || id.slice(0, 12);
  location.name = name;
  if (raw.State === undefined && raw.RepoTags !== undefined) {
    throw new InspectError(location, 'is an image, not a container (it has RepoTags and no State)');
  }

  const state = reader.object(raw.State, 'State');
  const config = reader.object(raw.Config, 'Config');
  const hostConfig = reader.object(raw.HostConfig, 'HostConfig');
  const networkSettings = reader.object(raw.NetworkSettings, 'NetworkSettings');
  const privileged = reader.boolean(hostConfig.Privileged, 'HostConfig.Privileged', false);
  const mounts = mountsFromInspect(reader, raw, hostConfig);
  const imageId = reader.string(raw.Image, 'Image', '');

  return {
    id,
    name,
    source: options.source,
    image: parseImageRef(reader.string(config.Image, 'Config.Image', imageId), imageId),
    labels: reader.stringMap(config.Labels, 'Config.Labels'),
    state: stateFromInspect(reader, state),
    privileged,
    capabilities: resolveCapabilities({
      added: reader.stringArray(hostConfig.CapAdd, 'HostConfig.CapAdd'),
      dropped: reader.stringArray(hostConfig.CapDrop, 'HostConfig.CapDrop'),
      exact: reader.stringArray(hostConfig.Capabilities, 'HostConfig.Capabilities'),
      privileged,
    }),
    mounts,
    engineSockets: findEngineSocketExposures(mounts, options.engineSocket ?? null),
    namespaces: {
      network: networkNamespace(reader.string(hostConfig.NetworkMode, 'HostConfig.NetworkMode', 'default')),
      pid: sharedNamespace(reader.string(hostConfig.PidMode, 'HostConfig.PidMode', '')),
      ipc: sharedNamespace(reader.string(hostConfig.IpcMode, 'HostConfig.IpcMode', '')),
      uts: sharedNamespace(reader.string(hostConfig.UTSMode, 'HostConfig.UTSMode', '')),
      userns: sharedNamespace(reader.string(hostConfig.UsernsMode, 'HostConfig.UsernsMode', '')),
      cgroupns: sharedNamespace(reader.string(hostConfig.CgroupnsMode, 'HostConfig.CgroupnsMode', '')),
    },
    security: parseSecurityOptions(
      reader.stringArray(hostConfig.SecurityOpt, 'HostConfig.SecurityOpt'),
      reader.string(raw.AppArmorProfile, 'AppArmorProfile', ''),
      privileged,
    ),
    user: parseUser(reader.string(config.User, 'Config.User', '')),
    readOnlyRootfs: reader.boolean(hostConfig.ReadonlyRootfs, 'HostConfig.ReadonlyRootfs', false),
    devices: devicesFromInspect(reader, hostConfig),
    allDevices: privileged,
    ports: portsFromInspect(reader, config, hostConfig, networkSettings),
    resources: resourcesFromInspect(reader, hostConfig),
    restartPolicy: restartPolicyFromInspect(reader, hostConfig),
    healthcheck: healthcheckFromInspect(reader, config, state),
    ulimits: ulimitsFromInspect(reader, hostConfig),
    sysctls: reader.stringMap(hostConfig.Sysctls, 'HostConfig.Sysctls'),
    cgroupParent: reader.string(hostConfig.CgroupParent, 'HostConfig.CgroupParent', '') || null,
  };
}

function stripSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

function devicesFromInspect(reader: InspectReader, hostConfig: JsonObject): DeviceMapping[] {
  const entries = reader.objectArray(hostConfig.Devices, 'HostConfig.Devices');
  const devices: DeviceMapping[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as JsonObject;
    const field = `HostConfig.Devices[${i}]`;
    const hostPath = reader.requiredString(entry.PathOnHost, `${field}.PathOnHost`);
    devices.push({
      hostPath,
      containerPath: reader.string(entry.PathInContainer, `${field}.PathInContainer`, '') || hostPath,
      permissions: reader.string(entry.CgroupPermissions, `${field}.CgroupPermissions`, '') || 'rwm',
    });
  }
  return devices;
}
