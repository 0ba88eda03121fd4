// Kubernetes manifests -> one ContainerSpec per container of each workload's pod
// template (containers, initContainers, ephemeralContainers). Objects that run no
// containers (Service, ConfigMap, ...) are skipped and listed, not errors; a `List`
// is read item by item.
import type { ContainerSpec, SpecSource } from './types.js';
import { FieldLines } from './field-lines.js';
import { FieldReader } from './yaml-fields.js';
import { isYamlMap, YamlInputError, type YamlDocumentValue, type YamlMap, type YamlValue } from './yaml-positions.js';
import { kubernetesContainer, type ContainerListKey, type PodContext } from './kubernetes-container.js';

/** Where each workload kind keeps its pod template (Pod: the object itself). */
const TEMPLATE_PATHS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
}));

const CONTAINER_LISTS: readonly ContainerListKey[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** A document is a Kubernetes object when it has apiVersion and kind. */
export function isKubernetesDocument(value: YamlValue): value is YamlMap {
  return isYamlMap(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** An object that runs no containers, listed like a skipped container in reports. */
export interface SkippedObject {
  id: string;
  /** `Service/web` */
  name: string;
  reason: string;
}

export interface KubernetesSpecs {
  specs: ContainerSpec[];
  skipped: SkippedObject[];
}

export function specsFromKubernetes(documents: readonly YamlDocumentValue[], file: string): KubernetesSpecs {
  const reader = new FieldReader(file, 'manifest');
  const result: KubernetesSpecs = { specs: [], skipped: [] };
  const source: SpecSource = { kind: 'kubernetes', location: file };
  for (const document of documents) {
    if (!isKubernetesDocument(document.value)) {
      throw new YamlInputError(file, document.line, `document ${document.index} is not a Kubernetes object: it needs apiVersion and kind`);
    }
    readObject(reader, document.value, source, result);
  }
  return result;
}

function readObject(reader: FieldReader, object: YamlMap, source: SpecSource, result: KubernetesSpecs): void {
  const kind = object.kind as string;
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(object.items))) {
    const items = reader.list(object, 'items') ?? [];
    items.forEach((item, index) => {
      if (!isKubernetesDocument(item)) reader.expected(items, index, 'a Kubernetes object with apiVersion and kind', item);
      readObject(reader, item, source, result);
    });
    return;
  }
  const metadata = reader.map(object, 'metadata') ?? (Object.create(null) as YamlMap);
  const name = reader.string(metadata, 'name') ?? reader.string(metadata, 'generateName') ?? '<unnamed>';
  const namespace = reader.string(metadata, 'namespace') ?? 'default';
  const idPrefix = `${source.location}#${kind}/${namespace}/${name}`;
  const path = TEMPLATE_PATHS.get(kind);
  if (path === undefined) {
    result.skipped.push({ id: idPrefix, name: `${kind}/${name}`, reason: `${kind} is not a workload: it runs no containers` });
    return;
  }
  const objectReader: FieldReader = reader.within(`${kind}/${name}`);
  const template = walk(objectReader, object, path);
  const podSpec = objectReader.map(template, 'spec');
  if (podSpec === undefined) objectReader.fail(template, 'spec', `${kind} has no pod spec at ${[...path, 'spec'].join('.')}`);
  const pod: PodContext = {
    source,
    objectName: `${kind}/${name}`,
    idPrefix,
    metadata: (kind === 'Pod' ? metadata : objectReader.map(template, 'metadata')) ?? (Object.create(null) as YamlMap),
    spec: podSpec,
    backoffLimit: kind === 'Job' || kind === 'CronJob' ? backoffLimit(objectReader, object, kind) : null,
  };
  for (const listKey of CONTAINER_LISTS) {
    const containers = objectReader.list(podSpec, listKey) ?? [];
    containers.forEach((_, index) => {
      const container = objectReader.itemMap(containers, index, 'a container mapping');
      const containerName = typeof container.name === 'string' ? container.name : `${listKey}[${index}]`;
      const lines = new FieldLines(source.location, objectReader.line(containers, index));
      const containerReader: FieldReader = objectReader.within(`${kind}/${name} container ${JSON.stringify(containerName)}`);
      result.specs.push(lines.attach(kubernetesContainer(containerReader, pod, container, listKey, lines)));
    });
  }
}

function walk(reader: FieldReader, object: YamlMap, path: readonly string[]): YamlMap {
  let node = object;
  for (const key of path) {
    const next = reader.map(node, key);
    if (next === undefined) reader.fail(node, key, `has no ${path.join('.')} (its pod template)`);
    node = next;
  }
  return node;
}

const DEFAULT_BACKOFF_LIMIT = 6;

function backoffLimit(reader: FieldReader, object: YamlMap, kind: string): number {
  const jobSpec = kind === 'Job' ? reader.map(object, 'spec') : walkOptional(reader, object, ['spec', 'jobTemplate', 'spec']);
  return (jobSpec && reader.number(jobSpec, 'backoffLimit')) ?? DEFAULT_BACKOFF_LIMIT;
}

function walkOptional(reader: FieldReader, object: YamlMap, path: readonly string[]): YamlMap | undefined {
  let node: YamlMap | undefined = object;
  for (const key of path) node = node && reader.map(node, key);
  return node;
}
