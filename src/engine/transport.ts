// GET-and-parse-JSON over a pool of keep-alive connections: the only I/O the client
// needs. Kept deliberately thin: an audit of 100 containers is ~100 of these calls,
// and node:http's per-request machinery cost more than everything harden does with
// the answers, so requests are written and answers parsed here (http-response.ts).
import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { ConnectionOptions, SecureContext, SecureContextOptions } from 'node:tls';
import { engineError, EngineError } from './errors.js';
import type { EngineEndpoint, EngineTls } from './host.js';
import { classifyNetworkError, PLAIN_HTTP_TO_TLS_BODY } from './network-errors.js';
import { ConnectionPool, DeadlineExceeded } from './connection-pool.js';
import { HttpParseError, type HttpResponse } from './http-response.js';
import { toolVersion } from '../util/package-info.js';

/** Inspect answers are a few KiB; anything this large is not a Docker Engine talking. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface TransportOptions {
  timeoutMs: number;
  concurrency: number;
}

export class JsonTransport {
  private readonly pathPrefix: string;
  private readonly headers: string;

  private constructor(
    private readonly endpoint: EngineEndpoint,
    private readonly options: TransportOptions,
    private readonly pool: ConnectionPool,
  ) {
    this.pathPrefix = endpoint.transport === 'tcp' ? endpoint.basePath : '';
    const host = endpoint.transport === 'unix' ? 'docker' : isIP(endpoint.hostname) === 6 ? `[${endpoint.hostname}]:${endpoint.port}` : `${endpoint.hostname}:${endpoint.port}`;
    this.headers = `Host: ${host}\r\nUser-Agent: harden/${toolVersion()}\r\nAccept: application/json\r\n\r\n`;
  }

  /** A transport with one keep-alive pool of `concurrency` connections; node:tls is loaded only for TLS. */
  static async open(endpoint: EngineEndpoint, options: TransportOptions): Promise<JsonTransport> {
    const dial = endpoint.transport === 'unix' ? () => netConnect({ path: endpoint.socketPath }) : await tcpDialer(endpoint);
    return new JsonTransport(endpoint, options, new ConnectionPool(dial, options.concurrency));
  }

  /** GETs `path` and parses the JSON answer; a non-2xx answer becomes an `api` EngineError with its status. */
  async getJson(path: string): Promise<unknown> {
    const answer = await this.get(path);
    const [error, value] = this.interpret(answer.status, answer.body.toString('utf8'), `GET ${path}`);
    if (error !== null) throw error;
    return value;
  }

  /**
   * The engine's API version from `GET /_ping`'s `Api-Version` header, as the docker
   * CLI negotiates; null when the engine does not send it (API older than 1.25).
   */
  async pingApiVersion(): Promise<string | null> {
    const answer = await this.get('/_ping');
    return answer.headers.get('api-version') ?? null;
  }

  private async get(path: string): Promise<HttpResponse> {
    const requestLine = `GET ${path}`;
    try {
      return await this.pool.exchange(`GET ${this.pathPrefix}${path} HTTP/1.1\r\n${this.headers}`, { maxBodyBytes: MAX_BODY_BYTES, timeoutMs: this.options.timeoutMs });
    } catch (error) {
      throw this.describeFailure(error as NodeJS.ErrnoException, requestLine);
    }
  }

  private describeFailure(error: NodeJS.ErrnoException, requestLine: string): EngineError {
    if (error instanceof DeadlineExceeded) {
      return engineError('timeout', this.endpoint, 'the Docker Engine did not answer', `no answer to ${requestLine} within ${this.options.timeoutMs / 1000} s`);
    }
    if (error instanceof HttpParseError && error.code === 'HPE_CUT_OFF') {
      return engineError('unreachable', this.endpoint, 'lost the connection to the Docker Engine', `the answer to ${requestLine} was cut off`);
    }
    if (error instanceof HttpParseError && error.code === 'HPE_TOO_LARGE') {
      return engineError('protocol', this.endpoint, 'not a Docker Engine', `the answer to ${requestLine}: ${error.message}`);
    }
    return classifyNetworkError(error, this.endpoint, requestLine);
  }

  close(): void {
    this.pool.close();
  }

  private interpret(status: number, text: string, requestLine: string): [EngineError | null, unknown?] {
    if (status >= 200 && status < 300) {
      try {
        return [null, JSON.parse(text)];
      } catch {
        return [engineError('protocol', this.endpoint, 'not a Docker Engine', `the answer to ${requestLine} is not JSON: ${preview(text)}`)];
      }
    }
    if (status === 400 && this.endpoint.tls === null && text.includes(PLAIN_HTTP_TO_TLS_BODY)) {
      return [
        engineError('tls', this.endpoint, 'plain HTTP to a TLS port of the Docker Engine', 'the engine speaks TLS here but the client used plain HTTP', {
          hint: 'add --tlsverify (or DOCKER_TLS_VERIFY=1) with its CA and a client certificate, or use https://',
        }),
      ];
    }
    return [
      engineError('api', this.endpoint, 'the Docker Engine refused a request', `${requestLine} answered ${status}: ${apiMessage(text)}`, { hint: null, status }),
    ];
  }
}

/** Opens TCP connections to the engine, through TLS when the endpoint has it. */
async function tcpDialer(endpoint: Extract<EngineEndpoint, { transport: 'tcp' }>): Promise<() => Socket> {
  const { hostname: host, port } = endpoint;
  const tls = endpoint.tls;
  if (tls === null) {
    return () => netConnect({ host, port, noDelay: true });
  }
  const { connect: tlsConnect, createSecureContext } = await import('node:tls');
  const secureContext = buildSecureContext(endpoint, tls, createSecureContext);
  // SNI carries names only (RFC 6066); the certificate is still checked against an IP address.
  const options: ConnectionOptions = { host, port, secureContext, rejectUnauthorized: tls.verify, servername: isIP(host) === 0 ? host : undefined };
  return () => tlsConnect(options).setNoDelay(true);
}

/** Built once so every pooled connection reuses the parsed CA and key, and bad PEM files fail before any I/O. */
function buildSecureContext(endpoint: EngineEndpoint, tls: EngineTls, createSecureContext: (options: SecureContextOptions) => SecureContext): SecureContext {
  try {
    return createSecureContext({ ca: tls.ca ?? undefined, cert: tls.cert ?? undefined, key: tls.key ?? undefined });
  } catch (error) {
    const files = [tls.caFile, tls.certFile, tls.keyFile].filter((file): file is string => file !== null).join(', ');
    throw engineError('tls', endpoint, 'TLS setup for the Docker Engine failed', `cannot use ${files || 'the TLS files'}: ${(error as Error).message}`, {
      hint: 'check that the files are PEM, that the key matches the certificate and that the key is not encrypted',
    });
  }
}

function apiMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message;
    }
  } catch {
    // Not JSON: show the raw text below.
  }
  return preview(text);
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '(empty body)';
  return oneLine.length > 120 ? `${JSON.stringify(oneLine.slice(0, 120))}...` : JSON.stringify(oneLine);
}
