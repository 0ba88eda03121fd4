// `harden tls verify -H tcp://HOST:PORT`: probes a live daemon the way clients
// meet it, and says for each property whether it holds and, if not, why.
import { createSecureContext } from 'node:tls';
import { EngineError } from '../engine/errors.js';
import { resolveEndpoint, type HostFlags, type TcpEndpoint } from '../engine/host.js';
import { readCertificate, type CertificateFacts } from './cert-reader.js';
import { TlsInputError } from './errors.js';
import { verdictsFor, type ProbeResult } from './verify-verdicts.js';
import { probePlainHttp, probeTls, type ProbeTarget } from './verify-connection.js';

export type { ProbeResult, ProbeStatus } from './verify-verdicts.js';

export interface VerifyOptions {
  /** -H and the --tlscacert/--tlscert/--tlskey files; verification is always on. */
  flags: Pick<HostFlags, 'host' | 'tlsCaCert' | 'tlsCert' | 'tlsKey'>;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** The moment expiry is judged against; defaults to now. */
  now?: Date;
}

export interface TlsVerifyReport {
  host: string;
  /** How the host was chosen, e.g. `set by -H/--host`. */
  origin: string;
  /** TLS version the daemon negotiated with the client certificate, e.g. `TLSv1.3`. */
  tlsVersion: string | null;
  probes: ProbeResult[];
  failed: number;
  warnings: number;
}

interface Credentials {
  endpoint: TcpEndpoint;
  caFile: string;
  certFile: string;
  ca: string;
  cert: string;
  key: string;
  clientCert: CertificateFacts;
}

export async function verifyTls(options: VerifyOptions): Promise<TlsVerifyReport> {
  const credentials = await loadCredentials(options);
  const { endpoint } = credentials;
  const target: ProbeTarget = { hostname: endpoint.hostname, port: endpoint.port, basePath: endpoint.basePath };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const [withCert, withoutCert, plain] = await Promise.all([
    probeTls(target, { ca: credentials.ca, cert: credentials.cert, key: credentials.key }, timeoutMs),
    probeTls(target, { ca: credentials.ca }, timeoutMs),
    probePlainHttp(target, timeoutMs),
  ]);
  const peer = withCert.handshake?.peerCertificate ?? withoutCert.handshake?.peerCertificate ?? null;
  const serverCert = peer === null ? null : await readCertificate(peer.toString());
  const probes = verdictsFor({
    target,
    caFile: credentials.caFile,
    certFile: credentials.certFile,
    clientCert: credentials.clientCert,
    serverCert,
    now: options.now ?? new Date(),
    withCert,
    withoutCert,
    plain,
  });
  return {
    host: endpoint.url,
    origin: endpoint.origin,
    tlsVersion: withCert.handshake?.protocol ?? withoutCert.handshake?.protocol ?? null,
    probes,
    failed: probes.filter((p) => p.status === 'fail').length,
    warnings: probes.filter((p) => p.status === 'warn').length,
  };
}

async function loadCredentials(options: VerifyOptions): Promise<Credentials> {
  let resolved;
  try {
    resolved = await resolveEndpoint({ ...options.flags, tlsVerify: true }, options.env ?? process.env);
  } catch (error) {
    // Unreadable certificate files are bad input here, not an unreachable engine.
    if (error instanceof EngineError && error.kind === 'tls') throw new TlsInputError(error.message);
    throw error;
  }
  if (resolved.transport !== 'tcp') {
    throw new TlsInputError(`harden tls verify needs a tcp:// host, got ${resolved.url} (${resolved.origin}); pass -H tcp://HOST:PORT`);
  }
  const tls = resolved.tls;
  if (tls === null || tls.ca === null || tls.caFile === null) {
    throw new TlsInputError(`no CA certificate to verify the daemon at ${resolved.url} with: pass --tlscacert FILE or put ca.pem in DOCKER_CERT_PATH`);
  }
  if (tls.cert === null || tls.key === null || tls.certFile === null) {
    throw new TlsInputError(`no client certificate for ${resolved.url}: pass --tlscert and --tlskey, or put cert.pem and key.pem in DOCKER_CERT_PATH (${(options.env ?? process.env).DOCKER_CERT_PATH ?? '~/.docker'})`);
  }
  try {
    createSecureContext({ ca: tls.ca, cert: tls.cert, key: tls.key });
  } catch (error) {
    throw new TlsInputError(
      `cannot use ${tls.caFile}, ${tls.certFile}, ${tls.keyFile ?? ''}: ${(error as Error).message} (are they PEM, does the key belong to the certificate, is the key unencrypted?)`,
    );
  }
  const clientCert = await readCertificate(tls.cert).catch((error: Error) => {
    throw new TlsInputError(`${tls.certFile}: not a PEM certificate (${error.message})`);
  });
  return { endpoint: resolved, caFile: tls.caFile, certFile: tls.certFile, ca: tls.ca, cert: tls.cert, key: tls.key, clientCert };
}
