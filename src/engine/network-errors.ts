// Turns Node's socket and TLS errors into EngineErrors that say what is wrong in
// Docker terms. The CLI exits 3 for unreachable/tls/timeout, so the kind matters.
import { engineError, type EngineError } from './errors.js';
import type { EngineEndpoint } from './host.js';

const UNTRUSTED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Codes OpenSSL reports when the other side is not speaking TLS at all. */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_UNKNOWN_PROTOCOL']);

const UNREACHABLE_TCP = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT', 'EADDRNOTAVAIL']);

/** Go's TLS server answers plain HTTP with this 400 body. */
export const PLAIN_HTTP_TO_TLS_BODY = 'Client sent an HTTP request to an HTTPS server';

const TLS_HINT = 'check --tlscacert/--tlscert/--tlskey (or ca.pem, cert.pem, key.pem in DOCKER_CERT_PATH)';

export function classifyNetworkError(error: NodeJS.ErrnoException, endpoint: EngineEndpoint, request: string): EngineError {
  const code = error.code ?? '';
  const reason = `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
  const cannotConnect = 'cannot connect to the Docker Engine';

  if (endpoint.transport === 'unix') {
    if (code === 'ENOENT') return engineError('unreachable', endpoint, cannotConnect, `no socket at ${endpoint.socketPath} (is the engine running?)`);
    if (code === 'ECONNREFUSED') return engineError('unreachable', endpoint, cannotConnect, `nothing listens on ${endpoint.socketPath} (the engine stopped?)`);
    if (code === 'EACCES' || code === 'EPERM') {
      return engineError('unreachable', endpoint, cannotConnect, `permission denied on ${endpoint.socketPath} (run as root or as a member of the socket's group, usually docker)`);
    }
    if (code === 'ENOTSOCK') return engineError('unreachable', endpoint, cannotConnect, `${endpoint.socketPath} is not a socket`);
  } else {
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return engineError('unreachable', endpoint, cannotConnect, `cannot resolve host name "${endpoint.hostname}"`);
    if (UNREACHABLE_TCP.has(code)) {
      return engineError('unreachable', endpoint, cannotConnect, `${reason} (is the engine running and listening on tcp port ${endpoint.port}?)`);
    }
  }

  if (endpoint.tls !== null) {
    const tlsError = classifyTlsError(error, code, reason, endpoint);
    if (tlsError !== null) return tlsError;
  }
  if (code.startsWith('HPE_')) {
    return engineError('protocol', endpoint, 'not a Docker Engine', `the answer to ${request} is not valid HTTP (${reason})`);
  }
  if (code === 'ECONNRESET') {
    return engineError('unreachable', endpoint, 'lost the connection to the Docker Engine', `the engine closed the connection during ${request}`);
  }
  return engineError('unreachable', endpoint, cannotConnect, reason);
}

function classifyTlsError(error: NodeJS.ErrnoException, code: string, reason: string, endpoint: EngineEndpoint): EngineError | null {
  const tls = endpoint.tls;
  if (tls === null) return null;
  const trustedCa = tls.caFile ?? 'the system CA store';
  const problem = (detail: string, hint = TLS_HINT): EngineError => engineError('tls', endpoint, 'TLS connection to the Docker Engine failed', detail, { hint });

  if (UNTRUSTED_SERVER.has(code)) return problem(`the server certificate is not signed by the trusted CA ${trustedCa} (${code})`);
  if (code === 'CERT_HAS_EXPIRED') return problem('the server certificate has expired');
  if (code === 'CERT_NOT_YET_VALID') return problem('the server certificate is not valid yet (check the clocks)');
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const host = endpoint.transport === 'tcp' ? endpoint.hostname : endpoint.url;
    const names = (error as { cert?: { subjectaltname?: string } }).cert?.subjectaltname ?? 'no subject alternative names';
    return problem(`the server certificate does not name ${host} (it has ${names})`, 'dial a name or IP address the certificate lists, or reissue it with that SAN');
  }
  // A TLS record from a plain-HTTP peer surfaces as EPROTO with OpenSSL's reason in the message.
  if (NOT_TLS.has(code) || (code === 'EPROTO' && /wrong version number|packet length too long|http request/i.test(error.message))) {
    return problem('the engine does not speak TLS on this port', 'drop --tls/--tlsverify (and DOCKER_TLS/DOCKER_TLS_VERIFY) or use the engine\'s TLS port, usually 2376');
  }
  if (/ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE|CERTIFICATE_UNKNOWN|ACCESS_DENIED)/.test(code)) {
    const sent = tls.certFile === null ? 'no client certificate was sent' : `it did not accept the client certificate ${tls.certFile}`;
    return problem(`the engine refused the TLS handshake (${code.replace(/^ERR_SSL_/, '')}): ${sent}; it wants one signed by the CA it trusts`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    const sent = tls.certFile === null ? 'no client certificate was sent' : `the client certificate ${tls.certFile} may not be signed by the CA it trusts`;
    return problem(`the engine closed the connection during the TLS handshake: ${sent}`);
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || code.startsWith('ERR_TLS_') || /^[A-Z_]+CERT/.test(code)) {
    return problem(reason);
  }
  return null;
}
