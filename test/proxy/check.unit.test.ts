// `harden proxy check`: nginx -t plus the lint, on a clean proxy and on ones with
// the problems it exists to catch.
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListen } from '../../src/proxy/validate.js';
import { harden } from '../helpers/cli.js';
import { generate, makeTlsSet, scratchDir } from './proxy-fixtures.js';

let base: string;
let tlsDir: string;

beforeAll(async () => {
  base = await scratchDir('check');
  tlsDir = await makeTlsSet(join(base, 'tls'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function edit(path: string, change: (text: string) => string): Promise<void> {
  await writeFile(path, change(await readFile(path, 'utf8')));
}

describe('harden proxy check', () => {
  it('a freshly generated readonly proxy: nginx -t ok, no problems, exit 0', async () => {
    const dir = join(base, 'clean');
    await generate(dir);
    const result = await harden(['proxy', 'check', dir]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^nginx -t: ok\n/);
    expect(result.stdout).toMatch(/ok: no problems\n$/);
  });

  it('weak hashes and a world-readable password file: exit 1, each named', async () => {
    const dir = join(base, 'weak');
    await generate(dir);
    const file = join(dir, 'htpasswd');
    await writeFile(file, 'sha:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\ndes:abJnggxhB/yWI\nmd5:$apr1$abcdefgh$0123456789abcdefghijkl\nplain:{PLAIN}pw\n');
    await chmod(file, 0o644);
    const result = await harden(['proxy', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`error: ${file}: readable by every user (mode 644)`);
    for (const [line, user, format] of [[1, 'sha', '{SHA}'], [2, 'des', 'DES crypt'], [3, 'md5', '$apr1$ (MD5)'], [4, 'plain', '{PLAIN}']]) {
      expect(result.stdout).toContain(`error: ${file}:${line}: user "${user}" has a weak ${format} hash`);
    }
  });

  it('plaintext basic auth on a public address: exit 1', async () => {
    const dir = join(base, 'plaintext');
    await generate(dir, { listen: parseListen('0.0.0.0:2375'), insecurePlaintext: true });
    const result = await harden(['proxy', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('listen 0.0.0.0:2375 without ssl: basic-auth passwords cross the network in clear text');
  });

  it('the same address with TLS is fine', async () => {
    const dir = join(base, 'tls');
    await generate(dir, { listen: parseListen('0.0.0.0:2375'), tlsDir });
    expect((await harden(['proxy', 'check', dir])).code).toBe(0);
  });

  it('Authorization forwarded upstream and a syntax error: exit 1 with nginx -t FAILED', async () => {
    const dir = join(base, 'edited');
    await generate(dir);
    await edit(join(dir, 'nginx.conf'), (text) => text.replace('proxy_set_header Authorization "";', '').replace('server_tokens off;', 'server_tokens off'));
    const result = await harden(['proxy', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^nginx -t: FAILED\n/);
    expect(result.stdout).toMatch(/error: .*nginx -t failed: .*\[emerg\]/);
    expect(result.stdout).toContain('no `proxy_set_header Authorization "";`');
  });

  it('the full profile is a warning, not a failure', async () => {
    const dir = join(base, 'full');
    await generate(dir, { profile: 'full' });
    const result = await harden(['proxy', 'check', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning: ');
    expect(result.stdout).toContain('full profile: that is root');
  });

  it('a stream proxy without client verification: exit 1', async () => {
    const dir = join(base, 'stream');
    await generate(dir, { mode: 'stream', credentials: undefined, tlsDir });
    expect((await harden(['proxy', 'check', dir])).code).toBe(0);
    await edit(join(dir, 'nginx.conf'), (text) => text.replace('ssl_verify_client on;', 'ssl_verify_client off;'));
    const result = await harden(['proxy', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('without `ssl_verify_client on`');
  });

  it('a directory without nginx.conf: exit 2', async () => {
    const result = await harden(['proxy', 'check', join(base, 'missing')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nginx\.conf: cannot read it \(no such file\)/);
  });
});
