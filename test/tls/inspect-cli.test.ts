// `harden tls inspect` on a client bundle, on single files and on bad input, and
// the CLI's output formats and exit codes, on openssl-made sets.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectTls } from '../../src/tls/inspect.js';
import type { TlsInspectReport } from '../../src/tls/inspect-types.js';
import { harden } from '../helpers/cli.js';
import { expectFindings, leafExtensions, SetWorkshop, sign, type BrokenSet } from './inspect-sets.js';

let sets: SetWorkshop;
let good = '';
let root = '';

beforeAll(async () => {
  sets = await SetWorkshop.open('hd-tls-inspect-cli-');
  ({ good, root } = sets);
});

afterAll(() => sets.close());

const brokenCopy = (): Promise<BrokenSet> => sets.brokenCopy();

describe('harden tls inspect on a client bundle and on single files', () => {
  it('passes a good DOCKER_CERT_PATH bundle, and says the CLI sends no certificate when key.pem is missing', async () => {
    expect(await inspectTls(join(good, 'client'))).toMatchObject({ layout: 'client-bundle', findings: [], errors: 0 });
    const set = await brokenCopy();
    await rm(join(set.dir, 'client', 'key.pem'));
    await expectFindings(join(set.dir, 'client'), [['key.pem', 'missing-file', 'error', /silently sends no client certificate/]]);
  });

  it('lints one file in the role its name promises', async () => {
    expect(await inspectTls(join(good, 'server-cert.pem'))).toMatchObject({ layout: 'file', findings: [], errors: 0 });
    const set = await brokenCopy();
    const legacy = join(set.dir, 'server.pem');
    await sign({ key: join(set.dir, 'server-key.pem'), out: legacy, commonName: 'docker.example', issuer: set.ca, extensions: null });
    await expectFindings(legacy, [
      [legacy, 'cert-v1', 'error', /v1/],
      [legacy, 'san-missing', 'error', /only the Common Name "docker\.example"/],
    ]);
    const key = join(set.dir, 'server-key.pem');
    await chmod(key, 0o604);
    await expectFindings(key, [[key, 'key-mode', 'error', /mode 0604: all users can access/]]);
  });

  it('refuses unreadable input with a one-line TlsInputError', async () => {
    const garbage = join(root, 'garbage.pem');
    await writeFile(garbage, 'not a certificate\n');
    await expect(inspectTls(garbage)).rejects.toMatchObject({ name: 'TlsInputError', message: expect.stringMatching(/garbage\.pem: holds no PEM certificate or private key/) });
    await expect(inspectTls(join(root, 'absent'))).rejects.toMatchObject({ name: 'TlsInputError', message: expect.stringMatching(/absent: no such file or directory/) });
    const empty = await mkdtemp(join(root, 'empty-'));
    await expect(inspectTls(empty)).rejects.toMatchObject({ name: 'TlsInputError', message: expect.stringMatching(/holds no PEM certificates or keys/) });
  });
});

describe('harden tls inspect (the CLI)', () => {
  it('exits 0 on a good set, 0 with warnings only, 1 with an error, and prints JSON for scripts', async () => {
    const clean = await harden(['tls', 'inspect', good]);
    expect(clean).toMatchObject({ code: 0, stderr: '' });
    expect(clean.stdout).toMatch(/server-cert\.pem +server +CN=localhost \[DNS:localhost, IP:127\.0\.0\.1\] +until \d{4}-\d\d-\d\d \(364 days left\)/);
    expect(clean.stdout).toMatch(/No problems found\.\n$/);

    const soon = await brokenCopy();
    await sign({ key: join(soon.dir, 'client', 'key.pem'), out: join(soon.dir, 'client', 'cert.pem'), commonName: 'client', issuer: soon.ca, extensions: leafExtensions('clientAuth'), days: 10 });
    const warned = await harden(['tls', 'inspect', soon.dir]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/WARNING +client\/cert\.pem: expires in 9 days/);

    await chmod(join(soon.dir, 'server-key.pem'), 0o644);
    const failed = await harden(['tls', 'inspect', soon.dir, '--format', 'json']);
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as TlsInspectReport;
    expect(report).toMatchObject({ layout: 'tls-init', errors: 1, warnings: 1 });
    expect(report.findings).toContainEqual({
      level: 'error',
      code: 'key-mode',
      file: 'server-key.pem',
      message: 'is mode 0644: its group and all users can access this private key',
      fix: `chmod 600 ${join(soon.dir, 'server-key.pem')}`,
    });
  });

  it('passes the sets `harden tls init` writes (RSA and ECDSA) clean', async () => {
    for (const keyType of ['rsa-2048', 'ecdsa-p256']) {
      const out = join(root, `init-${keyType}`);
      const init = await harden(['tls', 'init', '127.0.0.1', 'docker.example', '--key-type', keyType, '--out', out]);
      expect(init.code).toBe(0);
      const inspected = await harden(['tls', 'inspect', out, '-f', 'json']);
      expect(inspected.code).toBe(0);
      const report = JSON.parse(inspected.stdout) as TlsInspectReport;
      expect(report).toMatchObject({ layout: 'tls-init', findings: [], errors: 0, warnings: 0 });
      expect(report.certificates.find((c) => c.file === 'server-cert.pem')?.subjectAltNames).toEqual(expect.arrayContaining(['DNS:docker.example', 'IP:127.0.0.1']));
    }
  });

  it('exits 2 with one line for unreadable input', async () => {
    const absent = await harden(['tls', 'inspect', join(root, 'absent')]);
    expect(absent).toMatchObject({ code: 2, stdout: '', stderr: `harden: cannot read ${join(root, 'absent')}: no such file or directory\n` });
  });
});
