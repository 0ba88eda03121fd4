// GET-and-parse-JSON over one keep-alive agent: the only I/O the client needs.
// Kept deliberately thin; an audit of 100 containers is ~100 of these calls and
// must cost no more than a plain script that lists and inspects.
import http from 'node:http';
import type { SecureContext, SecureContextOptions } from 'node:tls';
import { engineError, EngineError } from './errors.js';
import type { EngineEndpoint, EngineTls } from './host.js';
import { classifyNetworkError, PLAIN_HTTP_TO_TLS_BODY } from './network-errors.js';

/** Inspect answers are a few KiB; anything this large is not a Docker Engine talking. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface TransportOptions {
  timeoutMs: number;
  concurrency: number;
}

export class JsonTransport {
  private readonly requestBase: http.RequestOptions;
  private readonly pathPrefix: string;

  private constructor(
    private readonly endpoint: EngineEndpoint,
    private readonly options: TransportOptions,
    private readonly agent: http.Agent,
    private readonly request: typeof http.request,
  ) {
    this.requestBase =
      endpoint.transport === 'unix'
        ? { socketPath: endpoint.socketPath, agent }
        : { host: endpoint.hostname, port: endpoint.port, agent };
    this.pathPrefix = endpoint.transport === 'tcp' ? endpoint.basePath : '';
  }

  /** A transport with one keep-alive pool of `concurrency` connections; node:https is loaded only for TLS. */
  static async open(endpoint: EngineEndpoint, options: TransportOptions): Promise<JsonTransport> {
    const agentOptions: http.AgentOptions = { keepAlive: true, maxSockets: options.concurrency };
    const tls = endpoint.tls;
    if (tls === null) return new JsonTransport(endpoint, options, new http.Agent(agentOptions), http.request);
    const [https, { createSecureContext }] = await Promise.all([import('node:https'), import('node:tls')]);
    const secureContext = buildSecureContext(endpoint, tls, createSecureContext);
    const agent = new https.Agent({ ...agentOptions, secureContext, rejectUnauthorized: tls.verify });
    return new JsonTransport(endpoint, options, agent, https.request);
  }

  /** GETs `path` and parses the JSON answer; a non-2xx answer becomes an `api` EngineError with its status. */
  getJson(path: string): Promise<unknown> {
    const requestLine = `GET ${path}`;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: EngineError | null, value?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === null) resolve(value);
        else reject(error);
      };
      const req = this.request({ ...this.requestBase, path: this.pathPrefix + path, method: 'GET' }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy();
            finish(engineError('protocol', this.endpoint, 'not a Docker Engine', `the answer to ${requestLine} exceeds ${MAX_BODY_BYTES} bytes`));
          } else chunks.push(chunk);
        });
        res.on('error', (error: NodeJS.ErrnoException) => finish(classifyNetworkError(error, this.endpoint, requestLine)));
        res.on('close', () => {
          if (!res.complete) finish(engineError('unreachable', this.endpoint, 'lost the connection to the Docker Engine', `the answer to ${requestLine} was cut off`));
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          finish(...this.interpret(status, text, requestLine));
        });
      });
      // One deadline for connect, TLS handshake and the whole answer.
      const timer = setTimeout(() => {
        const seconds = this.options.timeoutMs / 1000;
        finish(engineError('timeout', this.endpoint, 'the Docker Engine did not answer', `no answer to ${requestLine} within ${seconds} s`));
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => finish(classifyNetworkError(error, this.endpoint, requestLine)));
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
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
