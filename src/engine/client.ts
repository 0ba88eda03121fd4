// A lean Docker Engine API client: version negotiation, list, inspect. Nothing
// else is needed to audit containers, and nothing else is loaded.
import { engineError, EngineError, HostError } from './errors.js';
import type { EngineEndpoint } from './host.js';
import { JsonTransport } from './transport.js';
import { isJsonObject } from './json.js';

/** Oldest Engine API accepted (Docker 1.12). */
export const MIN_API_VERSION = '1.24';
/** Newest Engine API this client speaks; newer engines are asked for this one. */
export const MAX_API_VERSION = '1.47';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 16;

export interface EngineClientOptions {
  /** Deadline per request, covering connect, TLS handshake and the whole answer. */
  timeoutMs?: number;
  /** Inspect requests in flight at once (and pooled keep-alive connections). */
  concurrency?: number;
}

export interface EngineVersion {
  engineVersion: string;
  /** Newest API the engine speaks. */
  apiVersion: string;
  /** Oldest API the engine accepts; null for engines too old to say. */
  minApiVersion: string | null;
  /** The version every request uses: the lower of `apiVersion` and MAX_API_VERSION. */
  negotiatedApiVersion: string;
  os: string;
  arch: string;
}

export interface ContainerSummary {
  Id: string;
  /** With the engine's leading slash, e.g. `/web`. */
  Names: string[];
  Image: string;
  State: string;
}

/** A listed container that was gone by the time it was inspected. */
export interface SkippedInspect {
  id: string;
  name: string;
  reason: string;
}

export interface InspectOptions<T = Record<string, unknown>> {
  /**
   * Turns each inspect answer into the caller's model as it arrives, so that work
   * fills the time spent waiting for the engine's next answers.
   */
  transform?: (raw: Record<string, unknown>) => T;
  /** Called after each container is inspected or skipped; a returned promise is awaited before that worker goes on. */
  onProgress?: (done: number, total: number, id: string) => void | Promise<void>;
}

export interface InspectResult<T = Record<string, unknown>> {
  /** Inspect answers (raw JSON, or transformed), in list order. */
  inspected: T[];
  skipped: SkippedInspect[];
}

export class EngineClient {
  private versionAnswer: Promise<EngineVersion> | null;

  private constructor(
    readonly endpoint: EngineEndpoint,
    private readonly transport: JsonTransport,
    /** The newest API the engine speaks, as it said. */
    readonly apiVersion: string,
    private readonly negotiatedApiVersion: string,
    versionAnswer: Promise<EngineVersion> | null,
    private readonly concurrency: number,
  ) {
    this.versionAnswer = versionAnswer;
  }

