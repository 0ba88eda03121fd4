// TLS in front of the proxy: an HTTPS listener with a `harden tls init` server
// certificate, and the mutual-TLS stream mode that carries exec/attach/run.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { createCertificateAuthority, issueCertificate } from '../engine/tls-material.js';
import { basicAuthorization, DockerClient, freeLoopbackPort, generateProxy, probe, scratchDirectory, startNginx, type RunningNginx } from './nginx-harness.js';

const user = 'tls-user';
const password = 'tls pass';

let engine: TestEngine | undefined;
let work = '';
let tlsDir = '';
let https: RunningNginx | undefined;
let stream: RunningNginx | undefined;

/** The docker CLI on mutual TLS through the stream proxy, with the client files in `certPath`. */
const streamClient = (home: string, certPath: string): Promise<DockerClient> =>
  DockerClient.create(join(work, home), { DOCKER_HOST: `tcp://127.0.0.1:${stream?.port ?? 0}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath });

beforeAll(async () => {
  engine = await startEngine('px-tls');
  await engine.docker('run', '-d', '--network', 'none', '--name', 'tls-target', 'local/busybox:1', 'sleep', '3600');
  work = await scratchDirectory('tls');
  tlsDir = join(work, 'tls');
  const init = await harden(['tls', 'init', '127.0.0.1', '--out', tlsDir]);
  if (init.code !== 0) throw new Error(`harden tls init exited ${init.code}: ${init.stderr}`);

  // 0.0.0.0 is not loopback: accepted without --insecure-plaintext because of --tls-dir.
  const httpsPort = await freeLoopbackPort();
  await generateProxy(join(work, 'https'), ['--upstream', engine.host, '--listen', `0.0.0.0:${httpsPort}`, '--tls-dir', tlsDir, '--user', user], password);
  https = await startNginx(join(work, 'https'), httpsPort);

  const streamPort = await freeLoopbackPort();
  await generateProxy(join(work, 'stream'), ['--upstream', engine.host, '--listen', `127.0.0.1:${streamPort}`, '--tls-dir', tlsDir, '--mode', 'stream']);
  stream = await startNginx(join(work, 'stream'), streamPort);
});

afterAll(async () => {
  await https?.stop();
  await stream?.stop();
  await engine?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('HTTPS listener with a harden tls server certificate', () => {
  it('curl --cacert with the right password gets /_ping; without it 401', async () => {
    const base = `https://127.0.0.1:${https?.port ?? 0}`;
    const ping = await probe(`${base}/_ping`, { user: [user, password], curl: ['--cacert', join(tlsDir, 'ca.pem')] });
    expect(ping).toEqual({ status: 200, body: 'OK' });
    expect((await probe(`${base}/_ping`, { curl: ['--cacert', join(tlsDir, 'ca.pem')] })).status).toBe(401);
    expect((await probe(`${base}/_ping`, { user: [user, 'nope'], curl: ['--cacert', join(tlsDir, 'ca.pem')] })).status).toBe(401);
  });

  it('plain HTTP to the TLS port gets no answer from the daemon', async () => {
    const plain = await probe(`http://127.0.0.1:${https?.port ?? 0}/_ping`, { user: [user, password] });
    expect(plain.status).not.toBe(200);
    expect(plain.body).not.toBe('OK');
  });

  it('the docker CLI works over HTTPS with the CA only and basic auth in a header', async () => {
    const caOnly = join(work, 'ca-only');
    await mkdir(caOnly, { recursive: true });
    await copyFile(join(tlsDir, 'ca.pem'), join(caOnly, 'ca.pem'));
    const client = await DockerClient.create(join(work, 'https-home'), {
      DOCKER_HOST: `tcp://127.0.0.1:${https?.port ?? 0}`,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: caOnly,
      DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization(user, password)}`,
    });
    const ps = await client.run('ps', '--format', '{{.Names}}');
    expect(ps).toEqual({ code: 0, stdout: 'tls-target\n', stderr: '' });
  });
});

describe('stream mode: mutual TLS, half-close carried', () => {
  it('docker exec prints its output and returns the exit code of the command', async () => {
    const client = await streamClient('stream-home', join(tlsDir, 'client'));
    const exec = await client.run('exec', 'tls-target', 'sh', '-c', 'echo hi; exit 3');
    expect(exec).toEqual({ code: 3, stdout: 'hi\n', stderr: '' });
  });

  it('docker exec -i gets all of stdin and answers after the client half-closes', async () => {
    const client = await streamClient('stream-home', join(tlsDir, 'client'));
    const input = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const exec = await client.runWithInput(input, 'exec', '-i', 'tls-target', 'sh', '-c', 'wc -l; exit 5');
    expect(exec.code).toBe(5);
    expect(exec.stdout.trim()).toBe('2000');
  });

  it('docker run --rm prints, returns the exit code and leaves no container', async () => {
    const client = await streamClient('stream-home', join(tlsDir, 'client'));
    const runResult = await client.run('run', '--rm', '--network', 'none', 'local/busybox:1', 'sh', '-c', 'echo ran; exit 4');
    expect(runResult).toEqual({ code: 4, stdout: 'ran\n', stderr: '' });
    expect(await engine?.docker('ps', '-a', '--format', '{{.Names}}')).toBe('tls-target');
  });

  it('without a client certificate the connection is refused', async () => {
    const caOnly = join(work, 'stream-ca-only');
    await mkdir(caOnly, { recursive: true });
    await copyFile(join(tlsDir, 'client', 'ca.pem'), join(caOnly, 'ca.pem'));
    const client = await streamClient('no-cert-home', caOnly);
    const ps = await client.run('ps');
    expect(ps.code).not.toBe(0);
    // The CLI dialled the proxy (it does not refuse a cert path without cert.pem by itself).
    expect(ps.stderr).toMatch(/error during connect/);
    expect(ps.stdout).toBe('');
    const curl = await probe(`https://127.0.0.1:${stream?.port ?? 0}/_ping`, { curl: ['--cacert', join(tlsDir, 'ca.pem')] });
    expect(curl.body).not.toBe('OK');
  });

  it('a client certificate from another CA is refused', async () => {
    const stranger = join(work, 'stranger');
    await mkdir(stranger, { recursive: true });
    const otherCa = await createCertificateAuthority(stranger, 'other-ca');
    const cert = await issueCertificate(otherCa, stranger, 'intruder', { kind: 'client' });
    const curl = await probe(`https://127.0.0.1:${stream?.port ?? 0}/_ping`, { curl: ['--cacert', join(tlsDir, 'ca.pem'), '--cert', cert.cert, '--key', cert.key] });
    expect(curl.body).not.toBe('OK');
    const good = join(tlsDir, 'client');
    const accepted = await probe(`https://127.0.0.1:${stream?.port ?? 0}/_ping`, { curl: ['--cacert', join(good, 'ca.pem'), '--cert', join(good, 'cert.pem'), '--key', join(good, 'key.pem')] });
    expect(accepted).toEqual({ status: 200, body: 'OK' });
  });
});

describe('plaintext basic auth off loopback', () => {
  it.each(['0.0.0.0', '[::]', '192.0.2.10'])('--listen %s without --tls-dir is refused with exit 2 unless --insecure-plaintext', async (address) => {
    const out = join(work, `plain-${address.replace(/\W/g, '')}`);
    const args = ['proxy', 'nginx', '--out', out, '--upstream', engine?.host ?? '', '--listen', `${address}:2375`, '--user', user, '--password-stdin'];
    const refused = await harden(args, { input: `${password}\n` });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--insecure-plaintext/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const accepted = await harden([...args, '--insecure-plaintext'], { input: `${password}\n` });
    expect(accepted.stderr).not.toMatch(/internal error/);
    expect(accepted.code).toBe(0);
  });

  it('stream mode without --tls-dir is refused with exit 2', async () => {
    const result = await harden(['proxy', 'nginx', '--out', join(work, 'stream-plain'), '--upstream', engine?.host ?? '', '--mode', 'stream']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--tls-dir/);
  });
});
