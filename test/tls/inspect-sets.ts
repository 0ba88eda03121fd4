// Certificate sets for the `harden tls inspect` tests, made with the real openssl
// CLI: a good set shaped as docker-tls.md demands, and the means to break one
// piece of it at a time (v1 certificates, odd extensions, negative serials,
// backdated or future validity, encrypted keys).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { inspectTls } from '../../src/tls/inspect.js';
import type { TlsFindingLevel } from '../../src/tls/inspect-types.js';

const openssl = (...args: string[]): Promise<unknown> => promisify(execFile)('openssl', args);

export interface Issuer {
  cert: string;
  key: string;
}

export interface SignRequest {
  /** Key file of the subject; created (EC P-256) when it does not exist yet. */
  key: string;
  out: string;
  commonName: string;
  /** null: self-signed. */
  issuer: Issuer | null;
  /** extfile lines; null makes openssl write a v1 certificate (no extensions at all). */
  extensions: string[] | null;
  /** `0x...` or `-0x...`; default: 16 random bytes with the top bit cleared. */
  serial?: string;
  /** Lifetime in days from now (default 365), or exact dates (openssl ca, YYYYMMDDHHMMSSZ). */
  days?: number;
  dates?: { start: string; end: string };
}

export const CA_EXTENSIONS = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];

export function leafExtensions(usage: 'serverAuth' | 'clientAuth', subjectAltName?: string): string[] {
  const lines = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', `extendedKeyUsage=${usage}`, 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid'];
  return subjectAltName === undefined ? lines : [...lines, `subjectAltName=${subjectAltName}`];
}

export async function newKey(path: string): Promise<void> {
  await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path);
  await chmod(path, 0o600);
}

/** `pkcs8`: BEGIN ENCRYPTED PRIVATE KEY; `traditional`: the legacy Proc-Type: 4,ENCRYPTED header. */
export async function encryptKey(path: string, format: 'pkcs8' | 'traditional' = 'pkcs8'): Promise<void> {
  const formatArgs = format === 'traditional' ? ['-traditional'] : [];
  // openssl truncates -out before reading -in: never let them be the same file.
  await openssl('pkey', '-in', path, ...formatArgs, '-aes256', '-passout', 'pass:secret', '-out', `${path}.encrypted`);
  await rename(`${path}.encrypted`, path);
  await chmod(path, 0o600);
}

