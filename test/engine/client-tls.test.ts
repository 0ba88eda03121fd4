// The client against a second, real dockerd that listens only on TLS with client
// verification (--tlsverify), with certificates made by the openssl CLI.
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/engine/client.js';
import { EngineError } from '../../src/engine/errors.js';
import { resolveEndpoint, type HostFlags } from '../../src/engine/host.js';
import { createCertificateAuthority, issueCertificate, type KeyPair } from './tls-material.js';
import { freeLoopbackPort } from '../helpers/ports.js';

const run = promisify(execFile);
const engineScript = fileURLToPath(new URL('../sandbox/engine.sh', import.meta.url));
const dir = '/tmp/hd-eng-tls';
const pki = join(dir, 'pki');
const emptyHome = join(dir, 'home');

let port = 0;
let host = '';
let ca: KeyPair;
let otherCa: KeyPair;
let client: KeyPair;
let strangerClient: KeyPair;


async function waitForTlsEngine(): Promise<void> {
  const deadline = Date.now() + 30_000;
  const curlArgs = ['-sf', '--max-time', '2', '--cacert', ca.cert, '--cert', client.cert, '--key', client.key, `https://127.0.0.1:${port}/_ping`];
  while (Date.now() < deadline) {
    try {
      await run('curl', curlArgs);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const log = await readFile(join(dir, 'dockerd.log'), 'utf8').catch(() => '');
  throw new Error(`TLS dockerd did not answer on port ${port}:\n${log.split('\n').slice(-20).join('\n')}`);
}

beforeAll(async () => {
  await run('sh', [engineScript, 'stop', dir]);
  await mkdir(pki, { recursive: true });
  await mkdir(emptyHome, { recursive: true });
  [ca, otherCa] = await Promise.all([createCertificateAuthority(pki, 'ca'), createCertificateAuthority(pki, 'other-ca')]);
  const [server, issuedClient, stranger] = await Promise.all([
    issueCertificate(ca, pki, 'server', { kind: 'server', subjectAltNames: 'IP:127.0.0.1' }),
    issueCertificate(ca, pki, 'client', { kind: 'client' }),
    issueCertificate(otherCa, pki, 'stranger', { kind: 'client' }),
  ]);
  client = issuedClient;
  strangerClient = stranger;
  port = await freeLoopbackPort();
  host = `tcp://127.0.0.1:${port}`;
  const log = openSync(join(dir, 'dockerd.log'), 'w');
  const dockerd = spawn(
    'dockerd',
    [
      '--tlsverify', '--tlscacert', ca.cert, '--tlscert', server.cert, '--tlskey', server.key,
      '-H', host,
      '--data-root', join(dir, 'root'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'docker.pid'),
      '--iptables=false', '--ip-masq=false', '--bridge=none', '--storage-driver=vfs',
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  dockerd.unref();
  closeSync(log);
  await waitForTlsEngine();
});

afterAll(async () => {
  // engine.sh stops any engine by the pid in DIR/docker.pid and removes DIR.
  await run('sh', [engineScript, 'stop', dir]);
});

async function connectWith(flags: HostFlags, env: NodeJS.ProcessEnv = {}): Promise<EngineClient> {
  return EngineClient.connect(await resolveEndpoint(flags, env, emptyHome), { timeoutMs: 5000 });
}

async function connectError(flags: HostFlags, env: NodeJS.ProcessEnv = {}): Promise<EngineError> {
  const error = await connectWith(flags, env).then(
    (connected) => {
      connected.close();
      throw new Error('expected the connection to fail');
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('TLS engine with client verification', () => {
  it('works with the CA and client certificate given as flags', async () => {
    const engine = await connectWith({ host, tlsVerify: true, tlsCaCert: ca.cert, tlsCert: client.cert, tlsKey: client.key });
    try {
      expect(engine.endpoint).toMatchObject({ transport: 'tcp', url: host, source: 'flag' });
      expect(await engine.version()).toMatchObject({ apiVersion: '1.41', negotiatedApiVersion: '1.41', os: 'linux' });
      expect(await engine.listContainers({ all: true })).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('works with DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const certPath = join(dir, 'cert-path');
    await mkdir(certPath, { recursive: true });
    await Promise.all([
      copyFile(ca.cert, join(certPath, 'ca.pem')),
      copyFile(client.cert, join(certPath, 'cert.pem')),
      copyFile(client.key, join(certPath, 'key.pem')),
    ]);
    const engine = await connectWith({}, { DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath });
    try {
      expect(engine.endpoint).toMatchObject({ source: 'env', tls: { verify: true, certFile: join(certPath, 'cert.pem') } });
      expect((await engine.version()).apiVersion).toBe('1.41');
    } finally {
      engine.close();
    }
  });

  it('works through a docker context created by the real docker CLI', async () => {
    const configDir = join(dir, 'cli-config');
    const env = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: '', DOCKER_CONTEXT: '' };
    const endpointSpec = `host=${host},ca=${ca.cert},cert=${client.cert},key=${client.key}`;
    await run('docker', ['context', 'create', 'tls-engine', '--docker', endpointSpec], { env });
    const engine = await connectWith({ context: 'tls-engine' }, { DOCKER_CONFIG: configDir });
    try {
      expect(engine.endpoint).toMatchObject({ source: 'context', context: 'tls-engine', tls: { verify: true } });
      expect((await engine.version()).apiVersion).toBe('1.41');
    } finally {
      engine.close();
    }
  });

  it('without verification still sends the client certificate and ignores an untrusted server', async () => {
    const engine = await connectWith({ host, tls: true, tlsCaCert: otherCa.cert, tlsCert: client.cert, tlsKey: client.key });
    try {
      expect(engine.endpoint.tls?.verify).toBe(false);
      expect((await engine.version()).apiVersion).toBe('1.41');
    } finally {
      engine.close();
    }
  });

  it('fails as tls when no client certificate is sent', async () => {
    const error = await connectError({ host, tlsVerify: true, tlsCaCert: ca.cert });
    expect(error.kind).toBe('tls');
    expect(error.host).toBe(host);
    expect(error.message).toContain(host);
    expect(error.message).toMatch(/no client certificate was sent/);
  });

  it('fails as tls when the client certificate comes from another CA', async () => {
    const error = await connectError({ host, tlsVerify: true, tlsCaCert: ca.cert, tlsCert: strangerClient.cert, tlsKey: strangerClient.key });
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(host);
  });

  it('fails as tls when the server certificate is not signed by the trusted CA', async () => {
    const error = await connectError({ host, tlsVerify: true, tlsCaCert: otherCa.cert, tlsCert: client.cert, tlsKey: client.key });
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(`not signed by the trusted CA ${otherCa.cert}`);
    expect(error.message).toContain('set by -H/--host');
  });

  it('fails as tls when the server certificate does not name the dialled host', async () => {
    const error = await connectError({ host: `tcp://localhost:${port}`, tlsVerify: true, tlsCaCert: ca.cert, tlsCert: client.cert, tlsKey: client.key });
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/does not name localhost/);
  });

  it('explains plain HTTP sent to the TLS port', async () => {
    const error = await connectError({}, { DOCKER_HOST: host });
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(`plain HTTP to a TLS port of the Docker Engine at ${host} (set by DOCKER_HOST)`);
    expect(error.message).toContain('--tlsverify');
  });

  it('explains TLS sent to a plain HTTP port', async () => {
    const plain: Server = createServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainHost = `tcp://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    try {
      const error = await connectError({ host: plainHost, tlsVerify: true, tlsCaCert: ca.cert, tlsCert: client.cert, tlsKey: client.key });
      expect(error.kind).toBe('tls');
      expect(error.message).toContain(`at ${plainHost}`);
      expect(error.message).toMatch(/does not speak TLS on this port/);
    } finally {
      plain.close();
    }
  });

  it('fails as tls before any I/O when a certificate file is not PEM', async () => {
    const garbage = join(pki, 'garbage.pem');
    await writeFile(garbage, 'not a certificate\n');
    const error = await connectError({ host, tlsVerify: true, tlsCaCert: ca.cert, tlsCert: garbage, tlsKey: client.key });
    expect(error.kind).toBe('tls');
    expect(error.message).toContain(`cannot use ${ca.cert}, ${garbage}, ${client.key}`);
  });
});

describe('harden audit (the CLI) against the TLS engine', () => {
  it('audits over TLS with docker-style flags and env, and exits 3 naming the TLS problem without a client certificate', async () => {
    const { harden } = await import('../helpers/cli.js');
    // One privileged container, created over TLS with the real docker CLI (this engine
    // has its own data-root, so it gets its own one-binary image first).
    const tlsDocker = `docker -H ${host} --tlsverify --tlscacert ${ca.cert} --tlscert ${client.cert} --tlskey ${client.key}`;
    await run('sh', ['-c', `set -e; d=$(mktemp -d); mkdir $d/bin; cp "$(command -v busybox)" $d/bin/sleep; tar -C $d -c . | ${tlsDocker} import - local/tls:1 >/dev/null; rm -rf $d`]);
    await run('sh', ['-c', `${tlsDocker} create --name tls-priv --network none --privileged local/tls:1 /bin/sleep 1 >/dev/null`]);
    const flags = ['-H', host, '--tlsverify', '--tlscacert', ca.cert, '--tlscert', client.cert, '--tlskey', client.key];
    const viaFlags = await harden(['audit', ...flags, '-f', 'json']);
    expect(viaFlags.stderr).toBe('');
    expect(viaFlags.code).toBe(1);
    const report = JSON.parse(viaFlags.stdout) as { target: { host: string; apiVersion: string }; findings: { ruleId: string }[] };
    expect(report.target).toMatchObject({ host, apiVersion: '1.41' });
    expect(report.findings.map((f) => f.ruleId)).toContain('no-privileged');

    const certPath = join(dir, 'cli-cert-path');
    await mkdir(certPath, { recursive: true });
    await Promise.all([
      copyFile(ca.cert, join(certPath, 'ca.pem')),
      copyFile(client.cert, join(certPath, 'cert.pem')),
      copyFile(client.key, join(certPath, 'key.pem')),
    ]);
    const viaEnv = await harden(['audit', '-f', 'json'], { env: { HOME: emptyHome, DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath } });
    expect(viaEnv.code).toBe(1);

    const noClientCert = await harden(['audit', '-H', host, '--tlsverify', '--tlscacert', ca.cert, '--tlscert', '', '--tlskey', ''], { env: { HOME: emptyHome } });
    expect(noClientCert.code).toBe(3);
    expect(noClientCert.stderr.trim().split('\n')).toHaveLength(1);
    expect(noClientCert.stderr).toMatch(new RegExp(`${host}.*(certificate|TLS)`, 'i'));
  });
});
