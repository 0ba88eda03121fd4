// `harden tls verify` against real dockerd instances: one with --tlsverify and a
// server certificate that names only DNS:localhost (good when dialed as
// localhost, missing the IP SAN when dialed as 127.0.0.1), one with an expired
// server certificate and client verification switched off, and one serving
// plain HTTP. Certificates come from the openssl CLI (test/engine/tls-material.ts).
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTls, type TlsVerifyReport } from '../../src/tls/verify.js';
import { harden } from '../helpers/cli.js';
import { createCertificateAuthority, issueCertificate, type KeyPair } from '../engine/tls-material.js';
import { leafExtensions, sign } from './inspect-sets.js';

const run = promisify(execFile);
const engineScript = fileURLToPath(new URL('../sandbox/engine.sh', import.meta.url));
const pki = '/tmp/hd-tv-pki';
const daemons = { good: '/tmp/hd-tv-good', noverify: '/tmp/hd-tv-nov', plain: '/tmp/hd-tv-plain' };
const ports = { good: 0, noverify: 0, plain: 0 };

let ca: KeyPair;
let otherCa: KeyPair;
let client: KeyPair;
let strangerClient: KeyPair;
/** DOCKER_CERT_PATH layout of the good client. */
const certPath = join(pki, 'client-bundle');

/** Distinct free ports: all servers stay open until every port is chosen. */
async function reservePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  const chosen: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const address = server.address();
    chosen.push(typeof address === 'object' && address !== null ? address.port : 0);
  }
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return chosen;
}

/** Starts dockerd with its own data-root, exec-root and pidfile; resolves once it serves its API. */
async function startDaemon(dir: string, port: number, tlsFlags: string[]): Promise<void> {
  await run('sh', [engineScript, 'stop', dir]);
  await mkdir(dir, { recursive: true });
  const logFile = join(dir, 'dockerd.log');
  const log = openSync(logFile, 'w');
  const isolation = ['--data-root', join(dir, 'root'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'docker.pid'), '--iptables=false', '--ip-masq=false', '--bridge=none', '--storage-driver=vfs'];
  spawn('dockerd', [...tlsFlags, '-H', `tcp://127.0.0.1:${port}`, ...isolation], { detached: true, stdio: ['ignore', log, log] }).unref();
  closeSync(log);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const text = await readFile(logFile, 'utf8');
    if (text.includes(`API listen on 127.0.0.1:${port}`)) return;
  }
  throw new Error(`dockerd in ${dir} did not start:\n${(await readFile(logFile, 'utf8')).split('\n').slice(-15).join('\n')}`);
}

beforeAll(async () => {
  await mkdir(certPath, { recursive: true });
  [ca, otherCa] = await Promise.all([createCertificateAuthority(pki, 'ca'), createCertificateAuthority(pki, 'other-ca')]);
  const expiredServer = { cert: join(pki, 'expired-server.pem'), key: join(pki, 'expired-server-key.pem') };
  let localhostServer: KeyPair;
  [localhostServer, client, strangerClient] = await Promise.all([
    issueCertificate(ca, pki, 'server', { kind: 'server', subjectAltNames: 'DNS:localhost' }),
    issueCertificate(ca, pki, 'client', { kind: 'client' }),
    issueCertificate(otherCa, pki, 'stranger', { kind: 'client' }),
    sign({ key: expiredServer.key, out: expiredServer.cert, commonName: 'expired', issuer: ca, extensions: leafExtensions('serverAuth', 'IP:127.0.0.1'), dates: { start: '20200101000000Z', end: '20200201000000Z' } }),
  ]);
  await Promise.all([copyFile(ca.cert, join(certPath, 'ca.pem')), copyFile(client.cert, join(certPath, 'cert.pem')), copyFile(client.key, join(certPath, 'key.pem'))]);
  const [good = 0, noverify = 0, plain = 0] = await reservePorts(3);
  Object.assign(ports, { good, noverify, plain });
  await Promise.all([
    startDaemon(daemons.good, ports.good, ['--tlsverify', '--tlscacert', ca.cert, '--tlscert', localhostServer.cert, '--tlskey', localhostServer.key]),
    // dockerd 20.10 still demands client certificates with --tls alone when it has a CA; only --tlsverify=false stops that.
    startDaemon(daemons.noverify, ports.noverify, ['--tls', '--tlsverify=false', '--tlscacert', ca.cert, '--tlscert', expiredServer.cert, '--tlskey', expiredServer.key]),
    startDaemon(daemons.plain, ports.plain, []),
  ]);
});

