// One container of a pod template -> ContainerSpec. Pod-level settings (host
// namespaces, volumes, sysctls, restart policy) apply to each of its containers.
//
// Mappings that are not one-to-one, and what this takes them to mean:
// - hostPath volumes mounted by the container are bind mounts (with subPath joined);
//   an emptyDir in memory is a tmpfs; every other volume is a named volume;
// - mountPropagation Bidirectional is `rshared`, HostToContainer `rslave`, None
//   (the default) `rprivate`, as the runtime records it;
// - a port is published on the host when it has a hostPort, or under hostNetwork,
//   where Kubernetes defaults hostPort to containerPort;
// - limits.cpu is NanoCpus; requests.cpu (or limits.cpu) is CPU shares (1 core = 1024);
// - a pod's PIDs limit is a kubelet setting, never in the manifest: pidsLimit is null;
// - restartPolicy Always/OnFailure/Never is always/on-failure/no; a Job's backoffLimit
//   (default 6) is the retry count; ephemeral containers are never restarted;
// - the liveness, readiness or startup probe is the healthcheck.
import { posix } from 'node:path';
import type { ContainerSpec, HealthcheckSetting, MountSpec, PortBinding, Resources, RestartPolicy, SpecSource } from './types.js';
import { normalizeCapabilityName } from './capabilities.js';
import { derivedFromDeclared } from './declared.js';
import { parseImageRef } from './image-ref.js';
import { networkNamespace, sharedNamespace } from './namespaces.js';
import { makeMount } from './mounts.js';
import { makePortBinding } from './ports.js';
import { portKey, type FieldLines } from './field-lines.js';
import type { FieldReader } from './yaml-fields.js';
import { isYamlMap, type YamlMap } from './yaml-positions.js';
import { kubernetesSecurity, kubernetesUser } from './kubernetes-security.js';
import { parseQuantity } from './kubernetes-quantity.js';

export interface PodContext {
  source: SpecSource;
  /** `Deployment/web` */
  objectName: string;
  /** Stable id prefix: `file#Kind/namespace/name`. */
  idPrefix: string;
  metadata: YamlMap;
  spec: YamlMap;
  /** Retries of a Job's pods (backoffLimit), null for other workloads. */
  backoffLimit: number | null;
}

export type ContainerListKey = 'containers' | 'initContainers' | 'ephemeralContainers';

export function kubernetesContainer(reader: FieldReader, pod: PodContext, container: YamlMap, list: ContainerListKey, lines: FieldLines): ContainerSpec {
  const name = reader.string(container, 'name');
  if (name === undefined) reader.fail(container, 'name', 'container has no name');
  const podSecurity = reader.map(pod.spec, 'securityContext');
  const securityContext = reader.map(container, 'securityContext');
  const contexts = { container: securityContext, pod: podSecurity, annotations: reader.map(pod.metadata, 'annotations'), containerName: name };
  const set = (field: string, parent: YamlMap | undefined, key: string) => {
    if (parent !== undefined && key in parent) lines.set(field, reader.line(parent, key));
  };

  const privileged = (securityContext && reader.boolean(securityContext, 'privileged')) ?? false;
  set('privileged', securityContext, 'privileged');
  const capabilities = securityContext && reader.map(securityContext, 'capabilities');
  const added = (capabilities && reader.stringList(capabilities, 'add')) ?? null;
  const dropped = (capabilities && reader.stringList(capabilities, 'drop')) ?? null;
  set('capabilities.added', capabilities, 'add');
  set('capabilities.dropped', capabilities, 'drop');
  const addList = capabilities?.add;
  if (added !== null && Array.isArray(addList)) added.forEach((capability, index) => lines.set(`capability:${normalizeCapabilityName(capability)}`, reader.line(addList, index)));
  const readOnlyRootfs = (securityContext && reader.boolean(securityContext, 'readOnlyRootFilesystem')) ?? false;
  set('readOnlyRootfs', securityContext, 'readOnlyRootFilesystem');
  const image = reader.string(container, 'image') ?? '';
  set('image', container, 'image');
  const labels: Record<string, string> = {};
  const labelMap = reader.map(pod.metadata, 'labels');
  for (const key in labelMap) labels[key] = reader.string(labelMap, key) ?? '';
  set('labels', pod.metadata, 'labels');
  const hostNetwork = reader.boolean(pod.spec, 'hostNetwork') ?? false;
  const mounts = containerMounts(reader, pod.spec, container, lines);

  return {
    id: `${pod.idPrefix}/${name}`,
    name: `${pod.objectName}/${name}`,
    source: pod.source,
    image: parseImageRef(image, null),
    labels,
    ...derivedFromDeclared({ privileged, added, dropped, mounts }),
    namespaces: {
      network: networkNamespace(hostNamespace(reader, pod.spec, 'hostNetwork', 'namespaces.network', lines) ? 'host' : 'default'),
      pid: sharedNamespace(hostNamespace(reader, pod.spec, 'hostPID', 'namespaces.pid', lines) ? 'host' : ''),
      ipc: sharedNamespace(hostNamespace(reader, pod.spec, 'hostIPC', 'namespaces.ipc', lines) ? 'host' : ''),
      uts: sharedNamespace(''),
      userns: sharedNamespace(''),
      cgroupns: sharedNamespace(''),
    },
    security: kubernetesSecurity(reader, contexts, privileged, lines),
    user: kubernetesUser(reader, contexts, lines),
    readOnlyRootfs,
    devices: [],
    ports: containerPorts(reader, container, hostNetwork, lines),
    resources: containerResources(reader, container, lines),
    restartPolicy: restartPolicy(reader, pod, list, lines),
    healthcheck: probe(reader, container, lines),
    ulimits: [],
    sysctls: podSysctls(reader, podSecurity, lines),
    cgroupParent: null,
  };
}

