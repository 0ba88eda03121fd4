// Shared by the proxy unit tests: a TLS set shaped like `harden tls init` output
// (made with openssl), `nginx -t`, and a generator call with defaults.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateProxy, type ProxyRequest, type ProxyResult } from '../../src/proxy/generate.js';
import { parseListen, parseUpstream } from '../../src/proxy/validate.js';
import { createCertificateAuthority, issueCertificate } from '../engine/tls-material.js';

const run = promisify(execFile);

export function scratchDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `hd-proxy-${name}-`));
}

/** ca.pem, server-cert.pem, server-key.pem and client/ in `dir`, as `harden tls init` lays them out. */
export async function makeTlsSet(dir: string): Promise<string> {
  await mkdir(join(dir, 'client'), { recursive: true });
  const ca = await createCertificateAuthority(dir, 'ca-src');
  const server = await issueCertificate(ca, dir, 'server-src', { kind: 'server', subjectAltNames: 'DNS:localhost,IP:127.0.0.1' });
  const client = await issueCertificate(ca, dir, 'client-src', { kind: 'client' });
  await copyFile(ca.cert, join(dir, 'ca.pem'));
  await copyFile(server.cert, join(dir, 'server-cert.pem'));
  await copyFile(server.key, join(dir, 'server-key.pem'));
  await copyFile(ca.cert, join(dir, 'client', 'ca.pem'));
  await copyFile(client.cert, join(dir, 'client', 'cert.pem'));
  await copyFile(client.key, join(dir, 'client', 'key.pem'));
  return dir;
}

/** `nginx -t -p dir -c nginx.conf`: resolves with nginx's output, rejects with it on failure. */
export async function nginxTest(dir: string): Promise<string> {
  try {
    const { stderr } = await run('nginx', ['-t', '-p', dir, '-c', 'nginx.conf']);
    return stderr;
  } catch (error) {
    throw new Error(`nginx -t failed for ${dir}: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

/** Generates a proxy with test defaults: TCP upstream (no socket needed), loopback listen, one user. */
export function generate(out: string, overrides: Partial<ProxyRequest> = {}): Promise<ProxyResult> {
  return generateProxy({
    out,
    mode: 'http',
    upstream: parseUpstream('tcp://127.0.0.1:2375'),
    listen: parseListen('127.0.0.1:2375'),
    tlsDir: undefined,
    insecurePlaintext: false,
    credentials: { kind: 'user', user: 'alice', password: 'correct horse' },
    roles: [],
    profile: 'readonly',
    allowInspect: false,
    force: false,
    ...overrides,
  });
}
