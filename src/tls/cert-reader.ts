// Reads PEM certificates and keys into plain facts the lint rules can judge.
// node:crypto does the cryptography (signatures, key matching); @peculiar/x509
// decodes the extensions node:crypto does not expose (key usage bits,
// criticality, key identifiers). Version and serial come from the raw DER,
// because a negative serial is exactly what higher-level parsers paper over.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

import type { PemBlock } from './pem.js';

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

export const EKU = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;

export interface CertificateFacts {
  /** node:crypto's view: checkIssued, verify, checkPrivateKey, fingerprints. */
  x509: X509Certificate;
  subject: string;
  commonName: string | null;
  /** 1 for v1 certificates (which cannot carry extensions), 3 for v3. */
  version: number;
  /** The serial's DER INTEGER: its content bytes in hex, and its sign (bit 7 of the first byte). */
  serial: { hex: string; sign: 'positive' | 'negative' | 'zero' };
  notBefore: Date;
  notAfter: Date;
  basicConstraints: { ca: boolean; critical: boolean } | null;
  keyUsage: { usages: KeyUsageName[]; critical: boolean } | null;
  /** EKU OIDs; null when the extension is absent. */
  extendedKeyUsage: string[] | null;
  subjectAltNames: { dns: string[]; ip: string[] } | null;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** Modulus size of an RSA key; null for other key types. */
  rsaBits: number | null;
  /** Hash of the signature algorithm, e.g. `SHA-256`; null when unknown (Ed25519). */
  signatureHash: string | null;
}

export interface PrivateKeyFacts {
  encrypted: boolean;
  /** null when encrypted or unparsable. */
  key: KeyObject | null;
  /** Why the key could not be parsed, when it is not encrypted but still unusable. */
  parseError: string | null;
}

type ExtensionReader = typeof import('./cert-extensions.js');
let extensionReader: Promise<ExtensionReader> | undefined;

/** Parses one PEM CERTIFICATE block; throws with the reason when it is not a certificate. */
export async function readCertificate(pem: string): Promise<CertificateFacts> {
  // @peculiar/x509 (and reflect-metadata) load only when a command reads certificates.
  extensionReader ??= import('./cert-extensions.js');
  const { readExtensions } = await extensionReader;
  const x509 = new X509Certificate(pem);
  const keyType = x509.publicKey.asymmetricKeyType;
  return {
    x509,
    subject: x509.subject.replace(/\n/g, ', '),
    ...readTbsPrefix(x509.raw),
    ...readExtensions(x509.raw),
    rsaBits: keyType === 'rsa' || keyType === 'rsa-pss' ? (x509.publicKey.asymmetricKeyDetails?.modulusLength ?? null) : null,
  };
}

/** Classifies one PEM private key block without ever asking for a passphrase. */
export function readPrivateKey(block: PemBlock): PrivateKeyFacts {
  if (block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/i.test(block.headers)) {
    return { encrypted: true, key: null, parseError: null };
  }
  try {
    return { encrypted: false, key: createPrivateKey(block.text), parseError: null };
  } catch (error) {
    return { encrypted: false, key: null, parseError: (error as Error).message };
  }
}

export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}

interface TbsPrefix {
  version: number;
  serial: CertificateFacts['serial'];
}

/** Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber INTEGER, ... } ... } */
function readTbsPrefix(der: Buffer): TbsPrefix {
  const certificate = readTlv(der, 0);
  const tbs = readTlv(der, certificate.contentStart);
  let next = readTlv(der, tbs.contentStart);
  let version = 1;
  if (next.tag === 0xa0) {
    const versionInteger = readTlv(der, next.contentStart);
    version = (der[versionInteger.contentStart] ?? 0) + 1;
    next = readTlv(der, next.end);
  }
  if (next.tag !== 0x02) throw new Error('malformed certificate: no serial number INTEGER');
  const serial = der.subarray(next.contentStart, next.end);
  const sign = ((serial[0] ?? 0) & 0x80) !== 0 ? 'negative' : serial.every((byte) => byte === 0) ? 'zero' : 'positive';
  return { version, serial: { hex: serial.toString('hex'), sign } };
}

function readTlv(der: Buffer, offset: number): { tag: number; contentStart: number; end: number } {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined) throw new Error('malformed certificate: truncated DER');
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error('malformed certificate: bad DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[contentStart + i] ?? 0);
    contentStart += count;
  }
  return { tag, contentStart, end: contentStart + length };
}
