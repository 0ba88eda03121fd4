// Turns the three probe connections of `harden tls verify` into one verdict per
// property: the API answers a client with a certificate, refuses one without,
// refuses plain HTTP, the server certificate names the dialed host, and neither
// certificate is expired or about to.
import type { CertificateFacts } from './cert-reader.js';
import { dayCount, daysLeft, EXPIRY_WARNING_DAYS } from './inspect-cert-rules.js';
import { coversHost, describeSubjectAltNames } from './san-match.js';
import type { ProbeRecord, ProbeTarget } from './verify-connection.js';
import { explainRefusal, explainServerChain, explainUnreachable, isNotTls, isUnreachable } from './verify-errors.js';

/** `warn` does not fail the run; `skip` means the probe could not run because an earlier one failed. */
export type ProbeStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface ProbeResult {
  id: 'ping-with-client-cert' | 'refuses-without-client-cert' | 'refuses-plain-http' | 'server-name' | 'server-cert-expiry' | 'client-cert-expiry';
  title: string;
  status: ProbeStatus;
  detail: string;
  /** What to do about a fail or warn; null otherwise. */
  fix: string | null;
}

export interface ProbeEvidence {
  target: ProbeTarget;
  caFile: string;
  certFile: string;
  clientCert: CertificateFacts;
  /** The certificate the daemon presented; null when no handshake got that far. */
  serverCert: CertificateFacts | null;
  now: Date;
  withCert: ProbeRecord;
  withoutCert: ProbeRecord;
  plain: ProbeRecord;
}

const PLAIN_HTTP_TO_TLS = 'Client sent an HTTP request to an HTTPS server';
const REISSUE_CLIENT = 'issue a new client certificate: harden tls client NAME --ca DIR --out DIR2';

export function verdictsFor(evidence: ProbeEvidence): ProbeResult[] {
  const { target, withCert } = evidence;
  const host = target.hostname;
  const clientExpiry = expiryVerdict('client-cert-expiry', `client certificate ${evidence.certFile} is within its validity`, evidence.clientCert, evidence.now, REISSUE_CLIENT);
  if (!withCert.connected && withCert.error !== null && isUnreachable(withCert.error.code)) {
    const reason = explainUnreachable(withCert.error, host, target.port);
    const skipped = (id: ProbeResult['id'], title: string): ProbeResult => ({ id, title, status: 'skip', detail: 'not run: the daemon is unreachable', fix: null });
    return [
      { id: 'ping-with-client-cert', title: 'the API answers with the client certificate', status: 'fail', detail: reason.detail, fix: reason.fix },
      skipped('refuses-without-client-cert', 'the daemon refuses clients without a certificate'),
      skipped('refuses-plain-http', 'the daemon refuses plain HTTP'),
      skipped('server-name', `the server certificate names ${host}`),
      skipped('server-cert-expiry', 'the server certificate is within its validity'),
      clientExpiry,
    ];
  }
  return [
    pingVerdict(evidence),
    withoutCertVerdict(evidence.withoutCert),
    plainHttpVerdict(evidence.plain),
    nameVerdict(evidence.serverCert, host),
    evidence.serverCert === null
      ? { id: 'server-cert-expiry', title: 'the server certificate is within its validity', status: 'skip', detail: 'not run: the daemon presented no certificate', fix: null }
      : expiryVerdict('server-cert-expiry', 'the server certificate is within its validity', evidence.serverCert, evidence.now, 'renew it (harden tls renew DIR), install it on the daemon host and restart dockerd'),
    clientExpiry,
  ];
}

function pingVerdict(evidence: ProbeEvidence): ProbeResult {
  const { withCert, serverCert, target } = evidence;
  const title = 'the API answers with the client certificate';
  const fail = (reason: { detail: string; fix: string }): ProbeResult => ({ id: 'ping-with-client-cert', title, status: 'fail', ...reason });
  const chainError = withCert.handshake?.chainError ?? null;
  if (chainError !== null) return fail(explainServerChain(chainError, evidence.caFile, serverCert?.notAfter ?? null));
  const coverage = serverCert === null ? null : coversHost(serverCert, target.hostname);
  if (coverage !== null && !coverage.covered) {
    return fail({
      detail: `the docker CLI refuses this daemon: its certificate has no SAN ${coverage.missing}`,
      fix: `dial a name the certificate lists (${describeSubjectAltNames(serverCert as CertificateFacts).join(', ') || 'it lists none'}) or reissue it with ${target.hostname}`,
    });
  }
  const answer = withCert.answer;
  if (answer !== null && answer.status === 200) {
    const api = answer.headers['api-version'] ? `API ${answer.headers['api-version']}, ` : '';
    const who = evidence.clientCert.commonName === null ? '' : ` as CN=${evidence.clientCert.commonName}`;
    return { id: 'ping-with-client-cert', title, status: 'pass', detail: `GET /_ping answered ${JSON.stringify(answer.body.trim())} (${api}${withCert.handshake?.protocol ?? 'TLS'})${who}`, fix: null };
  }
  if (answer !== null) {
    return fail({ detail: `GET /_ping answered HTTP ${answer.status}: ${answer.body.trim().slice(0, 120) || '(empty)'}`, fix: 'check the daemon log (an authorization plugin or proxy may be in the way)' });
  }
  if (withCert.error !== null) return fail(explainRefusal(withCert.error, evidence.certFile));
  return fail({ detail: 'the daemon closed the connection without answering', fix: 'check the daemon log' });
}

