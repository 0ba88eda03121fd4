// `harden tls inspect PATH`: lints a certificate set (a `harden tls init`
// directory, a DOCKER_CERT_PATH bundle, any directory of PEM files, or one file)
// and reports each defect with the file, what is wrong and how to fix it.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EKU, type CertificateFacts } from './cert-reader.js';
import { TlsInputError } from './errors.js';
import { checkCertificateFile, checkKeyFile, checkKeyMatches, InspectionLog, loadPem, type LoadedPem } from './inspect-files.js';
import { CLIENT_BUNDLE_MARKERS, exists, INIT_LAYOUT_MARKERS, inspectClientBundle, inspectInitLayout } from './inspect-layout.js';
import type { CertificateRole, InspectedLayout, TlsInspectReport } from './inspect-types.js';

export interface InspectOptions {
  /** The moment expiry is judged against; defaults to now. */
  now?: Date;
}

const PEM_FILE = /\.(pem|crt|cer|key)$/i;

export async function inspectTls(path: string, options: InspectOptions = {}): Promise<TlsInspectReport> {
  const log = new InspectionLog(options.now ?? new Date());
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'no such file or directory' : error.code === 'EACCES' ? 'permission denied' : error.message;
    throw new TlsInputError(`cannot read ${path}: ${why}`);
  });
  let layout: InspectedLayout;
  if (info.isDirectory()) {
    layout = await directoryLayout(path);
    if (layout === 'tls-init') await inspectInitLayout(log, path);
    else if (layout === 'client-bundle') await inspectClientBundle(log, path, '', null);
    else await inspectLooseFiles(log, path);
  } else {
    layout = 'file';
    const loaded = await loadPem(path, path);
    if (loaded === null || loaded.certificates.length + loaded.keys.length === 0) {
      const why = loaded?.certificateError ? `its certificate does not parse (${loaded.certificateError})` : 'holds no PEM certificate or private key';
      throw new TlsInputError(`${path}: ${why}; expected -----BEGIN CERTIFICATE----- or -----BEGIN ... PRIVATE KEY-----`);
    }
    inspectOneFile(log, loaded);
  }
  // Group by file in a stable order: concurrent loads must not reorder the report.
  const findings = log.findings.map((finding, index) => ({ finding, index }));
  findings.sort((a, b) => a.finding.file.localeCompare(b.finding.file) || a.index - b.index);
  const sorted = findings.map(({ finding }) => finding);
  return {
    path,
    layout,
    certificates: [...log.certificates].sort((a, b) => a.file.localeCompare(b.file)),
    findings: sorted,
    errors: sorted.filter((f) => f.level === 'error').length,
    warnings: sorted.filter((f) => f.level === 'warning').length,
  };
}

async function directoryLayout(dir: string): Promise<InspectedLayout> {
  const has = async (names: string[]): Promise<boolean> => (await Promise.all(names.map((name) => exists(join(dir, name))))).some(Boolean);
  if (await has(INIT_LAYOUT_MARKERS)) return 'tls-init';
  if (await has(CLIENT_BUNDLE_MARKERS)) return 'client-bundle';
  return 'directory';
}

/** A directory in no known layout: every PEM file is judged on its own. */
async function inspectLooseFiles(log: InspectionLog, dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => PEM_FILE.test(name)).sort();
  const loaded = (await Promise.all(names.map((name) => loadPem(join(dir, name), name)))).filter((file): file is LoadedPem => file !== null);
  const usable = loaded.filter((file) => file.certificates.length + file.keys.length > 0 || file.certificateError !== null);
  if (usable.length === 0) {
    throw new TlsInputError(`${dir}: holds no PEM certificates or keys (expected the harden tls init layout, a DOCKER_CERT_PATH bundle with ca.pem, cert.pem and key.pem, or *.pem files)`);
  }
  for (const file of usable) inspectOneFile(log, file);
}

function inspectOneFile(log: InspectionLog, loaded: LoadedPem): void {
  let cert: CertificateFacts | null = null;
  if (loaded.certificates.length > 0 || loaded.certificateError !== null) {
    const first = loaded.certificates[0];
    cert = checkCertificateFile(log, loaded, first === undefined ? null : roleOf(loaded.file, first));
  }
  if (loaded.keys.length > 0) {
    const caKey = /(^|[-_.])ca[-_.]?key/i.test(basename(loaded.file)) || (cert !== null && roleOf(loaded.file, cert) === 'ca');
    const key = checkKeyFile(log, loaded, caKey ? 'ca' : 'leaf');
    checkKeyMatches(log, cert, loaded.file, key, loaded.file);
  }
}

/** The role a file name promises (ca.pem, server-cert.pem, cert.pem); otherwise what the certificate says it is. */
function roleOf(file: string, cert: CertificateFacts): CertificateRole | null {
  const name = basename(file).toLowerCase();
  if (/^ca(-cert)?\.(pem|crt)$/.test(name)) return 'ca';
  if (/^server(-cert)?\.(pem|crt)$/.test(name)) return 'server';
  if (/^(client(-cert)?|cert)\.(pem|crt)$/.test(name)) return 'client';
  if (cert.basicConstraints?.ca) return 'ca';
  const eku = cert.extendedKeyUsage ?? [];
  if (eku.includes(EKU.serverAuth)) return 'server';
  if (eku.includes(EKU.clientAuth)) return 'client';
  return null;
}
