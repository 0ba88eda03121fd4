// The container `harden selinux generate` works on: one container from the engine
// (by name or id) or from an inspect file (`--from`).
import { readFile } from 'node:fs/promises';
import type { ContainerSpec, SpecSource } from '../spec/types.js';
import type { HostFlags } from '../engine/host.js';
import { fromInspect, parseInspectDocument } from '../spec/from-inspect.js';
import { isJsonObject } from '../spec/inspect-reader.js';
import { describeFsError } from '../util/fs-errors.js';
import { SelinuxInputError } from './errors.js';
import { exposedPortsOf, type ExposedPort } from './run-arguments.js';

export type TargetSource = { kind: 'engine'; flags: HostFlags; env?: NodeJS.ProcessEnv } | { kind: 'inspect-file'; path: string };

export interface LoadedTarget {
  spec: ContainerSpec;
  exposedPorts: ExposedPort[];
}

export async function loadTarget(target: string | undefined, source: TargetSource): Promise<LoadedTarget> {
  return source.kind === 'engine' ? loadFromEngine(target, source) : loadFromFile(target, source.path);
}

async function loadFromEngine(target: string | undefined, source: Extract<TargetSource, { kind: 'engine' }>): Promise<LoadedTarget> {
  if (!target) throw new SelinuxInputError('name the container: harden selinux generate CONTAINER --name MODULE --out DIR');
  const [{ resolveEndpoint }, { EngineClient }, { EngineError }] = await Promise.all([import('../engine/host.js'), import('../engine/client.js'), import('../engine/errors.js')]);
  const endpoint = await resolveEndpoint(source.flags, source.env ?? process.env);
  const client = await EngineClient.connect(endpoint);
  try {
    let raw: Record<string, unknown>;
    try {
      raw = await client.inspectContainer(target);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) throw new SelinuxInputError(`no container ${JSON.stringify(target)} on the engine at ${endpoint.url}; list them with docker ps -a`);
      throw error;
    }
    const specSource: SpecSource = { kind: 'engine', location: endpoint.url };
    const engineSocket = endpoint.transport === 'unix' ? endpoint.socketPath : null;
    return { spec: fromInspect(raw, { source: specSource, engineSocket }), exposedPorts: exposedPortsOf(raw, `${endpoint.url}: container ${target}`) };
  } finally {
    client.close();
  }
}

/** True when the object looks like one container of `docker inspect` output. */
function looksLikeContainer(raw: unknown): boolean {
  return isJsonObject(raw) && typeof raw.Id === 'string' && (isJsonObject(raw.HostConfig) || isJsonObject(raw.Config) || isJsonObject(raw.State));
}

function nameOf(raw: unknown): string {
  const name = isJsonObject(raw) && typeof raw.Name === 'string' ? raw.Name : '';
  return name.startsWith('/') ? name.slice(1) : name;
}

async function loadFromFile(target: string | undefined, path: string): Promise<LoadedTarget> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SelinuxInputError(`${path}: cannot read inspect file (${describeFsError(error)}); expected the output of \`docker inspect\``);
  }
  const documents = parseInspectDocument(text, path);
  const index = documents.findIndex((raw) => !looksLikeContainer(raw));
  if (index !== -1 || documents.length === 0) {
    throw new SelinuxInputError(`${path}: ${documents.length === 0 ? 'holds no containers' : `entry ${index} is not a container`}; expected the output of \`docker inspect CONTAINER\``);
  }
  let chosen: number;
  if (target) {
    chosen = documents.findIndex((raw) => nameOf(raw) === target || (isJsonObject(raw) && typeof raw.Id === 'string' && target.length >= 4 && raw.Id.startsWith(target)));
    if (chosen === -1) throw new SelinuxInputError(`${path}: no container ${JSON.stringify(target)} in it; it holds ${documents.map(nameOf).join(', ')}`);
  } else {
    if (documents.length > 1) throw new SelinuxInputError(`${path}: holds ${documents.length} containers (${documents.map(nameOf).join(', ')}); name one of them`);
    chosen = 0;
  }
  const raw = documents[chosen];
  const source: SpecSource = { kind: 'inspect-file', location: path };
  let spec = fromInspect(raw, { source, engineSocket: null, index: chosen });
  // A file does not say which socket its engine listened on: a bind-mounted
  // docker.sock outside the well-known paths is taken to be it.
  const socket = spec.engineSockets.length === 0 ? spec.mounts.find((mount) => mount.hostPath?.endsWith('/docker.sock')) : undefined;
  if (socket?.hostPath) spec = fromInspect(raw, { source, engineSocket: socket.hostPath, index: chosen });
  return { spec, exposedPorts: exposedPortsOf(raw, `${path}: container ${spec.name}`) };
}
