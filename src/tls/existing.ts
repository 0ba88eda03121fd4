// Reads certificates of an existing set back: the names and Common Names that
// `tls renew` re-issues and `tls client` needs to know where the daemon listens.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TlsInputError } from './errors.js';
import { classifyName, type SubjectName } from './names.js';
import type { LoadedCa } from './ca-key.js';

export async function readCertificate(path: string, what: string): Promise<X509Certificate> {
  const pem = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TlsInputError(`${path}: cannot read the ${what} (${error.code === 'ENOENT' ? 'not found' : (error.code ?? error.message)})`);
  });
  try {
    return new X509Certificate(pem);
  } catch {
    throw new TlsInputError(`${path}: the ${what} is not a PEM certificate`);
  }
}

/** Refuses a certificate the CA did not sign: renewing it would silently switch CAs. */
export function checkIssuedBy(certificate: X509Certificate, path: string, ca: LoadedCa, caPath: string): void {
  if (!certificate.checkIssued(ca.certificate) || !certificate.verify(ca.certificate.publicKey)) {
    throw new TlsInputError(`${path} was not issued by the CA in ${caPath}`);
  }
}

/** The subject's Common Name, with OpenSSL's RFC 2253 escapes undone. */
export function commonNameOf(certificate: X509Certificate, path: string): string {
  const line = certificate.subject.split('\n').find((entry) => entry.startsWith('CN='));
  if (!line) throw new TlsInputError(`${path}: the certificate has no Common Name`);
  return line.slice(3).replace(/\\(.)/g, '$1');
}

/** The DNS and IP SANs, in certificate order. */
export function subjectAltNamesOf(certificate: X509Certificate, path: string): SubjectName[] {
  const text = certificate.subjectAltName;
  if (!text) throw new TlsInputError(`${path}: the certificate has no subject alternative names to renew`);
  return text.split(', ').flatMap((entry) => {
    if (entry.startsWith('DNS:')) return [classifyName(entry.slice(4))];
    if (entry.startsWith('IP Address:')) return [classifyName(entry.slice(11))];
    return [];
  });
}
