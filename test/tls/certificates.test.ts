// Every key type through the real openssl: strict chain verification, the
// extensions dockerd and Go clients need, positive serials, valid keys and modes.
import { execFile } from 'node:child_process';
import { X509Certificate, createPublicKey, generatePrimeSync, sign, verify } from 'node:crypto';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { initTlsSet, INIT_PATHS } from '../../src/tls/init.js';
import { KEY_TYPES, type KeyType } from '../../src/tls/keys.js';
import { rsaKeyFromPrimes } from '../../src/tls/rsa-keygen.js';
import { defaultInitOptions } from './set-options.js';

const run = promisify(execFile);
const base = '/tmp/hd-tls-certs';

async function openssl(...args: string[]): Promise<string> {
  const { stdout } = await run('openssl', args);
  return stdout;
}

async function extensions(file: string): Promise<string> {
  return openssl('x509', '-in', file, '-noout', '-ext', 'basicConstraints,keyUsage,extendedKeyUsage,subjectAltName,subjectKeyIdentifier,authorityKeyIdentifier');
}

async function makeSet(keyType: KeyType): Promise<string> {
  const out = join(base, keyType);
  await rm(out, { recursive: true, force: true });
  await initTlsSet({ ...defaultInitOptions(out), names: ['docker.example.test', '10.1.2.3', '::1'], keyType, clientName: 'alice_ci@example' });
  return out;
}

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe.each(KEY_TYPES)('a %s set', (keyType) => {
  let out = '';

  it('passes openssl verify -x509_strict for the server and client certificates', async () => {
    out = await makeSet(keyType);
    const result = await openssl('verify', '-x509_strict', '-CAfile', join(out, 'ca.pem'), join(out, 'server-cert.pem'), join(out, 'client/cert.pem'));
    expect(result).toBe(`${join(out, 'server-cert.pem')}: OK\n${join(out, 'client/cert.pem')}: OK\n`);
    await expect(openssl('verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', join(out, 'ca.pem'), join(out, 'server-cert.pem'))).resolves.toContain('OK');
    await expect(openssl('verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', join(out, 'ca.pem'), join(out, 'client/cert.pem'))).resolves.toContain('OK');
  });

  it('has the CA and leaf extensions, SANs, positive serials and a backdated notBefore', async () => {
    const rsa = keyType.startsWith('rsa');
    const ca = await extensions(join(out, 'ca.pem'));
    expect(ca).toMatch(/Basic Constraints: critical\n\s+CA:TRUE\n/);
    expect(ca).toMatch(/Key Usage: critical\n\s+Certificate Sign, CRL Sign\n/);
    expect(ca).toMatch(/Subject Key Identifier:/);

    const server = await extensions(join(out, 'server-cert.pem'));
    expect(server).toMatch(/Basic Constraints: critical\n\s+CA:FALSE\n/);
    expect(server).toMatch(new RegExp(`Key Usage: critical\\n\\s+Digital Signature${rsa ? ', Key Encipherment' : ''}\\n`));
    expect(server).toMatch(/Extended Key Usage: \n\s+TLS Web Server Authentication\n/);
    expect(server).toMatch(/Subject Alternative Name: \n\s+DNS:docker.example.test, IP Address:10.1.2.3, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, IP Address:127.0.0.1\n/);
    const caKeyId = /Subject Key Identifier: \n\s+(\S+)/.exec(ca)?.[1];
    expect(server).toContain(`Authority Key Identifier: \n    ${caKeyId}`);

    const client = await extensions(join(out, 'client/cert.pem'));
    expect(client).toMatch(/Extended Key Usage: \n\s+TLS Web Client Authentication\n/);
    expect(client).not.toMatch(/Subject Alternative Name/);
    expect(client).toContain(`Authority Key Identifier: \n    ${caKeyId}`);

    for (const file of ['ca.pem', 'server-cert.pem', 'client/cert.pem']) {
      const certificate = new X509Certificate(await readFile(join(out, file)));
      expect(certificate.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
      expect(certificate.serialNumber).not.toMatch(/^00/);
      const skew = Date.now() - Date.parse(certificate.validFrom);
      expect(skew).toBeGreaterThan(4 * 60 * 1000);
      expect(skew).toBeLessThan(6 * 60 * 1000);
    }
    const client509 = new X509Certificate(await readFile(join(out, 'client/cert.pem')));
    expect(client509.subject).toBe('CN=alice_ci@example');
  });

  it('writes valid unencrypted keys of the requested type, 0600, in 0700 directories, and no CA key under client/', async () => {
    for (const key of ['ca-key.pem', 'server-key.pem', 'client/key.pem']) {
      const pem = await readFile(join(out, key), 'utf8');
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const text = await openssl('pkey', '-in', join(out, key), '-noout', '-text');
      expect(text).toContain(keyType.startsWith('rsa') ? `Private-Key: (${keyType.slice(4)} bit, 2 primes)` : `NIST CURVE: ${keyType === 'ecdsa-p256' ? 'P-256' : 'P-384'}`);
      await expect(openssl('pkey', '-in', join(out, key), '-check', '-noout')).resolves.toContain('valid');
      expect((await stat(join(out, key))).mode & 0o777).toBe(0o600);
    }
    for (const dir of ['', 'client', 'docker.service.d']) expect((await stat(join(out, dir))).mode & 0o777).toBe(0o700);
    for (const file of ['ca.pem', 'server-cert.pem', 'daemon.json', 'client/cert.pem', 'client/env.sh']) expect((await stat(join(out, file))).mode & 0o777).toBe(0o644);
    expect((await readdir(join(out, 'client'))).sort()).toEqual(['ca.pem', 'cert.pem', 'env.sh', 'key.pem']);
    const written = (await readdir(out, { recursive: true })).filter((entry) => !['client', 'docker.service.d'].includes(entry));
    expect(written.sort()).toEqual([...INIT_PATHS].sort());
  });
});

describe('RSA keys from primes', () => {
  it('refuses primes whose product is short', () => {
    // 2^1023 + 1155 and 2^1023 + 1493 are primes; their product has 2047 bits.
    const low = 2n ** 1023n;
    expect(rsaKeyFromPrimes(low + 1155n, low + 1493n, 2048)).toBeNull();
  });

  it('refuses primes that are too close together (Fermat factoring)', () => {
    // 3 * 2^1022 + 1037 and + 1697 are primes; their product has 2048 bits but they are 660 apart.
    const middle = 3n * 2n ** 1022n;
    expect(rsaKeyFromPrimes(middle + 1037n, middle + 1697n, 2048)).toBeNull();
  });

  it('makes a working key from two independent primes', () => {
    const p = generatePrimeSync(1024, { bigint: true });
    const q = generatePrimeSync(1024, { bigint: true });
    const key = rsaKeyFromPrimes(p, q, 2048);
    // The rare rejection (e shares a factor with p-1, a 2047-bit product) is also a correct answer.
    if (key === null) return;
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    const signature = sign('sha256', Buffer.from('harden'), key);
    expect(verify('sha256', Buffer.from('harden'), createPublicKey(key), signature)).toBe(true);
  });
});