  /**
   * Connects and negotiates the API version from `GET /_ping`'s `Api-Version`
   * header, as the docker CLI does. `GET /version` is asked only when needed:
   * dockerd answers it by running `runc --version` and `docker-init --version`,
   * processes that would compete with the audit for the host's CPU.
   */
  static async connect(endpoint: EngineEndpoint, options: EngineClientOptions = {}): Promise<EngineClient> {
    const timeoutMs = checkOption(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeout', 'a positive number of milliseconds', (value) => value > 0);
    const concurrency = checkOption(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency', 'a positive whole number', (value) => Number.isInteger(value) && value > 0);
    const transport = await JsonTransport.open(endpoint, { timeoutMs, concurrency });
    try {
      const pinged = await transport.pingApiVersion();
      if (pinged !== null && parseApiVersion(pinged) !== null) {
        return new EngineClient(endpoint, transport, pinged, checkApiVersion(endpoint, pinged), null, concurrency);
      }
      // Engines older than API 1.25 send no Api-Version header; their /version says it.
      const version = await fetchVersion(transport, endpoint);
      return new EngineClient(endpoint, transport, version.apiVersion, version.negotiatedApiVersion, Promise.resolve(version), concurrency);
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  /** The engine's `GET /version` (asked once), with the API version every request uses. */
  async version(): Promise<EngineVersion> {
    this.versionAnswer ??= fetchVersion(this.transport, this.endpoint);
    return { ...(await this.versionAnswer) };
  }

  /** Raw `GET /info` JSON (daemon configuration as the engine reports it). */
  async info(): Promise<Record<string, unknown>> {
    const path = `${this.prefix()}/info`;
    const answer = await this.transport.getJson(path);
    if (!isJsonObject(answer)) throw this.shapeError(`GET ${path}`, 'a JSON object');
    return answer;
  }

  async listContainers(options: { all: boolean }): Promise<ContainerSummary[]> {
    const path = `${this.prefix()}/containers/json${options.all ? '?all=1' : ''}`;
    const answer = await this.transport.getJson(path);
    if (!Array.isArray(answer)) throw this.shapeError(`GET ${path}`, 'a JSON array');
    return answer.map((entry: unknown) => {
      if (!isJsonObject(entry) || typeof entry.Id !== 'string') throw this.shapeError(`GET ${path}`, 'entries with a string "Id"');
      const names = Array.isArray(entry.Names) ? entry.Names.filter((name): name is string => typeof name === 'string') : [];
      return { Id: entry.Id, Names: names, Image: stringOr(entry.Image), State: stringOr(entry.State) };
    });
  }

  /** Raw inspect JSON; a missing container is an `api` EngineError with status 404. */
  async inspectContainer(id: string): Promise<Record<string, unknown>> {
    const path = `${this.prefix()}/containers/${encodeURIComponent(id)}/json`;
    const answer = await this.transport.getJson(path);
    if (!isJsonObject(answer)) throw this.shapeError(`GET ${path}`, 'a JSON object');
    return answer;
  }

  /** Inspects listed containers (in list order), with bounded concurrency; those removed since the list are skipped, not errors. */
  async inspectListed<T = Record<string, unknown>>(listed: ContainerSummary[], options: InspectOptions<T> = {}): Promise<InspectResult<T>> {
    const transform = options.transform ?? ((raw: Record<string, unknown>) => raw as T);
    const inspected: (T | undefined)[] = new Array(listed.length);
    const skipped: (SkippedInspect | undefined)[] = new Array(listed.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < listed.length) {
        const index = next++;
        const entry = listed[index] as ContainerSummary;
        try {
          inspected[index] = transform(await this.inspectContainer(entry.Id));
        } catch (error) {
          if (!(error instanceof EngineError && error.status === 404)) {
            failed = true;
            throw error;
          }
          skipped[index] = { id: entry.Id, name: displayName(entry), reason: 'removed after it was listed (inspect answered 404)' };
        }
        done++;
        if (options.onProgress) await options.onProgress(done, listed.length, entry.Id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, listed.length) }, worker));
    return {
      inspected: inspected.filter((entry): entry is T => entry !== undefined),
      skipped: skipped.filter((entry): entry is SkippedInspect => entry !== undefined),
    };
  }

  /** Closes pooled connections. */
  close(): void {
    this.transport.close();
  }

  private prefix(): string {
    return `/v${this.negotiatedApiVersion}`;
  }

  private shapeError(request: string, expected: string): EngineError {
    return engineError('protocol', this.endpoint, 'unexpected answer from the Docker Engine', `${request} did not return ${expected}`, { hint: null });
  }
}

async function fetchVersion(transport: JsonTransport, endpoint: EngineEndpoint): Promise<EngineVersion> {
  return negotiate(endpoint, await transport.getJson('/version'));
}

function negotiate(endpoint: EngineEndpoint, answer: unknown): EngineVersion {
  const unexpected = (detail: string): EngineError => engineError('protocol', endpoint, 'not a Docker Engine', `GET /version ${detail}`);
  if (!isJsonObject(answer)) throw unexpected('did not return a JSON object');
  const apiVersion = answer.ApiVersion;
  if (typeof apiVersion !== 'string' || parseApiVersion(apiVersion) === null) throw unexpected('has no valid "ApiVersion"');
  const minApiVersion = typeof answer.MinAPIVersion === 'string' && parseApiVersion(answer.MinAPIVersion) !== null ? answer.MinAPIVersion : null;
  if (minApiVersion !== null && compareApiVersions(minApiVersion, MAX_API_VERSION) > 0) {
    throw engineError('api', endpoint, 'unsupported Docker Engine', `it needs Engine API ${minApiVersion} or newer; harden speaks up to ${MAX_API_VERSION}`, { hint: 'upgrade harden' });
  }
  return {
    engineVersion: stringOr(answer.Version),
    apiVersion,
    minApiVersion,
    negotiatedApiVersion: checkApiVersion(endpoint, apiVersion),
    os: stringOr(answer.Os),
    arch: stringOr(answer.Arch),
  };
}

/** The version to speak with an engine whose newest API is `apiVersion` (valid `major.minor`): the lower of it and MAX_API_VERSION. */
function checkApiVersion(endpoint: EngineEndpoint, apiVersion: string): string {
  if (compareApiVersions(apiVersion, MIN_API_VERSION) < 0) {
    throw engineError('api', endpoint, 'unsupported Docker Engine', `it speaks Engine API ${apiVersion}, older than ${MIN_API_VERSION} (Docker 1.12), the oldest harden supports`, { hint: 'upgrade the engine' });
  }
  return compareApiVersions(apiVersion, MAX_API_VERSION) < 0 ? apiVersion : MAX_API_VERSION;
}

function parseApiVersion(version: string): [number, number] | null {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Negative, zero or positive as `a` is older, equal or newer than `b` (both valid `major.minor`). */
function compareApiVersions(a: string, b: string): number {
  const [aMajor, aMinor] = parseApiVersion(a) ?? [0, 0];
  const [bMajor, bMinor] = parseApiVersion(b) ?? [0, 0];
  return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
}

function displayName(entry: ContainerSummary): string {
  const name = entry.Names[0];
  return name === undefined ? entry.Id.slice(0, 12) : name.replace(/^\//, '');
}

function checkOption(value: number, what: string, expected: string, isValid: (value: number) => boolean): number {
  if (!Number.isFinite(value) || !isValid(value)) throw new HostError(String(value), `invalid engine ${what} ${value}: expected ${expected}`);
  return value;
}


function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
