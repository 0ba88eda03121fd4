// The certificate details node:crypto does not expose (key usage bits,
// criticality, EKU OIDs, key identifiers), decoded by @peculiar/x509. Loaded
// lazily by cert-reader.ts; reflect-metadata must be imported before @peculiar/x509.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { KEY_USAGE_NAMES, type CertificateFacts } from './cert-reader.js';

export type ExtensionFacts = Pick<
  CertificateFacts,
  'commonName' | 'notBefore' | 'notAfter' | 'basicConstraints' | 'keyUsage' | 'extendedKeyUsage' | 'subjectAltNames' | 'subjectKeyId' | 'authorityKeyId' | 'signatureHash'
>;

export function readExtensions(der: Buffer): ExtensionFacts {
  const parsed = new x509.X509Certificate(new Uint8Array(der));
  const basic = parsed.getExtension(x509.BasicConstraintsExtension);
  const usage = parsed.getExtension(x509.KeyUsagesExtension);
  const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension);
  const san = parsed.getExtension(x509.SubjectAlternativeNameExtension);
  const names = san?.names.toJSON() ?? [];
  const hashName = (parsed.signatureAlgorithm as { hash?: { name?: unknown } }).hash?.name;
  return {
    commonName: parsed.subjectName.getField('CN')[0] ?? null,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    basicConstraints: basic ? { ca: basic.ca, critical: basic.critical } : null,
    keyUsage: usage ? { usages: KEY_USAGE_NAMES.filter((_, bit) => (usage.usages & (1 << bit)) !== 0), critical: usage.critical } : null,
    extendedKeyUsage: eku ? eku.usages.map(String) : null,
    subjectAltNames: san
      ? { dns: names.filter((n) => n.type === 'dns').map((n) => n.value), ip: names.filter((n) => n.type === 'ip').map((n) => n.value) }
      : null,
    subjectKeyId: parsed.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? null,
    authorityKeyId: parsed.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId ?? null,
    signatureHash: typeof hashName === 'string' ? hashName : null,
  };
}