function hostNamespace(reader: FieldReader, podSpec: YamlMap, key: string, field: string, lines: FieldLines): boolean {
  const value = reader.boolean(podSpec, key) ?? false;
  if (value) lines.set(field, reader.line(podSpec, key));
  return value;
}

const PROPAGATION: ReadonlyMap<string, string> = new Map(Object.entries({ None: 'rprivate', HostToContainer: 'rslave', Bidirectional: 'rshared' }));

function containerMounts(reader: FieldReader, podSpec: YamlMap, container: YamlMap, lines: FieldLines): MountSpec[] {
  const volumeMounts = reader.list(container, 'volumeMounts') ?? [];
  const volumes = reader.list(podSpec, 'volumes') ?? [];
  return volumeMounts.map((_, index) => {
    const volumeMount = reader.itemMap(volumeMounts, index, 'a volume mount mapping');
    const volumeName = reader.string(volumeMount, 'name');
    const destination = reader.string(volumeMount, 'mountPath');
    if (volumeName === undefined || destination === undefined) reader.fail(volumeMount, volumeName === undefined ? 'name' : 'mountPath', 'a volume mount needs name and mountPath');
    const volume = volumes.find((entry) => isYamlMap(entry) && entry.name === volumeName);
    if (!isYamlMap(volume)) reader.fail(volumeMount, 'name', `volume mount refers to volume ${JSON.stringify(volumeName)}, which the pod does not define`);
    const readOnly = reader.boolean(volumeMount, 'readOnly') ?? false;
    const propagationName = reader.string(volumeMount, 'mountPropagation') ?? 'None';
    const propagation = PROPAGATION.get(propagationName);
    if (propagation === undefined) reader.expected(volumeMount, 'mountPropagation', 'None, HostToContainer or Bidirectional', propagationName);
    const subPath = reader.string(volumeMount, 'subPath') ?? '';
    lines.set(`mount:${destination}`, reader.line(volumeMounts, index));
    const hostPath = reader.map(volume, 'hostPath');
    if (hostPath !== undefined) {
      const path = reader.string(hostPath, 'path');
      if (path === undefined) reader.fail(hostPath, 'path', 'hostPath needs a path');
      return makeMount('bind', subPath === '' ? path : posix.join(path, subPath), destination, readOnly, propagation);
    }
    const emptyDir = reader.map(volume, 'emptyDir');
    if (emptyDir !== undefined && reader.string(emptyDir, 'medium') === 'Memory') return makeMount('tmpfs', null, destination, readOnly, null);
    return makeMount('volume', volumeName, destination, readOnly, null);
  });
}

