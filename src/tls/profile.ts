// What every certificate of a harden set contains, independent of the library that
// encodes it: the shapes current Go clients, dockerd and `openssl verify -x509_strict`
// accept (shared reference docker-tls.md).
import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { TlsInputError } from './errors.js';
import type { SubjectName } from './names.js';

export const MAX_LEAF_DAYS = 825;
export const DEFAULT_LEAF_DAYS = 365;
export const DEFAULT_CA_DAYS = 3650;
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CertificateRole = 'ca' | 'server' | 'client';

/** Everything a backend needs to encode one certificate. */
export interface CertificateRequest {
  role: CertificateRole;
  commonName: string;
  /** SANs; empty for the CA and for client certificates. */
  names: SubjectName[];
  publicKey: KeyObject;
  /** Hex, 16 bytes, positive and minimally encoded. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

/** The CA that signs a leaf: its PEM certificate and its private key. */
export interface Issuer {
  certificatePem: string;
  privateKey: KeyObject;
}

/**
 * One interface over the two encoders (node-forge for RSA, @peculiar/x509 for
 * ECDSA), so callers never care which one a key type needs.
 */
export interface CertificateBackend {
  /** A self-signed CA certificate (PEM) for the key pair. */
  createCa(request: CertificateRequest, privateKey: KeyObject): Promise<string>;
  /** A server or client certificate (PEM) signed by the issuer. */
  issue(request: CertificateRequest, issuer: Issuer): Promise<string>;
}

/**
 * 16 random bytes, top bit cleared so the serial is positive (node-forge writes the
 * hex as given) and first byte non-zero so the DER INTEGER stays minimal (Go rejects
 * non-minimal encodings).
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01;
  return bytes.toString('hex');
}

/** notBefore backdated 5 minutes for clock skew between the issuing and the verifying host. */
export function validity(days: number, now = new Date()): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(now.getTime() + days * DAY_MS) };
}

export function parseDays(value: string, flag: string, maximum?: number): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw new TlsInputError(`${flag}: expected a whole number of days of at least 1, got "${value}"`);
  if (maximum !== undefined && days > maximum) {
    throw new TlsInputError(`${flag}: ${days} is more than ${maximum} days, the longest leaf lifetime clients accept; renew with \`harden tls renew\` instead`);
  }
  return days;
}

export function leafRequest(role: 'server' | 'client', commonName: string, names: SubjectName[], publicKey: KeyObject, days: number): CertificateRequest {
  return { role, commonName, names: role === 'server' ? names : [], publicKey, serialNumber: randomSerialNumber(), ...validity(days) };
}

export function caRequest(commonName: string, publicKey: KeyObject, days: number): CertificateRequest {
  return { role: 'ca', commonName, names: [], publicKey, serialNumber: randomSerialNumber(), ...validity(days) };
}
