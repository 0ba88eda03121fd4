// `harden proxy nginx` through the built CLI: every bad value is exit 2 naming its
// flag, with nothing written; existing files are not overwritten without --force.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/proxy/validate.js';
import { harden } from '../helpers/cli.js';
import { makeTlsSet, scratchDir } from './proxy-fixtures.js';

let base: string;
let tlsDir: string;
let users: string;

beforeAll(async () => {
  base = await scratchDir('cli');
  tlsDir = await makeTlsSet(join(base, 'tls'));
  users = join(base, 'users');
  await writeFile(users, 'alice:$2b$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2\n');
});
afterAll(() => rm(base, { recursive: true, force: true }));

const simple = ['--user', 'alice', '--password-stdin', '--upstream', 'tcp://127.0.0.1:2375'];

function nginx(out: string, args: string[], input = 'pw\n'): ReturnType<typeof harden> {
  return harden(['proxy', 'nginx', '--out', out, ...args], { input });
}

describe('bad values: exit 2 naming the flag, nothing written', () => {
  const table: Array<[string, string[], string]> = [
    ['--user with a semicolon', ['--user', 'a;b', '--password-stdin'], '--user "a;b"'],
    ['--user with a brace', ['--user', 'a}b', '--password-stdin'], '--user "a}b"'],
    ['--user with a colon', ['--user', 'a:b', '--password-stdin'], '--user "a:b"'],
    ['--role with a quote', [...simple, '--role', 'x"y=readonly'], '--role "x\\"y"'],
    ['--role with $', [...simple, '--role', '$remote_user=full'], '--role "$remote_user"'],
    ['--role without =', [...simple, '--role', 'alice'], '--role "alice"'],
    ['--role with an unknown profile', [...simple, '--role', 'alice=admin'], '--role "admin"'],
    ['--role for a user not in the file', [...simple, '--role', 'bob=operator'], '--role bob=operator'],
    ['--profile unknown', [...simple, '--profile', 'root'], '--profile "root"'],
    ['--mode unknown', [...simple, '--mode', 'tcp'], '--mode "tcp"'],
    ['--listen with a newline', [...simple, '--listen', '127.0.0.1:2375;\nlisten 0.0.0.0:80'], '--listen'],
    ['--listen with a host name', [...simple, '--listen', 'localhost:2375'], '--listen "localhost:2375"'],
    ['--listen with a bad port', [...simple, '--listen', '127.0.0.1:99999'], '--listen "127.0.0.1:99999"'],
    ['--upstream with a brace', ['--user', 'alice', '--password-stdin', '--upstream', 'unix:///var/run/docker.sock}'], '--upstream'],
    ['--upstream with a space', ['--user', 'alice', '--password-stdin', '--upstream', 'tcp://a b:2375'], '--upstream "tcp://a b:2375"'],
    ['--upstream of another scheme', ['--user', 'alice', '--password-stdin', '--upstream', 'http://127.0.0.1:2375'], '--upstream'],
    ['--tls-dir with a quote', [...simple, '--tls-dir', "/tmp/it's"], '--tls-dir'],
    ['--tls-dir that is empty', [...simple, '--tls-dir', '/tmp'], '--tls-dir /tmp: cannot read /tmp/server-cert.pem'],
    ['--out with a dollar', [...simple.slice(0, 3)], '--out'],
    ['plaintext on a public address', [...simple, '--listen', '0.0.0.0:2375'], '--listen 0.0.0.0:2375: basic auth on a non-loopback address without TLS'],
    ['no user', ['--upstream', 'tcp://127.0.0.1:2375'], '--user NAME --password-stdin or --htpasswd FILE'],
    ['--user and --htpasswd', ['--user', 'alice', '--htpasswd', '/dev/null'], '--user and --htpasswd exclude each other'],
    ['stream without --tls-dir', ['--mode', 'stream'], '--mode stream needs --tls-dir'],
    ['stream with a user', ['--mode', 'stream', '--user', 'alice', '--password-stdin'], '--mode stream'],
  ];
  for (const [what, args, named] of table) {
    it(what, async () => {
      const out = what === '--out with a dollar' ? join(base, 'out$x') : join(base, 'refused');
      const result = await nginx(out, args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(named);
      await expect(stat(out)).rejects.toThrow();
    });
  }

  it('--htpasswd with a weak hash is refused, naming the file line and user', async () => {
    const weak = join(base, 'weak-users');
    await writeFile(weak, 'alice:$2b$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2\nbob:$apr1$abcdefgh$0123456789abcdefghijkl\n');
    const result = await nginx(join(base, 'weak-out'), ['--htpasswd', weak, '--upstream', 'tcp://127.0.0.1:2375']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--htpasswd ${weak}:2: user "bob" has a weak $apr1$ (MD5) hash`);
  });
});

describe('writing', () => {
  it('writes the five files, htpasswd 0640, and runtime directories', async () => {
    const out = join(base, 'ok');
    const result = await nginx(out, simple);
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['Dockerfile', 'README.md', 'compose.yaml', 'htpasswd', 'logs', 'nginx.conf', 'run', 'tmp']);
    expect((await stat(join(out, 'htpasswd'))).mode & 0o777).toBe(0o640);
    expect(await readFile(join(out, 'htpasswd'), 'utf8')).toMatch(/^alice:\$2b\$05\$/);
  });

  it('refuses to overwrite without --force and changes nothing; --force overwrites', async () => {
    const out = join(base, 'twice');
    expect((await nginx(out, simple)).code).toBe(0);
    const before = await readFile(join(out, 'htpasswd'), 'utf8');
    await rm(join(out, 'README.md'));
    const refused = await nginx(out, simple);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exist.*--force/);
    await expect(stat(join(out, 'README.md'))).rejects.toThrow();
    expect(await readFile(join(out, 'htpasswd'), 'utf8')).toBe(before);
    expect((await nginx(out, [...simple, '--force'])).code).toBe(0);
    expect(await readFile(join(out, 'htpasswd'), 'utf8')).not.toBe(before);
  });

  it('public address: allowed with TLS, or with --insecure-plaintext', async () => {
    expect((await nginx(join(base, 'public-tls'), [...simple, '--listen', '0.0.0.0:2375', '--tls-dir', tlsDir])).code).toBe(0);
    expect((await nginx(join(base, 'public-plain'), [...simple, '--listen', '[::]:2375', '--insecure-plaintext'])).code).toBe(0);
  });

  it('roles from a password file', async () => {
    const out = join(base, 'roles');
    const result = await nginx(out, ['--htpasswd', users, '--role', 'alice=operator', '--upstream', 'tcp://127.0.0.1:2375']);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(out, 'nginx.conf'), 'utf8')).toContain('"~^user:alice$" operator;');
  });

  it('--help lists every profile', async () => {
    const help = await harden(['proxy', 'nginx', '--help']);
    for (const profile of PROFILES) expect(help.stdout).toContain(profile);
  });
});