function containerPorts(reader: FieldReader, container: YamlMap, hostNetwork: boolean, lines: FieldLines): PortBinding[] {
  const entries = reader.list(container, 'ports') ?? [];
  const ports: PortBinding[] = [];
  entries.forEach((_, index) => {
    const entry = reader.itemMap(entries, index, 'a container port mapping');
    const containerPort = reader.number(entry, 'containerPort');
    if (containerPort === undefined) reader.fail(entry, 'containerPort', 'a port needs containerPort');
    const hostPort = reader.number(entry, 'hostPort') ?? (hostNetwork ? containerPort : undefined);
    if (hostPort === undefined || hostPort === 0) return;
    const port = makePortBinding(containerPort, (reader.string(entry, 'protocol') ?? 'TCP').toLowerCase(), reader.string(entry, 'hostIP') ?? '', hostPort);
    lines.set(`port:${portKey(port)}`, reader.line(entry, 'hostPort' in entry ? 'hostPort' : 'containerPort'));
    ports.push(port);
  });
  return ports;
}

function containerResources(reader: FieldReader, container: YamlMap, lines: FieldLines): Resources {
  const resources = reader.map(container, 'resources');
  const limits = resources && reader.map(resources, 'limits');
  const requests = resources && reader.map(resources, 'requests');
  const quantity = (parent: YamlMap | undefined, key: string, field: string | null): number | null => {
    const value = parent?.[key];
    if (parent === undefined || value === undefined || value === null) return null;
    const parsed = typeof value === 'string' || typeof value === 'number' ? parseQuantity(value) : null;
    if (parsed === null) return reader.expected(parent, key, 'a quantity such as 128Mi or 500m', value);
    if (field !== null) lines.set(field, reader.line(parent, key));
    return parsed;
  };
  const memory = quantity(limits, 'memory', 'resources.memory');
  const cpu = quantity(limits, 'cpu', 'resources.cpu');
  const requestedCpu = quantity(requests, 'cpu', 'resources.cpu') ?? cpu;
  const positive = (value: number | null) => (value === null || value <= 0 ? null : Math.floor(value));
  return {
    memory: positive(memory),
    memorySwap: null,
    memoryReservation: positive(quantity(requests, 'memory', null)),
    // The kubelet's conversion: shares = milli-cores * 1024 / 1000, at least 2.
    cpuShares: requestedCpu === null ? null : Math.max(2, Math.floor(requestedCpu * 1024)),
    nanoCpus: positive(cpu === null ? null : cpu * 1e9),
    cpuQuota: null,
    cpuPeriod: null,
    cpusetCpus: null,
    pidsLimit: null,
  };
}

const RESTART_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({ Always: 'always', OnFailure: 'on-failure', Never: 'no' }));

function restartPolicy(reader: FieldReader, pod: PodContext, list: ContainerListKey, lines: FieldLines): RestartPolicy {
  if (list === 'ephemeralContainers') return { name: 'no', maximumRetryCount: 0 };
  const policy = reader.string(pod.spec, 'restartPolicy') ?? 'Always';
  if ('restartPolicy' in pod.spec) lines.set('restartPolicy', reader.line(pod.spec, 'restartPolicy'));
  const name = RESTART_NAMES.get(policy);
  if (name === undefined) return reader.expected(pod.spec, 'restartPolicy', 'Always, OnFailure or Never', policy);
  return { name, maximumRetryCount: name === 'on-failure' ? (pod.backoffLimit ?? 0) : 0 };
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

function probe(reader: FieldReader, container: YamlMap, lines: FieldLines): HealthcheckSetting {
  for (const key of PROBES) {
    const found = reader.map(container, key);
    if (found === undefined) continue;
    lines.set('healthcheck', reader.line(container, key));
    const exec = reader.map(found, 'exec');
    const command = exec && reader.stringList(exec, 'command');
    const test = command ? ['CMD', ...command] : [`${key}:${Object.keys(found).find((handler) => ['httpGet', 'tcpSocket', 'grpc'].includes(handler)) ?? 'unknown'}`];
    return { configured: true, disabled: false, test, status: null };
  }
  return { configured: false, disabled: false, test: [], status: null };
}

function podSysctls(reader: FieldReader, podSecurity: YamlMap | undefined, lines: FieldLines): Record<string, string> {
  const sysctls: Record<string, string> = {};
  const entries = podSecurity && reader.list(podSecurity, 'sysctls');
  entries?.forEach((_, index) => {
    const entry = reader.itemMap(entries, index, 'a sysctl {name, value}');
    const name = reader.string(entry, 'name');
    if (name === undefined) reader.fail(entry, 'name', 'a sysctl needs a name');
    sysctls[name] = reader.string(entry, 'value') ?? '';
    lines.set(`sysctl:${name}`, reader.line(entries, index));
  });
  return sysctls;
}
