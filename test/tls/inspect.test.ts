// `harden tls inspect` on sets made by the real openssl CLI: a good set passes
// clean, and each deliberately broken copy is caught with exactly the expected
// findings (no more), in the right file, with a message that says why.
import { chmod, cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectTls } from '../../src/tls/inspect.js';
import { CA_EXTENSIONS, encryptKey, expectFindings, leafExtensions, newKey, SetWorkshop, sign, type BrokenSet, type Issuer } from './inspect-sets.js';

let sets: SetWorkshop;
let good = '';
let root = '';
let otherCa: Issuer;

beforeAll(async () => {
  sets = await SetWorkshop.open('hd-tls-inspect-');
  ({ good, root } = sets);
  otherCa = { cert: join(root, 'other-ca.pem'), key: join(root, 'other-ca-key.pem') };
  await sign({ key: otherCa.key, out: otherCa.cert, commonName: 'another CA', issuer: null, extensions: CA_EXTENSIONS });
});

afterAll(() => sets.close());

const brokenCopy = (): Promise<BrokenSet> => sets.brokenCopy();

describe('harden tls inspect on a harden tls init layout', () => {
  it('passes a good openssl-made set clean and reports days left for every certificate', async () => {
    const report = await inspectTls(good);
    expect(report).toMatchObject({ layout: 'tls-init', findings: [], errors: 0, warnings: 0 });
    expect(report.certificates.map((c) => [c.file, c.role])).toEqual([
      ['ca.pem', 'ca'],
      ['client/ca.pem', 'ca'],
      ['client/cert.pem', 'client'],
      ['server-cert.pem', 'server'],
    ]);
    expect(report.certificates.find((c) => c.file === 'server-cert.pem')).toMatchObject({ subjectAltNames: ['DNS:localhost', 'IP:127.0.0.1'], daysLeft: 364 });
  });

  it('catches the CN-only v1 certificate of the classic recipe', async () => {
    const set = await brokenCopy();
    await set.server({ extensions: null });
    await expectFindings(set.dir, [
      ['server-cert.pem', 'cert-v1', 'error', /X\.509 v1 certificate/],
      ['server-cert.pem', 'san-missing', 'error', /only the Common Name "localhost".*legacy Common Name/],
      ['server-cert.pem', 'san-listen-address-missing', 'error', /no SAN IP:127\.0\.0\.1 for the listen address tcp:\/\/127\.0\.0\.1:2376/],
      ['client/env.sh', 'san-docker-host-missing', 'error', /DOCKER_HOST=tcp:\/\/127\.0\.0\.1:2376.*no SAN IP:127\.0\.0\.1/],
    ]);
  });

  it('catches a server certificate without the IP SAN daemon.json listens on', async () => {
    const set = await brokenCopy();
    await set.server({ extensions: leafExtensions('serverAuth', 'DNS:localhost') });
    await expectFindings(set.dir, [
      ['server-cert.pem', 'san-listen-address-missing', 'error', /no SAN IP:127\.0\.0\.1 .*\(it lists DNS:localhost\)/],
      ['client/env.sh', 'san-docker-host-missing', 'error', /no SAN IP:127\.0\.0\.1/],
    ]);
  });

  it('catches a server certificate with clientAuth only', async () => {
    const set = await brokenCopy();
    await set.server({ extensions: leafExtensions('clientAuth', 'DNS:localhost,IP:127.0.0.1') });
    await expectFindings(set.dir, [['server-cert.pem', 'eku-server-auth-missing', 'error', /extendedKeyUsage clientAuth without serverAuth/]]);
  });

  it('catches the server certificate used as the client certificate', async () => {
    const set = await brokenCopy();
    await cp(join(set.dir, 'server-cert.pem'), join(set.dir, 'client', 'cert.pem'));
    await cp(join(set.dir, 'server-key.pem'), join(set.dir, 'client', 'key.pem'));
    await expectFindings(set.dir, [['client/cert.pem', 'server-cert-as-client', 'error', /is a server certificate .*incompatible key usage/]]);
  });

  it('catches a CA without keyUsage, in ca.pem and in the client bundle', async () => {
    const set = await brokenCopy();
    await set.reissueCa(['basicConstraints=critical,CA:TRUE', 'subjectKeyIdentifier=hash']);
    await expectFindings(set.dir, [
      ['ca.pem', 'ca-key-usage-missing', 'error', /no keyUsage.*x509_strict/],
      ['client/ca.pem', 'ca-key-usage-missing', 'error', /no keyUsage/],
    ]);
  });

  it('catches a CA without CA:TRUE and one whose CA:TRUE is not critical', async () => {
    const notCa = await brokenCopy();
    await notCa.reissueCa(['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash']);
    await expectFindings(notCa.dir, [
      ['ca.pem', 'ca-not-ca', 'error', /basicConstraints CA:FALSE/],
      ['client/ca.pem', 'ca-not-ca', 'error', /basicConstraints CA:FALSE/],
    ]);
    const notCritical = await brokenCopy();
    await notCritical.reissueCa(['basicConstraints=CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash']);
    await expectFindings(notCritical.dir, [
      ['ca.pem', 'ca-constraints-not-critical', 'error', /not marked critical/],
      ['client/ca.pem', 'ca-constraints-not-critical', 'error', /not marked critical/],
    ]);
  });

  it('catches leaves signed by another CA', async () => {
    const set = await brokenCopy();
    await set.server({ issuer: otherCa });
    await sign({ key: join(set.dir, 'client', 'key.pem'), out: join(set.dir, 'client', 'cert.pem'), commonName: 'client', issuer: otherCa, extensions: leafExtensions('clientAuth') });
    await expectFindings(set.dir, [
      ['server-cert.pem', 'not-signed-by-ca', 'error', /not signed by ca\.pem \(issued by "CN=another CA"/],
      ['client/ca.pem', 'client-ca-mismatch', 'error', /did not sign server-cert\.pem/],
      ['client/cert.pem', 'not-signed-by-ca', 'error', /not signed by ca\.pem .*daemon .* refuses this client/],
    ]);
  });

  it('catches a key that does not belong to its certificate', async () => {
    const set = await brokenCopy();
    await newKey(join(set.dir, 'server-key.pem'));
    await expectFindings(set.dir, [['server-key.pem', 'key-mismatch', 'error', /does not belong to server-cert\.pem/]]);
  });

  it('catches a negative serial by the sign bit of its DER INTEGER', async () => {
    const set = await brokenCopy();
    await set.server({ serial: '-0x0123456789abcdef' });
    await expectFindings(set.dir, [['server-cert.pem', 'serial-not-positive', 'error', /serial number 0xfedcba9876543211 is negative/]]);
  });

  it('catches the negative serial node-forge writes for random serials starting with 0x80 or more', async () => {
    const forge = (await import('node-forge')).default;
    const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '80c0ffee';
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
    cert.setSubject([{ name: 'commonName', value: 'forge' }]);
    cert.setIssuer([{ name: 'commonName', value: 'forge' }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const file = join(root, 'forge.pem');
    await writeFile(file, forge.pki.certificateToPem(cert));
    const report = await inspectTls(file);
    expect(report.findings.find((f) => f.code === 'serial-not-positive')?.message).toMatch(/^serial number 0x80c0ffee is negative .*node-forge/);
    expect(report.findings.find((f) => f.code === 'weak-key')?.message).toMatch(/1024-bit RSA key/);
  });

  it('fails an expired certificate and a not-yet-valid one, and only warns 30 days ahead (exit 0)', async () => {
    const expired = await brokenCopy();
    await expired.server({ dates: { start: '20200101000000Z', end: '20200201000000Z' } });
    await expectFindings(expired.dir, [['server-cert.pem', 'expired', 'error', /expired on 2020-02-01T00:00:00\.000Z \(\d+ days ago\)/]]);

    const future = await brokenCopy();
    await future.server({ dates: { start: '20991201000000Z', end: '21000101000000Z' } });
    await expectFindings(future.dir, [['server-cert.pem', 'not-yet-valid', 'error', /not valid before 2099-12-01/]]);

    const soon = await brokenCopy();
    await sign({ key: join(soon.dir, 'client', 'key.pem'), out: join(soon.dir, 'client', 'cert.pem'), commonName: 'client', issuer: soon.ca, extensions: leafExtensions('clientAuth'), days: 10 });
    await expectFindings(soon.dir, [['client/cert.pem', 'expires-soon', 'warning', /expires in 9 days/]]);
    const report = await inspectTls(soon.dir);
    expect(report.certificates.find((c) => c.file === 'client/cert.pem')?.daysLeft).toBe(9);
  });

  it('catches encrypted server and client keys (PKCS#8 and legacy PEM) but accepts an encrypted CA key', async () => {
    const set = await brokenCopy();
    await Promise.all([
      encryptKey(join(set.dir, 'client', 'key.pem')),
      encryptKey(join(set.dir, 'server-key.pem'), 'traditional'),
      encryptKey(join(set.dir, 'ca-key.pem')),
    ]);
    await expectFindings(set.dir, [
      ['client/key.pem', 'key-encrypted', 'error', /encrypted private key: dockerd and the docker CLI cannot use/],
      ['server-key.pem', 'key-encrypted', 'error', /encrypted private key/],
    ]);
  });

  it('catches private keys that group or others can read, judging the mode bits', async () => {
    const set = await brokenCopy();
    await Promise.all([chmod(join(set.dir, 'server-key.pem'), 0o644), chmod(join(set.dir, 'client', 'key.pem'), 0o640), chmod(join(set.dir, 'ca-key.pem'), 0o400)]);
    await expectFindings(set.dir, [
      ['server-key.pem', 'key-mode', 'error', /mode 0644: its group and all users can access/],
      ['client/key.pem', 'key-mode', 'error', /mode 0640: its group can access/],
    ]);
  });

  it('catches the CA key copied into the client bundle', async () => {
    const set = await brokenCopy();
    await cp(join(set.dir, 'ca-key.pem'), join(set.dir, 'client', 'ca-key.pem'));
    await expectFindings(set.dir, [['client/ca-key.pem', 'ca-key-in-client-bundle', 'error', /CA private key is in the client bundle/]]);
  });

  it('catches a DNS SAN with a trailing dot', async () => {
    const set = await brokenCopy();
    await set.server({ extensions: leafExtensions('serverAuth', 'DNS:localhost.,IP:127.0.0.1') });
    await expectFindings(set.dir, [['server-cert.pem', 'san-trailing-dot', 'error', /"localhost\." with a trailing dot; newer dockerd refuses to start/]]);
  });

  it('catches tlsverify off in daemon.json and a drop-in that still passes -H', async () => {
    const set = await brokenCopy();
    await writeFile(join(set.dir, 'daemon.json'), JSON.stringify({ hosts: ['tcp://127.0.0.1:2376'], tls: true }));
    await writeFile(join(set.dir, 'docker.service.d', 'harden-tls.conf'), '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd://\n');
    await expectFindings(set.dir, [
      ['daemon.json', 'tlsverify-off', 'error', /does not set "tlsverify": true/],
      ['docker.service.d/harden-tls.conf', 'systemd-hosts-conflict', 'error', /starts dockerd with a -H flag \(\/usr\/bin\/dockerd -H fd:\/\/\)/],
    ]);
  });
});
