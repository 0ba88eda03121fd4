// One error hierarchy for everything between "which engine?" and "what did it say?".
// Messages are single lines a user can act on: they name the engine URL, how it
// was chosen, and how to choose another one.

/**
 * - `config`: the host, context or Docker config is malformed (a usage error).
 * - `unreachable`: nothing answers at the address, or we may not open the socket.
 * - `tls`: certificate files, trust, client authentication or a TLS/plain-HTTP mix-up.
 * - `timeout`: the engine accepted the connection but did not answer in time.
 * - `api`: the engine answered with an error status, or speaks an unsupported API version.
 * - `protocol`: the answer is not what a Docker Engine sends (not JSON, wrong shape).
 */
export type EngineErrorKind = 'config' | 'unreachable' | 'tls' | 'timeout' | 'api' | 'protocol';

export class EngineError extends Error {
  override name = 'EngineError';

  constructor(
    readonly kind: EngineErrorKind,
    /** Display URL of the engine (or the raw value that could not be parsed). */
    readonly host: string,
    message: string,
    /** HTTP status for `api` errors. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The host, context or config that selects the engine is invalid. */
export class HostError extends EngineError {
  override name = 'HostError';

  constructor(host: string, message: string) {
    super('config', host, message);
  }
}

/** The part of an endpoint an error message needs. */
export interface EndpointLabel {
  url: string;
  /** How the engine was chosen, e.g. `set by DOCKER_HOST`. */
  origin: string;
  /** How to pick another engine; unset means -H/--host or DOCKER_HOST. */
  howToChoose?: string;
}

const HOW_TO_CHOOSE = 'choose the engine with -H/--host or DOCKER_HOST';

/** `<what> at <url> (<origin>): <detail>; <hint>` as one line. */
export function engineError(
  kind: EngineErrorKind,
  endpoint: EndpointLabel,
  what: string,
  detail: string,
  options: { hint?: string | null; status?: number } = {},
): EngineError {
  const hint = options.hint === undefined ? (endpoint.howToChoose ?? HOW_TO_CHOOSE) : options.hint;
  const message = `${what} at ${endpoint.url} (${endpoint.origin}): ${detail}${hint === null ? '' : `; ${hint}`}`;
  return new EngineError(kind, endpoint.url, message, options.status ?? null);
}