/** Issues one certificate with openssl x509 -req (relative lifetimes) or openssl ca (exact dates). */
export async function sign(request: SignRequest): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'hd-openssl-'));
  try {
    await signIn(work, request);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function signIn(work: string, request: SignRequest): Promise<void> {
  const csr = join(work, 'request.csr');
  const { key } = request;
  if (!(await access(key).then(() => true, () => false))) await newKey(key);
  await openssl('req', '-new', '-key', key, '-subj', `/CN=${request.commonName}`, '-out', csr);
  const extfile = join(work, 'ext.cnf');
  if (request.extensions !== null) await writeFile(extfile, `[ext]\n${request.extensions.join('\n')}\n`);
  const extArgs = request.extensions === null ? [] : ['-extfile', extfile, '-extensions', 'ext'];
  const issuer = request.issuer ?? { cert: '', key };
  if (request.dates !== undefined) {
    // Only `openssl ca` sets arbitrary notBefore/notAfter in OpenSSL 3.0.
    const config = join(work, 'ca.cnf');
    await writeFile(join(work, 'index.txt'), '');
    await writeFile(
      config,
      `[ca]\ndefault_ca = set\n[set]\ndatabase = ${work}/index.txt\nnew_certs_dir = ${work}\nserial = ${work}/serial\ndefault_md = sha256\npolicy = anything\n[anything]\ncommonName = supplied\n`,
    );
    const signer = request.issuer === null ? ['-selfsign', '-keyfile', key] : ['-cert', issuer.cert, '-keyfile', issuer.key];
    await openssl('ca', '-batch', '-notext', '-config', config, ...signer, '-in', csr, '-out', request.out, '-startdate', request.dates.start, '-enddate', request.dates.end, '-rand_serial', ...extArgs);
    return;
  }
  const signer = request.issuer === null ? ['-signkey', key] : ['-CA', issuer.cert, '-CAkey', issuer.key];
  await openssl('x509', '-req', '-in', csr, ...signer, '-days', String(request.days ?? 365), '-set_serial', request.serial ?? randomSerial(), ...extArgs, '-out', request.out);
}

function randomSerial(): string {
  const serial = randomBytes(16);
  serial.writeUInt8(serial.readUInt8(0) & 0x7f, 0);
  return `0x${serial.toString('hex')}`;
}

/**
 * The layout of `harden tls init`, made with openssl: ca.pem, ca-key.pem,
 * server-cert.pem (DNS:localhost, IP:127.0.0.1), server-key.pem, daemon.json
 * (listening on tcp://127.0.0.1:2376), the systemd drop-in, and client/ with
 * ca.pem, cert.pem, key.pem and env.sh.
 */
export async function createGoodSet(dir: string): Promise<void> {
  await mkdir(join(dir, 'client'), { recursive: true, mode: 0o700 });
  await mkdir(join(dir, 'docker.service.d'), { recursive: true });
  const ca = { cert: join(dir, 'ca.pem'), key: join(dir, 'ca-key.pem') };
  await sign({ key: ca.key, out: ca.cert, commonName: 'harden test CA', issuer: null, extensions: CA_EXTENSIONS, days: 3650 });
  await Promise.all([
    sign({ key: join(dir, 'server-key.pem'), out: join(dir, 'server-cert.pem'), commonName: 'localhost', issuer: ca, extensions: leafExtensions('serverAuth', 'DNS:localhost,IP:127.0.0.1') }),
    sign({ key: join(dir, 'client', 'key.pem'), out: join(dir, 'client', 'cert.pem'), commonName: 'client', issuer: ca, extensions: leafExtensions('clientAuth') }),
  ]);
  await cp(ca.cert, join(dir, 'client', 'ca.pem'));
  const daemon = { hosts: ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2376'], tlsverify: true, tlscacert: '/etc/docker/ca.pem', tlscert: '/etc/docker/server-cert.pem', tlskey: '/etc/docker/server-key.pem' };
  await writeFile(join(dir, 'daemon.json'), `${JSON.stringify(daemon, null, 2)}\n`);
  await writeFile(join(dir, 'docker.service.d', 'harden-tls.conf'), '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n');
  await writeFile(join(dir, 'client', 'env.sh'), `export DOCKER_HOST=tcp://127.0.0.1:2376\nexport DOCKER_TLS_VERIFY=1\nexport DOCKER_CERT_PATH="${join(dir, 'client')}"\n`);
}

type Expected = [file: string, code: string, level: TlsFindingLevel, message: RegExp];

/** Asserts that inspecting `path` finds exactly these defects (no more), each with its message and a fix. */
export async function expectFindings(path: string, expected: Expected[]): Promise<void> {
  const report = await inspectTls(path);
  const found = report.findings.map((f) => `${f.file} ${f.code} ${f.level}`).sort();
  expect(found).toEqual(expected.map(([file, code, level]) => `${file} ${code} ${level}`).sort());
  for (const [file, code, , message] of expected) {
    const finding = report.findings.find((f) => f.file === file && f.code === code);
    expect(finding?.message).toMatch(message);
    expect(finding?.fix).not.toBe('');
  }
  expect(report.errors).toBe(expected.filter(([, , level]) => level === 'error').length);
}

export interface BrokenSet {
  dir: string;
  ca: Issuer;
  /** Re-issues server-cert.pem from server-key.pem. */
  server(change: { extensions?: string[] | null; serial?: string; dates?: { start: string; end: string }; issuer?: Issuer }): Promise<void>;
  /** Re-issues ca.pem (and client/ca.pem) from ca-key.pem, so the leaves still verify. */
  reissueCa(extensions: string[]): Promise<void>;
}

/** A temporary directory with one good set, handing out copies of it to break. */
export class SetWorkshop {
  private copies = 0;

  private constructor(
    readonly root: string,
    readonly good: string,
  ) {}

  static async open(prefix: string): Promise<SetWorkshop> {
    const root = await mkdtemp(join(tmpdir(), prefix));
    const workshop = new SetWorkshop(root, join(root, 'good'));
    await createGoodSet(workshop.good);
    return workshop;
  }

  async brokenCopy(): Promise<BrokenSet> {
    this.copies += 1;
    const dir = join(this.root, `case-${this.copies}`);
    await cp(this.good, dir, { recursive: true });
    const ca = { cert: join(dir, 'ca.pem'), key: join(dir, 'ca-key.pem') };
    return {
      dir,
      ca,
      async server(change) {
        await sign({
          key: join(dir, 'server-key.pem'),
          out: join(dir, 'server-cert.pem'),
          commonName: 'localhost',
          issuer: change.issuer ?? ca,
          extensions: change.extensions === undefined ? leafExtensions('serverAuth', 'DNS:localhost,IP:127.0.0.1') : change.extensions,
          serial: change.serial,
          dates: change.dates,
        });
      },
      async reissueCa(extensions) {
        await sign({ key: ca.key, out: ca.cert, commonName: 'harden test CA', issuer: null, extensions, days: 3650 });
        await cp(ca.cert, join(dir, 'client', 'ca.pem'));
      },
    };
  }

  close(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}