afterAll(async () => {
  await Promise.all(Object.values(daemons).map((dir) => run('sh', [engineScript, 'stop', dir])));
  await run('rm', ['-rf', pki]);
});

function probe(report: TlsVerifyReport, id: string): { status: string; detail: string; fix: string | null } {
  const found = report.probes.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no probe ${id} in ${JSON.stringify(report.probes)}`);
  return found;
}

const goodFiles = (): { tlsCaCert: string; tlsCert: string; tlsKey: string } => ({ tlsCaCert: ca.cert, tlsCert: client.cert, tlsKey: client.key });

describe('harden tls verify against a --tlsverify dockerd', () => {
  it('passes every probe for the good set (DOCKER_CERT_PATH) and only warns about the 2-day certificates', async () => {
    const report = await verifyTls({ flags: { host: `tcp://localhost:${ports.good}` }, env: { DOCKER_CERT_PATH: certPath } });
    expect(report).toMatchObject({ host: `tcp://localhost:${ports.good}`, origin: 'set by -H/--host', failed: 0, warnings: 2 });
    expect(report.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(report.probes.map((p) => [p.id, p.status])).toEqual([
      ['ping-with-client-cert', 'pass'],
      ['refuses-without-client-cert', 'pass'],
      ['refuses-plain-http', 'pass'],
      ['server-name', 'pass'],
      ['server-cert-expiry', 'warn'],
      ['client-cert-expiry', 'warn'],
    ]);
    expect(probe(report, 'ping-with-client-cert').detail).toMatch(/GET \/_ping answered "OK" \(API 1\.41, TLSv1\.[23]\) as CN=client/);
    expect(probe(report, 'refuses-without-client-cert').detail).toMatch(/demands a client certificate and none was sent|closed the connection/);
    expect(probe(report, 'refuses-plain-http').detail).toContain('Client sent an HTTP request to an HTTPS server');
    expect(probe(report, 'server-cert-expiry').detail).toMatch(/^expires in 1 day,/);
  });

  it('fails naming the missing IP SAN when the daemon is dialed by an address its certificate does not list', async () => {
    const report = await verifyTls({ flags: { host: `tcp://127.0.0.1:${ports.good}`, ...goodFiles() }, env: {} });
    expect(report.failed).toBe(2);
    expect(probe(report, 'server-name')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/has no SAN IP:127\.0\.0\.1 \(it lists DNS:localhost\)/) });
    expect(probe(report, 'server-name').fix).toMatch(/reissue the server certificate with 127\.0\.0\.1/);
    expect(probe(report, 'ping-with-client-cert')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/docker CLI refuses this daemon: its certificate has no SAN IP:127\.0\.0\.1/) });
  });

  it('fails with a clear reason when the CA does not match the server certificate', async () => {
    const report = await verifyTls({ flags: { host: `tcp://localhost:${ports.good}`, ...goodFiles(), tlsCaCert: otherCa.cert }, env: {} });
    expect(probe(report, 'ping-with-client-cert')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(new RegExp(`server certificate is not signed by the CA in ${otherCa.cert} \\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\)`)),
    });
    expect(report.failed).toBe(1);
  });

  it('fails when the daemon rejects a client certificate from another CA', async () => {
    const report = await verifyTls({ flags: { host: `tcp://localhost:${ports.good}`, tlsCaCert: ca.cert, tlsCert: strangerClient.cert, tlsKey: strangerClient.key }, env: {} });
    expect(probe(report, 'ping-with-client-cert')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/daemon rejected the client certificate .*stranger\.pem \(TLS alert "bad certificate"\): it is not signed by the CA the daemon trusts/),
      fix: expect.stringMatching(/harden tls client/),
    });
  });
});

