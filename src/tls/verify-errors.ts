// Node's socket and OpenSSL error codes, said in words a Docker user can act on.
import { PROBE_TIMEOUT } from './verify-connection.js';

export interface Explanation {
  detail: string;
  fix: string;
}

const CHAIN_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT', 'EADDRNOTAVAIL', PROBE_TIMEOUT]);

/** True for failures that mean no daemon could be reached at all (nothing else can be probed). */
export function isUnreachable(code: string | undefined): boolean {
  return code !== undefined && UNREACHABLE.has(code);
}

export function explainUnreachable(error: NodeJS.ErrnoException, host: string, port: number): Explanation {
  const where = `${host}:${port}`;
  const fix = `start dockerd with -H tcp://${where} (or "hosts" in daemon.json) and check firewalls, or pass the right -H`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return { detail: `nothing listens on ${where} (connection refused)`, fix };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { detail: `cannot resolve the host name "${host}"`, fix: 'check the name in -H / DOCKER_HOST, or dial the IP address the certificate lists' };
    case PROBE_TIMEOUT:
    case 'ETIMEDOUT':
      return { detail: `${where} did not answer in time (${error.message})`, fix };
    default:
      return { detail: `cannot reach ${where} (${error.code ?? error.message})`, fix };
  }
}

/** OpenSSL's verdict on the server chain (`authorizationError`). */
export function explainServerChain(code: string, caFile: string, notAfter: Date | null): Explanation {
  if (CHAIN_UNTRUSTED.has(code)) {
    return {
      detail: `the server certificate is not signed by the CA in ${caFile} (${code}); the docker CLI refuses this daemon`,
      fix: `use the ca.pem of the set the daemon's certificate came from (--tlscacert or DOCKER_CERT_PATH/ca.pem), or reissue the server certificate from the CA in ${caFile}`,
    };
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return {
      detail: `the server certificate has expired${notAfter ? ` (on ${notAfter.toISOString()})` : ''}; the docker CLI refuses this daemon`,
      fix: 'renew it (harden tls renew DIR), install it on the daemon host and restart dockerd (TLS files are not reloaded on SIGHUP)',
    };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return { detail: 'the server certificate is not valid yet: its notBefore is in the future', fix: 'check the clocks of this machine and of the machine that issued the certificate' };
  }
  return { detail: `the server certificate was not accepted (${code})`, fix: 'reissue the server certificate from the CA in ' + caFile };
}

/** OpenSSL's reading of a plain-HTTP answer to a TLS ClientHello. */
export function isNotTls(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long|http request/i.test(error.message);
}

/** A failure during or right after the handshake, when the daemon was reachable. */
export function explainRefusal(error: NodeJS.ErrnoException, sentCertificate: string | null): Explanation {
  const code = error.code ?? '';
  const alert = /ALERT_([A-Z_]+)$/.exec(code)?.[1]?.toLowerCase().replace(/_/g, ' ');
  const clientFix = 'issue a client certificate from the CA the daemon trusts: harden tls client NAME --ca DIR --out DIR2';
  if (alert === 'certificate required' || (alert !== undefined && sentCertificate === null && /bad certificate|handshake failure/.test(alert))) {
    return { detail: `the daemon demands a client certificate and none was sent (TLS alert "${alert}")`, fix: 'pass --tlscert/--tlskey or put cert.pem and key.pem in DOCKER_CERT_PATH' };
  }
  if (alert === 'bad certificate' || alert === 'unknown ca' || alert === 'certificate unknown') {
    return {
      detail: `the daemon rejected the client certificate ${sentCertificate ?? ''} (TLS alert "${alert}"): it is not signed by the CA the daemon trusts (its tlscacert), or it has expired`,
      fix: clientFix,
    };
  }
  if (alert === 'unsupported certificate') {
    return { detail: `the daemon rejected the client certificate ${sentCertificate ?? ''} (TLS alert "${alert}"): its extendedKeyUsage lacks clientAuth`, fix: clientFix };
  }
  if (alert === 'certificate expired') {
    return { detail: `the daemon says the client certificate ${sentCertificate ?? ''} has expired`, fix: clientFix };
  }
  if (alert === 'protocol version') {
    return { detail: 'no TLS version in common: dockerd accepts TLS 1.2 and 1.3 only', fix: 'use a client that speaks TLS 1.2 or 1.3' };
  }
  if (alert !== undefined) return { detail: `the daemon ended the TLS handshake with the alert "${alert}"`, fix: clientFix };
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return {
      detail: `the daemon closed the connection during or right after the TLS handshake (${code}): ${sentCertificate === null ? 'no client certificate was sent' : `it did not accept the client certificate ${sentCertificate}`}`,
      fix: clientFix,
    };
  }
  if (isNotTls(error)) {
    return { detail: 'this port does not speak TLS: the daemon serves plain HTTP here', fix: 'start dockerd with --tlsverify, --tlscacert, --tlscert and --tlskey on this address' };
  }
  return { detail: `the TLS connection failed: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`, fix: clientFix };
}
