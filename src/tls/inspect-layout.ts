// The two directory layouts `harden tls inspect` understands: the daemon side
// written by `harden tls init` (with its client/ bundle) and a client bundle as
// DOCKER_CERT_PATH wants it (ca.pem, cert.pem, key.pem).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateFacts } from './cert-reader.js';
import { checkDaemonConfig, checkEnvFile } from './inspect-daemon-config.js';
import { checkCertificateFile, checkKeyFile, checkKeyMatches, checkSignedBy, isSignedBy, loadPem, type InspectionLog, type LoadedPem } from './inspect-files.js';

export const INIT_LAYOUT_MARKERS = ['server-cert.pem', 'server-key.pem', 'ca-key.pem', 'daemon.json'];
export const CLIENT_BUNDLE_MARKERS = ['cert.pem', 'key.pem'];

/** What the daemon side knows that a client bundle inside it must agree with. */
interface DaemonSide {
  /** The CA dockerd trusts for client certificates (its tlscacert). */
  ca: LoadedPem | null;
  serverCert: CertificateFacts | null;
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Loads DIR/FILE, shown as `prefix + FILE`; a missing file is an error finding. */
async function required(log: InspectionLog, dir: string, prefix: string, file: string, why: string): Promise<LoadedPem | null> {
  const loaded = await loadPem(join(dir, file), `${prefix}${file}`);
  if (loaded === null) log.add(`${prefix}${file}`, { level: 'error', code: 'missing-file', message: `is missing: ${why}`, fix: 'create the set with harden tls init NAME... --out DIR' });
  return loaded;
}

export async function inspectInitLayout(log: InspectionLog, dir: string): Promise<void> {
  const [ca, caKey, server, serverKey] = await Promise.all([
    required(log, dir, '', 'ca.pem', 'dockerd needs it as tlscacert to verify client certificates'),
    loadPem(join(dir, 'ca-key.pem'), 'ca-key.pem'),
    required(log, dir, '', 'server-cert.pem', 'dockerd needs it as tlscert'),
    required(log, dir, '', 'server-key.pem', 'dockerd needs it as tlskey'),
  ]);
  const caCert = ca === null ? null : checkCertificateFile(log, ca, 'ca');
  if (caKey !== null) checkKeyMatches(log, caCert, 'ca.pem', checkKeyFile(log, caKey, 'ca'), 'ca-key.pem');
  const serverCert = server === null ? null : checkCertificateFile(log, server, 'server');
  if (serverKey !== null) checkKeyMatches(log, serverCert, 'server-cert.pem', checkKeyFile(log, serverKey, 'leaf'), 'server-key.pem');
  checkSignedBy(log, serverCert, 'server-cert.pem', ca, 'clients that trust that CA reject the daemon');
  await checkDaemonConfig(log, dir, serverCert);
  if (await exists(join(dir, 'client'))) {
    await inspectClientBundle(log, join(dir, 'client'), 'client/', { ca, serverCert });
    await checkEnvFile(log, join(dir, 'client', 'env.sh'), 'client/env.sh', serverCert);
  }
}

/** `prefix` is prepended to file names in findings (`client/` inside a tls init directory). */
export async function inspectClientBundle(log: InspectionLog, dir: string, prefix: string, daemon: DaemonSide | null): Promise<void> {
  const name = (file: string): string => `${prefix}${file}`;
  const noClientCert = 'without it the docker CLI silently sends no client certificate and the daemon refuses the connection';
  const [ca, cert, key] = await Promise.all([
    required(log, dir, prefix, 'ca.pem', 'the docker CLI needs it (DOCKER_CERT_PATH/ca.pem) to verify the daemon'),
    required(log, dir, prefix, 'cert.pem', noClientCert),
    required(log, dir, prefix, 'key.pem', noClientCert),
  ]);
  const caCert = ca === null ? null : checkCertificateFile(log, ca, 'ca');
  const clientCert = cert === null ? null : checkCertificateFile(log, cert, 'client');
  if (key !== null) checkKeyMatches(log, clientCert, name('cert.pem'), checkKeyFile(log, key, 'leaf'), name('key.pem'));
  checkSignedBy(log, clientCert, name('cert.pem'), daemon?.ca ?? ca, 'the daemon that trusts that CA refuses this client');
  if (daemon?.serverCert && caCert !== null && !isSignedBy(daemon.serverCert, ca?.certificates ?? [])) {
    log.add(name('ca.pem'), {
      level: 'error',
      code: 'client-ca-mismatch',
      message: 'did not sign server-cert.pem: the docker CLI using this bundle rejects the daemon',
      fix: `copy the CA certificate that issued server-cert.pem here (cp ca.pem ${name('ca.pem')})`,
    });
  }
  if (await exists(join(dir, 'ca-key.pem'))) {
    log.add(name('ca-key.pem'), {
      level: 'error',
      code: 'ca-key-in-client-bundle',
      message: 'the CA private key is in the client bundle: whoever holds the bundle can issue certificates the daemon trusts',
      fix: `delete ${join(dir, 'ca-key.pem')}; keep the CA key only where certificates are issued`,
    });
  }
}