function withoutCertVerdict(record: ProbeRecord): ProbeResult {
  const base = { id: 'refuses-without-client-cert' as const, title: 'the daemon refuses clients without a certificate' };
  const answer = record.answer;
  if (answer !== null && (answer.status === 200 || answer.headers['api-version'] !== undefined)) {
    return {
      ...base,
      status: 'fail',
      detail: `GET /_ping without a client certificate answered HTTP ${answer.status}: the daemon does not verify clients (tlsverify is off), so anyone who reaches the port is root on the host`,
      fix: 'start dockerd with --tlsverify --tlscacert ca.pem (or "tlsverify": true in daemon.json; never --tlsverify=false) and restart it',
    };
  }
  if (answer !== null) return { ...base, status: 'pass', detail: `answered HTTP ${answer.status} without API data`, fix: null };
  if (record.error === null) return { ...base, status: 'pass', detail: 'the daemon closed the connection without answering', fix: null };
  if (isNotTls(record.error)) return { ...base, status: 'skip', detail: 'not run: this port does not speak TLS', fix: null };
  return { ...base, status: 'pass', detail: `a client without a certificate gets no answer: ${explainRefusal(record.error, null).detail}`, fix: null };
}

function plainHttpVerdict(record: ProbeRecord): ProbeResult {
  const base = { id: 'refuses-plain-http' as const, title: 'the daemon refuses plain HTTP' };
  const answer = record.answer;
  if (answer !== null && (answer.status === 200 || answer.headers['api-version'] !== undefined)) {
    return {
      ...base,
      status: 'fail',
      detail: `plain HTTP GET /_ping got an API answer (HTTP ${answer.status}): this port serves the Docker API without TLS`,
      fix: 'listen on this address only with TLS: --tlsverify with --tlscacert, --tlscert and --tlskey (never expose tcp://...:2375)',
    };
  }
  if (answer !== null) {
    const said = answer.body.includes(PLAIN_HTTP_TO_TLS) ? `"${PLAIN_HTTP_TO_TLS}"` : 'no API data';
    return { ...base, status: 'pass', detail: `plain HTTP is answered with HTTP ${answer.status} and ${said}`, fix: null };
  }
  const how = record.error === null ? 'closed the connection' : `ended the connection (${record.error.code ?? record.error.message})`;
  return { ...base, status: 'pass', detail: `plain HTTP gets no API answer: the daemon ${how}`, fix: null };
}

function nameVerdict(serverCert: CertificateFacts | null, host: string): ProbeResult {
  const base = { id: 'server-name' as const, title: `the server certificate names ${host}` };
  if (serverCert === null) return { ...base, status: 'skip', detail: 'not run: the daemon presented no certificate', fix: null };
  const names = describeSubjectAltNames(serverCert);
  const coverage = coversHost(serverCert, host);
  if (coverage.covered) return { ...base, status: 'pass', detail: `its SANs (${names.join(', ')}) include ${host}`, fix: null };
  const has = names.length > 0 ? `it lists ${names.join(', ')}` : `it has no SANs${serverCert.commonName ? `, only CN=${serverCert.commonName}, which Go clients ignore` : ''}`;
  return {
    ...base,
    status: 'fail',
    detail: `the server certificate has no SAN ${coverage.missing} (${has}); clients dialing ${host} refuse the daemon`,
    fix: `reissue the server certificate with ${host} among its names (harden tls init ${host} ... --out DIR --force), or dial a name it lists`,
  };
}

function expiryVerdict(id: 'server-cert-expiry' | 'client-cert-expiry', title: string, cert: CertificateFacts, now: Date, fix: string): ProbeResult {
  const left = daysLeft(cert, now);
  const until = cert.notAfter.toISOString();
  if (cert.notAfter.getTime() < now.getTime()) return { id, title, status: 'fail', detail: `expired on ${until} (${dayCount(-left)} ago)`, fix };
  if (cert.notBefore.getTime() > now.getTime()) {
    return { id, title, status: 'fail', detail: `not valid before ${cert.notBefore.toISOString()} (notBefore is in the future)`, fix: 'check the clocks, or reissue it' };
  }
  if (left <= EXPIRY_WARNING_DAYS) return { id, title, status: 'warn', detail: `expires in ${dayCount(left)}, on ${until}`, fix };
  return { id, title, status: 'pass', detail: `${dayCount(left)} left (until ${until})`, fix: null };
}
