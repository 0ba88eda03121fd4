// Bad input to harden tls init|client|renew through the built CLI: exit 2, one line
// naming the problem, and nothing written or overwritten.
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden, type CliResult } from '../helpers/cli.js';

const base = '/tmp/hd-tls-bad';

function expectUsageError(result: CliResult, pattern: RegExp | string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^harden: /);
  if (typeof pattern === 'string') expect(lines[0]).toContain(pattern);
  else expect(lines[0]).toMatch(pattern);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Path -> sha256 of every file under dir, to prove nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    files[path] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

beforeAll(async () => {
  await rm(base, { recursive: true, force: true });
  await mkdir(base, { recursive: true });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('harden tls init: bad names', () => {
  it.each(['tcp://docker.example.com', 'docker.example.com:2376', 'localhost.', '0.0.0.0', '::', 'docker host', 'a..b', '[::1]'])(
    'exits 2 naming %j and writes nothing',
    async (name) => {
      const out = join(base, 'names');
      const result = await harden(['tls', 'init', 'good.example.com', name, '--out', out]);
      expectUsageError(result, `invalid name "${name}"`);
      expect(await exists(out)).toBe(false);
    },
  );
});

describe('harden tls init: options', () => {
  it.each([
    [['--days', '826'], /--days: 826 is more than 825 days/],
    [['--days', '0'], /--days: expected a whole number of days/],
    [['--days', '10', '--ca-days', '5'], /--ca-days 5 is shorter than --days 10/],
    [['--key-type', 'dsa-1024'], /--key-type: expected one of rsa-2048, rsa-3072, rsa-4096, ecdsa-p256, ecdsa-p384, got "dsa-1024"/],
    [['--listen', 'unix:///run/docker.sock'], /--listen: expected tcp:\/\/ADDRESS:PORT/],
    [['--local-socket', 'docker.sock'], /--local-socket: expected unix:\/\/\/absolute\/path/],
    [['--client-name', ''], /invalid client name ""/],
  ])('%j exits 2 and writes nothing', async (options, message) => {
    const out = join(base, 'options');
    expectUsageError(await harden(['tls', 'init', 'docker.example.test', '--out', out, ...options]), message);
    expect(await exists(out)).toBe(false);
  });

  it('has no option that takes the CA passphrase on the command line', async () => {
    const result = await harden(['tls', 'init', 'docker.example.test', '--out', join(base, 'argv'), '--ca-passphrase', 'secret']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--ca-passphrase'/);
  });
});

describe('harden tls init: existing and unwritable targets', () => {
  it('refuses to overwrite an existing set without --force, changing nothing; --force replaces it', async () => {
    const out = join(base, 'existing');
    expect((await harden(['tls', 'init', 'docker.example.test', '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    const again = await harden(['tls', 'init', 'docker.example.test', '--out', out]);
    expectUsageError(again, /already exist; nothing was written \(use --force to overwrite\)/);
    expect(again.stderr).toContain(join(out, 'ca-key.pem'));
    expect(await snapshot(out)).toEqual(before);

    const forced = await harden(['tls', 'init', 'docker.example.test', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    const after = await snapshot(out);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after[join(out, 'ca-key.pem')]).not.toBe(before[join(out, 'ca-key.pem')]);
    expect((await stat(join(out, 'ca-key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('refuses when only one target exists, and creates none of the others', async () => {
    const out = join(base, 'one-file');
    await mkdir(join(out, 'client'), { recursive: true });
    await writeFile(join(out, 'client', 'env.sh'), 'my own\n');
    expectUsageError(await harden(['tls', 'init', 'docker.example.test', '--out', out]), `${join(out, 'client', 'env.sh')} already exists`);
    expect(await readdir(out)).toEqual(['client']);
    expect(await readdir(join(out, 'client'))).toEqual(['env.sh']);
    expect(await readFile(join(out, 'client', 'env.sh'), 'utf8')).toBe('my own\n');
  });

  it('refuses an --out that is a file', async () => {
    const file = join(base, 'a-file');
    await writeFile(file, 'x');
    expectUsageError(await harden(['tls', 'init', 'docker.example.test', '--out', file]), `${file}: exists and is not a directory`);
  });

  it('refuses an unwritable directory before generating anything', async () => {
    const locked = join(base, 'locked');
    await mkdir(locked, { recursive: true });
    await chmod(base, 0o755);
    await chmod(locked, 0o755);
    // Root may write anywhere; run the CLI as nobody against a root-owned 0755 directory.
    const { execFile } = await import('node:child_process');
    const { cliPath } = await import('../helpers/cli.js');
    const result = await new Promise<CliResult>((resolve) => {
      execFile('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, 'tls', 'init', 'docker.example.test', '--out', join(locked, 'set')], { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expectUsageError(result, `${locked}: directory is not writable`);
    expect(await readdir(locked)).toEqual([]);
  });
});

describe('harden tls client and renew: CA key and passphrase', () => {
  const set = join(base, 'encrypted');
  const passphraseFile = join(base, 'passphrase.txt');

  beforeAll(async () => {
    await writeFile(passphraseFile, 'correct horse\n', { mode: 0o600 });
    const result = await harden(['tls', 'init', 'docker.example.test', '--out', set], { env: { HARDEN_CA_PASSPHRASE: 'correct horse' } });
    expect(result.code).toBe(0);
  });

  it('encrypts ca-key.pem with the passphrase, and only ca-key.pem', async () => {
    expect(await readFile(join(set, 'ca-key.pem'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    for (const key of ['server-key.pem', 'client/key.pem']) expect(await readFile(join(set, key), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('a wrong passphrase is a clear error and writes nothing', async () => {
    const out = join(base, 'bob');
    const result = await harden(['tls', 'client', 'bob', '--ca', set, '--out', out], { env: { HARDEN_CA_PASSPHRASE: 'wrong' } });
    expectUsageError(result, `${join(set, 'ca-key.pem')}: wrong CA passphrase`);
    expect(await exists(out)).toBe(false);

    const before = await snapshot(set);
    const renew = await harden(['tls', 'renew', set], { env: { HARDEN_CA_PASSPHRASE: 'wrong' } });
    expectUsageError(renew, 'wrong CA passphrase');
    expect(await snapshot(set)).toEqual(before);
  });

  it('a missing passphrase says how to give one', async () => {
    const result = await harden(['tls', 'client', 'bob', '--ca', set, '--out', join(base, 'bob')]);
    expectUsageError(result, /the CA key is encrypted; give its passphrase with --ca-passphrase-file FILE or HARDEN_CA_PASSPHRASE/);
  });

  it('the passphrase file works for tls client and tls renew', async () => {
    const out = join(base, 'carol');
    const client = await harden(['tls', 'client', 'carol', '--ca', set, '--out', out, '--ca-passphrase-file', passphraseFile]);
    expect(client.stderr).toBe('');
    expect(client.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['ca.pem', 'cert.pem', 'env.sh', 'key.pem']);
    expect(await readFile(join(out, 'env.sh'), 'utf8')).toContain('export DOCKER_HOST=tcp://docker.example.test:2376\n');
    const renew = await harden(['tls', 'renew', set, '--ca-passphrase-file', passphraseFile]);
    expect(renew.code).toBe(0);
    expect(renew.stdout).toMatch(/dockerd does not reload TLS files on SIGHUP/);
  });

  it('refuses to write a client bundle into the CA directory', async () => {
    expectUsageError(await harden(['tls', 'client', 'dave', '--ca', set, '--out', set, '--ca-passphrase-file', passphraseFile]), /must not be the CA directory/);
  });
});

describe('harden tls renew: a set that does not belong together', () => {
  it('refuses a server certificate another CA issued, changing nothing', async () => {
    const [mine, theirs] = [join(base, 'mine'), join(base, 'theirs')];
    expect((await harden(['tls', 'init', 'docker.example.test', '--out', mine])).code).toBe(0);
    expect((await harden(['tls', 'init', 'docker.example.test', '--out', theirs])).code).toBe(0);
    await copyFile(join(theirs, 'server-cert.pem'), join(mine, 'server-cert.pem'));
    const before = await snapshot(mine);
    expectUsageError(await harden(['tls', 'renew', mine]), `${join(mine, 'server-cert.pem')} was not issued by the CA in ${join(mine, 'ca.pem')}`);
    expect(await snapshot(mine)).toEqual(before);
  });

  it('refuses a CA key that is not the key of ca.pem', async () => {
    const [mine, theirs] = [join(base, 'mine2'), join(base, 'theirs2')];
    expect((await harden(['tls', 'init', 'docker.example.test', '--out', mine])).code).toBe(0);
    expect((await harden(['tls', 'init', 'docker.example.test', '--out', theirs])).code).toBe(0);
    await copyFile(join(theirs, 'ca-key.pem'), join(mine, 'ca-key.pem'));
    expectUsageError(await harden(['tls', 'client', 'erin', '--ca', mine, '--out', join(base, 'erin')]), /the CA certificate and key do not belong together/);
    expectUsageError(await harden(['tls', 'renew', join(base, 'nowhere')]), /cannot read the CA certificate \(not found\)/);
  });
});
