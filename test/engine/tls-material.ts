// Test certificates made with the real openssl CLI, shaped the way dockerd and
// Go clients demand (see shared/reference/docker-tls.md): SANs, EKUs, a CA with
// keyUsage, positive serials. ECDSA P-256 keeps generation fast.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  cert: string;
  key: string;
}

function positiveSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return `0x${bytes.toString('hex')}`;
}

async function newKeyAndRequest(dir: string, name: string, subject: string): Promise<{ key: string; csr: string }> {
  const key = join(dir, `${name}-key.pem`);
  const csr = join(dir, `${name}.csr`);
  await run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', subject]);
  return { key, csr };
}

export async function createCertificateAuthority(dir: string, name: string): Promise<KeyPair> {
  const { key, csr } = await newKeyAndRequest(dir, name, `/CN=harden test ${name}`);
  const extensions = join(dir, `${name}.ext`);
  await writeFile(extensions, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
  const cert = join(dir, `${name}.pem`);
  await run('openssl', ['x509', '-req', '-in', csr, '-signkey', key, '-days', '2', '-set_serial', positiveSerial(), '-extfile', extensions, '-out', cert]);
  return { cert, key };
}

export async function issueCertificate(
  ca: KeyPair,
  dir: string,
  name: string,
  usage: { kind: 'server'; subjectAltNames: string } | { kind: 'client' },
): Promise<KeyPair> {
  const { key, csr } = await newKeyAndRequest(dir, name, `/CN=${name}`);
  const lines = [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage.kind === 'server' ? 'serverAuth' : 'clientAuth'}`,
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ];
  if (usage.kind === 'server') lines.push(`subjectAltName=${usage.subjectAltNames}`);
  const extensions = join(dir, `${name}.ext`);
  await writeFile(extensions, `${lines.join('\n')}\n`);
  const cert = join(dir, `${name}.pem`);
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-days', '2', '-set_serial', positiveSerial(), '-extfile', extensions, '-out', cert]);
  return { cert, key };
}
