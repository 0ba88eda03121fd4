// The CA key: the only key that may be encrypted (dockerd never reads it). Its
// passphrase comes from a file or the environment, never from argv, where every
// user of the host can read it in the process list.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TlsInputError } from './errors.js';
import { keyTypeOf, type KeyType } from './keys.js';
import { SET_FILES } from './layout.js';
import type { Issuer } from './profile.js';
import { allInOrder } from '../util/all-in-order.js';

export const PASSPHRASE_ENV = 'HARDEN_CA_PASSPHRASE';

/** The CA passphrase from --ca-passphrase-file (first line) or HARDEN_CA_PASSPHRASE; undefined when neither is set. */
export async function readPassphrase(file: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  let passphrase: string | undefined;
  let source: string;
  if (file !== undefined) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new TlsInputError(`--ca-passphrase-file ${file}: cannot read it (${error.code ?? error.message})`);
    });
    passphrase = text.split(/\r?\n/, 1)[0] ?? '';
    source = `--ca-passphrase-file ${file}`;
  } else {
    passphrase = env[PASSPHRASE_ENV];
    source = PASSPHRASE_ENV;
    if (passphrase === undefined) return undefined;
  }
  if (passphrase === '') throw new TlsInputError(`${source}: the CA passphrase is empty`);
  return passphrase;
}

/** PKCS#8 PEM, AES-256 encrypted when a passphrase is given. */
export function caKeyPem(key: KeyObject, passphrase: string | undefined): string {
  if (passphrase === undefined) return key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

export interface LoadedCa extends Issuer {
  type: KeyType;
  certificate: X509Certificate;
}

async function readSetFile(dir: string, name: string, what: string): Promise<string> {
  const path = join(dir, name);
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'not found' : (error.code ?? error.message);
    throw new TlsInputError(`${path}: cannot read the ${what} (${why}); expected a directory made by \`harden tls init\``);
  });
}

/** The CA certificate and key of a set made by `harden tls init`, checked to belong together. */
export async function loadCa(dir: string, passphrase: string | undefined): Promise<LoadedCa> {
  // A directory missing both is named by its certificate, every time.
  const [certificatePem, keyPem] = await allInOrder([readSetFile(dir, SET_FILES.ca, 'CA certificate'), readSetFile(dir, SET_FILES.caKey, 'CA key')]);
  const certPath = join(dir, SET_FILES.ca);
  const keyPath = join(dir, SET_FILES.caKey);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    throw new TlsInputError(`${certPath}: not a PEM certificate`);
  }
  const encrypted = keyPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || keyPem.includes('Proc-Type: 4,ENCRYPTED');
  if (encrypted && passphrase === undefined) {
    throw new TlsInputError(`${keyPath}: the CA key is encrypted; give its passphrase with --ca-passphrase-file FILE or ${PASSPHRASE_ENV}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(encrypted ? { key: keyPem, format: 'pem', passphrase } : { key: keyPem, format: 'pem' });
  } catch {
    throw new TlsInputError(encrypted ? `${keyPath}: wrong CA passphrase (the key did not decrypt)` : `${keyPath}: not a PEM private key`);
  }
  if (!certificate.checkPrivateKey(privateKey)) throw new TlsInputError(`${keyPath} is not the key of ${certPath}: the CA certificate and key do not belong together`);
  if (!certificate.ca) throw new TlsInputError(`${certPath}: not a CA certificate (basicConstraints CA:TRUE missing)`);
  return { certificatePem, privateKey, certificate, type: keyTypeOf(privateKey, keyPath) };
}
