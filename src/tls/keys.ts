// Key generation on libuv's thread pool, so the CA, server and client keys of a
// set are searched for in parallel (RSA prime by prime, see rsa-keygen.ts).
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { TlsInputError } from './errors.js';
import { generateRsaKeyPair } from './rsa-keygen.js';

export const KEY_TYPES = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ecdsa-p256', 'ecdsa-p384'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export interface KeyPair {
  type: KeyType;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const CURVES = { 'ecdsa-p256': 'P-256', 'ecdsa-p384': 'P-384' } as const;
const RSA_BITS = { 'rsa-2048': 2048, 'rsa-3072': 3072, 'rsa-4096': 4096 } as const;

export function parseKeyType(value: string): KeyType {
  const type = KEY_TYPES.find((candidate) => candidate === value);
  if (!type) throw new TlsInputError(`--key-type: expected one of ${KEY_TYPES.join(', ')}, got "${value}"`);
  return type;
}

export function isRsa(type: KeyType): type is keyof typeof RSA_BITS {
  return type in RSA_BITS;
}

export async function generateKey(type: KeyType): Promise<KeyPair> {
  if (isRsa(type)) return { type, ...(await generateRsaKeyPair(RSA_BITS[type])) };
  const curve = CURVES[type];
  return new Promise((resolve, reject) => {
    generateKeyPair('ec', { namedCurve: curve }, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ type, privateKey, publicKey })));
  });
}

/** The key type of an existing key, e.g. a CA key read back for `tls client` or `tls renew`. */
export function keyTypeOf(key: KeyObject, source: string): KeyType {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && details?.modulusLength) {
    const type = `rsa-${details.modulusLength}`;
    if (type in RSA_BITS) return type as KeyType;
  }
  if (key.asymmetricKeyType === 'ec') {
    if (details?.namedCurve === 'prime256v1') return 'ecdsa-p256';
    if (details?.namedCurve === 'secp384r1') return 'ecdsa-p384';
  }
  const found = `${key.asymmetricKeyType ?? 'unknown'}${details?.modulusLength ? `-${details.modulusLength}` : ''}${details?.namedCurve ? ` ${details.namedCurve}` : ''}`;
  throw new TlsInputError(`${source}: unsupported key (${found}); expected one of ${KEY_TYPES.join(', ')}`);
}

/** Server and client keys: unencrypted PKCS#8 PEM, because dockerd refuses encrypted keys. */
export function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
