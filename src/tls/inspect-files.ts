// Loading PEM files and the checks that concern one file or one pair of files:
// key permissions and encryption, key/certificate match, who signed whom.
import { readFile, stat } from 'node:fs/promises';
import { isPrivateKeyLabel, readCertificate, readPrivateKey, type CertificateFacts, type PrivateKeyFacts } from './cert-reader.js';
import { pemBlocks } from './pem.js';
import { TlsInputError } from './errors.js';
import { certificateDefects, daysLeft } from './inspect-cert-rules.js';
import type { CertificateRole, CertificateSummary, Defect, TlsFinding } from './inspect-types.js';
import { describeSubjectAltNames } from './san-match.js';

export interface LoadedPem {
  /** Name shown in findings: relative to the inspected directory. */
  file: string;
  path: string;
  mode: number;
  certificates: CertificateFacts[];
  keys: PrivateKeyFacts[];
  /** Why a CERTIFICATE block did not parse, if one did not. */
  certificateError: string | null;
}

/** Collects findings and per-certificate summaries in the order the checks run. */
export class InspectionLog {
  readonly findings: TlsFinding[] = [];
  readonly certificates: CertificateSummary[] = [];

  constructor(readonly now: Date) {}

  add(file: string, found: Defect | Defect[]): void {
    for (const one of Array.isArray(found) ? found : [found]) this.findings.push({ ...one, file });
  }
}

/** Reads a PEM file; null when it does not exist. Unreadable files end the inspection (exit 2). */
export async function loadPem(path: string, file: string): Promise<LoadedPem | null> {
  let text: string;
  let mode: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new TlsInputError(`cannot read ${path}: not a regular file`);
    mode = info.mode & 0o777;
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (error instanceof TlsInputError) throw error;
    throw new TlsInputError(`cannot read ${path}: ${code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
  }
  const loaded: LoadedPem = { file, path, mode, certificates: [], keys: [], certificateError: null };
  for (const block of pemBlocks(text)) {
    if (block.label === 'CERTIFICATE') {
      try {
        loaded.certificates.push(await readCertificate(block.text));
      } catch (error) {
        loaded.certificateError ??= (error as Error).message;
      }
    } else if (isPrivateKeyLabel(block.label)) {
      loaded.keys.push(readPrivateKey(block));
    }
  }
  return loaded;
}

/** Lints the first certificate of a file in its role and records its summary; returns it, or null. */
export function checkCertificateFile(log: InspectionLog, loaded: LoadedPem, role: CertificateRole | null): CertificateFacts | null {
  const cert = loaded.certificates[0];
  if (cert === undefined) {
    const why = loaded.certificateError === null ? 'holds no PEM certificate' : `holds a certificate that does not parse (${loaded.certificateError})`;
    log.add(loaded.file, { level: 'error', code: 'not-a-certificate', message: why, fix: 'replace it with the PEM certificate (-----BEGIN CERTIFICATE-----)' });
    return null;
  }
  log.certificates.push({
    file: loaded.file,
    role,
    subject: cert.subject,
    subjectAltNames: describeSubjectAltNames(cert),
    notAfter: cert.notAfter.toISOString(),
    daysLeft: daysLeft(cert, log.now),
  });
  log.add(loaded.file, certificateDefects(cert, role, log.now));
  return cert;
}

/**
 * Lints a private key file: present and parseable, private to its owner, and
 * unencrypted unless it is the CA key (dockerd and the CLI cannot decrypt keys).
 */
export function checkKeyFile(log: InspectionLog, loaded: LoadedPem, kind: 'ca' | 'leaf'): PrivateKeyFacts | null {
  const key = loaded.keys[0];
  if ((loaded.mode & 0o077) !== 0) {
    const octal = loaded.mode.toString(8).padStart(4, '0');
    const who = [loaded.mode & 0o070 ? 'its group' : '', loaded.mode & 0o007 ? 'all users' : ''].filter(Boolean).join(' and ');
    log.add(loaded.file, { level: 'error', code: 'key-mode', message: `is mode ${octal}: ${who} can access this private key`, fix: `chmod 600 ${loaded.path}` });
  }
  if (key === undefined) {
    log.add(loaded.file, { level: 'error', code: 'not-a-key', message: 'holds no PEM private key', fix: 'replace it with the unencrypted PEM private key' });
    return null;
  }
  if (key.encrypted && kind === 'leaf') {
    log.add(loaded.file, {
      level: 'error',
      code: 'key-encrypted',
      message: 'is an encrypted private key: dockerd and the docker CLI cannot use encrypted keys',
      fix: `decrypt it: openssl pkey -in ${loaded.path} -out ${loaded.path}.plain && mv ${loaded.path}.plain ${loaded.path} && chmod 600 ${loaded.path}`,
    });
  }
  if (key.parseError !== null) {
    log.add(loaded.file, { level: 'error', code: 'key-unreadable', message: `is not a usable private key (${key.parseError})`, fix: 'replace it with the PEM private key that belongs to the certificate' });
  }
  return key;
}

export function checkKeyMatches(log: InspectionLog, cert: CertificateFacts | null, certFile: string, key: PrivateKeyFacts | null, keyFile: string): void {
  if (cert === null || key?.key == null) return;
  let matches: boolean;
  try {
    matches = cert.x509.checkPrivateKey(key.key);
  } catch {
    matches = false;
  }
  if (!matches) {
    log.add(keyFile, { level: 'error', code: 'key-mismatch', message: `does not belong to ${certFile} (its public key differs)`, fix: `put the key that was issued with ${certFile} here, or reissue both` });
  }
}

/** True when one of the CA certificates signed `cert`. */
export function isSignedBy(cert: CertificateFacts, authorities: CertificateFacts[]): boolean {
  return authorities.some((ca) => {
    try {
      return cert.x509.verify(ca.x509.publicKey);
    } catch {
      return false;
    }
  });
}

export function checkSignedBy(log: InspectionLog, cert: CertificateFacts | null, certFile: string, ca: LoadedPem | null, consequence: string): void {
  if (cert === null || ca === null || ca.certificates.length === 0 || isSignedBy(cert, ca.certificates)) return;
  log.add(certFile, {
    level: 'error',
    code: 'not-signed-by-ca',
    message: `is not signed by ${ca.file} (issued by "${cert.x509.issuer.replace(/\n/g, ', ')}", ${ca.file} is "${ca.certificates[0]?.subject ?? ''}"): ${consequence}`,
    fix: `issue it from the CA in ${ca.file} (harden tls renew DIR), or put the CA that issued it in ${ca.file}`,
  });
}
