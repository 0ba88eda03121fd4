// One probe connection of `harden tls verify`: dial, optionally shake hands with
// TLS, send `GET /_ping`, and record everything that happened, including what
// went wrong. Nothing is judged here; verify.ts turns the record into verdicts.
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { X509Certificate } from 'node:crypto';

export interface ProbeTarget {
  hostname: string;
  port: number;
  /** API path prefix from `tcp://host:port/prefix`; usually empty. */
  basePath: string;
}

export interface TlsCredentials {
  ca: string;
  cert?: string;
  key?: string;
}

export interface HttpAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export interface ProbeRecord {
  /** Whether a TCP connection was ever established. */
  connected: boolean;
  /** Set once the TLS handshake finished (from the client's side). */
  handshake: {
    protocol: string | null;
    peerCertificate: X509Certificate | null;
    /** OpenSSL's verdict on the server chain (CA and dates; the name is checked separately). */
    chainError: string | null;
  } | null;
  answer: HttpAnswer | null;
  error: NodeJS.ErrnoException | null;
}

/** The code a probe that ran out of time reports. */
export const PROBE_TIMEOUT = 'PROBE_TIMEOUT';

export function probeTls(target: ProbeTarget, credentials: TlsCredentials, timeoutMs: number): Promise<ProbeRecord> {
  return exchange(target, timeoutMs, (record) => {
    const socket: TLSSocket = connectTls({
      host: target.hostname,
      port: target.port,
      // SNI carries DNS names only; Node refuses an IP address there.
      servername: isIP(target.hostname) === 0 ? target.hostname : undefined,
      ca: credentials.ca,
      cert: credentials.cert,
      key: credentials.key,
      // Judge the chain, but keep the connection so the daemon's side can be probed too.
      rejectUnauthorized: false,
      // Go clients never fall back to the Common Name: the name is checked by san-match.ts instead.
      checkServerIdentity: () => undefined,
    });
    socket.once('connect', () => (record.connected = true));
    socket.once('secureConnect', () => {
      record.connected = true;
      const chainError = socket.authorizationError;
      record.handshake = {
        protocol: socket.getProtocol(),
        peerCertificate: socket.getPeerX509Certificate() ?? null,
        chainError: chainError === null || chainError === undefined ? null : String(chainError),
      };
    });
    return { socket, ready: 'secureConnect' };
  });
}

export function probePlainHttp(target: ProbeTarget, timeoutMs: number): Promise<ProbeRecord> {
  return exchange(target, timeoutMs, (record) => {
    const socket = connectTcp({ host: target.hostname, port: target.port });
    socket.once('connect', () => (record.connected = true));
    return { socket, ready: 'connect' };
  });
}

function exchange(target: ProbeTarget, timeoutMs: number, open: (record: ProbeRecord) => { socket: Socket; ready: string }): Promise<ProbeRecord> {
  const record: ProbeRecord = { connected: false, handshake: null, answer: null, error: null };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const { socket, ready } = open(record);
    const finish = (): void => {
      clearTimeout(timer);
      record.answer ??= parseAnswer(Buffer.concat(chunks).toString('utf8'));
      socket.destroy();
      resolve(record);
    };
    const timer = setTimeout(() => {
      record.error ??= Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: PROBE_TIMEOUT });
      finish();
    }, timeoutMs);
    socket.once(ready, () => {
      const host = isIP(target.hostname) === 6 ? `[${target.hostname}]` : target.hostname;
      socket.write(`GET ${target.basePath}/_ping HTTP/1.1\r\nHost: ${host}:${target.port}\r\nUser-Agent: harden-tls-verify\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (record.error ??= error));
    socket.once('close', finish);
  });
}

/** A whole HTTP/1.x response as written by the daemon (it closes the connection after it). */
function parseAnswer(text: string): HttpAnswer | null {
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (statusLine === null) return null;
  const headerEnd = text.indexOf('\r\n\r\n');
  const head = headerEnd === -1 ? text : text.slice(0, headerEnd);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine[1]), headers, body: headerEnd === -1 ? '' : text.slice(headerEnd + 4) };
}