describe('harden tls verify against misconfigured daemons', () => {
  it('fails naming expiry for an expired server certificate, and says tlsverify is off when clients are not verified', async () => {
    const report = await verifyTls({ flags: { host: `tcp://127.0.0.1:${ports.noverify}`, ...goodFiles() }, env: {} });
    expect(probe(report, 'ping-with-client-cert')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/server certificate has expired \(on 2020-02-01T00:00:00\.000Z\)/) });
    expect(probe(report, 'server-cert-expiry')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^expired on 2020-02-01T00:00:00\.000Z \(\d+ days ago\)/) });
    expect(probe(report, 'refuses-without-client-cert')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/without a client certificate answered HTTP 200: the daemon does not verify clients \(tlsverify is off\)/),
      fix: expect.stringMatching(/--tlsverify/),
    });
    expect(probe(report, 'server-name').status).toBe('pass');
  });

  it('fails a daemon that serves the API over plain HTTP', async () => {
    const report = await verifyTls({ flags: { host: `tcp://127.0.0.1:${ports.plain}`, ...goodFiles() }, env: {} });
    expect(report.tlsVersion).toBeNull();
    expect(probe(report, 'ping-with-client-cert')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/does not speak TLS/) });
    expect(probe(report, 'refuses-plain-http')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/plain HTTP GET \/_ping got an API answer \(HTTP 200\)/) });
    expect(probe(report, 'refuses-without-client-cert').status).toBe('skip');
  });

  it('fails with "nothing listens" when no daemon is there, and skips the probes that need one', async () => {
    const [unused = 0] = await reservePorts(1);
    const report = await verifyTls({ flags: { host: `tcp://127.0.0.1:${unused}`, ...goodFiles() }, env: {} });
    expect(probe(report, 'ping-with-client-cert')).toMatchObject({ status: 'fail', detail: `nothing listens on 127.0.0.1:${unused} (connection refused)` });
    expect(report.probes.filter((p) => p.status === 'skip')).toHaveLength(4);
  });
});

describe('harden tls verify (the CLI)', () => {
  it('exits 0 with warnings only, 1 on a failed probe, and prints JSON for scripts', async () => {
    const env = { DOCKER_HOST: `tcp://localhost:${ports.good}`, DOCKER_CERT_PATH: certPath };
    const good = await harden(['tls', 'verify'], { env });
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(new RegExp(`^tcp://localhost:${ports.good} \\(set by DOCKER_HOST\\), negotiated TLSv1\\.[23]`));
    expect(good.stdout).toMatch(/PASS {2}the API answers with the client certificate/);
    expect(good.stdout).toMatch(/WARN {2}the server certificate is within its validity: expires in 1 day,/);

    const missingSan = await harden(['tls', 'verify', '-H', `tcp://127.0.0.1:${ports.good}`, '-f', 'json'], { env: { DOCKER_CERT_PATH: certPath } });
    expect(missingSan.code).toBe(1);
    const report = JSON.parse(missingSan.stdout) as TlsVerifyReport;
    expect(probe(report, 'server-name').status).toBe('fail');
  });

  it('exits 2 for a unix host, a missing client certificate and an unreadable CA file', async () => {
    const unix = await harden(['tls', 'verify', '-H', 'unix:///var/run/docker.sock']);
    expect(unix).toMatchObject({ code: 2, stdout: '' });
    expect(unix.stderr).toMatch(/^harden: harden tls verify needs a tcp:\/\/ host, got unix:\/\/\/var\/run\/docker\.sock/);

    const noClient = await harden(['tls', 'verify', '-H', `tcp://localhost:${ports.good}`, '--tlscacert', ca.cert], { env: { HOME: pki } });
    expect(noClient.code).toBe(2);
    expect(noClient.stderr).toMatch(/no client certificate for tcp:\/\/localhost:\d+: pass --tlscert and --tlskey/);

    const noCa = await harden(['tls', 'verify', '-H', `tcp://localhost:${ports.good}`, '--tlscacert', join(pki, 'absent.pem'), '--tlscert', client.cert, '--tlskey', client.key]);
    expect(noCa.code).toBe(2);
    expect(noCa.stderr.trim().split('\n')).toHaveLength(1);
    expect(noCa.stderr).toMatch(/cannot read the CA certificate .*absent\.pem \(no such file\)/);
  });
});
