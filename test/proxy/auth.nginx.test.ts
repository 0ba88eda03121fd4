// Basic auth and forwarding on a real nginx, in front of a recording stand-in for
// the daemon: what nginx accepts, and exactly what it lets through upstream.
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, freeLoopbackPort, outcome, generateProxy, probe, scratchDirectory, startNginx, startRecordingUpstream, type ProbeOptions, type RecordingUpstream, type RunningNginx } from './nginx-harness.js';
import { pathTricks } from './path-tricks.js';

const WEAK_HASH = /^(\{PLAIN\}|\{SHA\}|\{SSHA\}|\$apr1\$|\$1\$|[./0-9A-Za-z]{13}$)/;

/**
 * Hashes nginx must verify: the one `harden proxy passwd` writes, and every format
 * `harden proxy nginx --htpasswd` accepts as strong in an imported file (made here
 * with the system crypt(3), libxcrypt on Debian, through perl).
 */
const IMPORTED_SETTINGS: Record<string, string> = {
  'sha512-crypt': '$6$harden.test.salt',
  'sha512-crypt-rounds': '$6$rounds=20000$harden.test.salt',
  'sha256-crypt': '$5$harden.test.salt',
  'bcrypt-2y-cost-6': '$2y$06$abcdefghijklmnopqrstuu',
  'bcrypt-2a-cost-4': '$2a$04$abcdefghijklmnopqrstuu',
  yescrypt: '$y$j9T$F5Jx5fExrKuPp53xLKQ..1',
  scrypt: '$7$CU..../....abcdefgh',
};
const HARDEN_WRITES = 'harden-default';
const LABELS = [HARDEN_WRITES, ...Object.keys(IMPORTED_SETTINGS)];

// A colon (basic auth splits at the first one only), spaces and non-ASCII; under bcrypt's 72 bytes.
const password = (label: string): string => `${label}: pässwörd, spaces & >8 chars`;

async function systemCrypt(secret: string, settings: string): Promise<string> {
  const result = await outcome('perl', ['-e', 'print crypt($ENV{SECRET}, $ENV{SETTINGS})'], { PATH: process.env.PATH ?? '', SECRET: secret, SETTINGS: settings });
  if (result.code !== 0 || !result.stdout.startsWith(settings.slice(0, 3))) throw new Error(`crypt(3) refused ${settings}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

let work = '';
let upstream: RecordingUpstream | undefined;
let proxy: RunningNginx | undefined;
let htpasswd = '';

const url = (path: string): string => `http://127.0.0.1:${proxy?.port ?? 0}${path}`;
const as = (label: string, options: ProbeOptions = {}): ProbeOptions => ({ ...options, user: [`user-${label}`, password(label)] });

beforeAll(async () => {
  work = await scratchDirectory('auth');
  upstream = await startRecordingUpstream(join(work, 'upstream'));
  htpasswd = join(work, 'users.htpasswd');
  await addUser(htpasswd, `user-${HARDEN_WRITES}`, password(HARDEN_WRITES));
  const imported = await Promise.all(Object.entries(IMPORTED_SETTINGS).map(async ([label, settings]) => `user-${label}:${await systemCrypt(password(label), settings)}\n`));
  await appendFile(htpasswd, imported.join(''));
  const port = await freeLoopbackPort();
  await generateProxy(join(work, 'proxy'), ['--upstream', upstream.url, '--listen', `127.0.0.1:${port}`, '--htpasswd', htpasswd]);
  proxy = await startNginx(join(work, 'proxy'), port);
});

afterAll(async () => {
  await proxy?.stop();
  await upstream?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('password hashes harden writes, checked by real nginx', () => {
  it('harden writes a bcrypt hash, never a weak format', async () => {
    const [first] = (await readFile(htpasswd, 'utf8')).split('\n');
    const [name, hash] = (first ?? '').split(':', 2);
    expect(name).toBe(`user-${HARDEN_WRITES}`);
    expect(hash).toMatch(/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/);
    expect(hash).not.toMatch(WEAK_HASH);
  });

  it.each(LABELS)('%s hash: right password 200, wrong, truncated or missing 401', async (label) => {
    expect(await probe(url('/_ping'), as(label))).toEqual({ status: 200, body: 'OK' });
    const name = `user-${label}`;
    const right = password(label);
    for (const wrong of [`${right}x`, right.slice(0, 8), right.toUpperCase(), '']) {
      expect((await probe(url('/_ping'), { user: [name, wrong] })).status, wrong).toBe(401);
    }
    expect((await probe(url('/_ping'))).status).toBe(401);
    expect((await probe(url('/_ping'), { headers: [`Authorization: Bearer ${right}`] })).status).toBe(401);
  });

  it('harden proxy passwd on the password file of the proxy replaces a password, without a reload', async () => {
    const label = HARDEN_WRITES;
    // --htpasswd is copied into the proxy directory; the copy is the one nginx reads.
    const proxyPasswords = join(proxy?.prefix ?? '', 'htpasswd');
    await addUser(proxyPasswords, `user-${label}`, 'the new password');
    expect((await probe(url('/_ping'), as(label))).status).toBe(401);
    expect((await probe(url('/_ping'), { user: [`user-${label}`, 'the new password'] })).status).toBe(200);
    await addUser(proxyPasswords, `user-${label}`, password(label));
    expect((await probe(url('/_ping'), as(label))).status).toBe(200);
  });

  it('requests without valid credentials never reach the daemon', async () => {
    const before = upstream?.requests.length;
    await probe(url('/_ping'));
    await probe(url('/containers/json'), { user: [`user-${HARDEN_WRITES}`, 'wrong'] });
    await probe(url('/containers/json'), { user: ['nobody-here', 'x'] });
    expect(upstream?.requests.length).toBe(before);
  });
});

describe('what reaches the daemon', () => {
  it('the Authorization header is never forwarded, and Upgrade is stripped', async () => {
    const label = HARDEN_WRITES;
    const before = upstream?.requests.length ?? 0;
    const answer = await probe(url('/v1.41/_ping?marker=auth'), as(label, { headers: ['Connection: Upgrade', 'Upgrade: tcp', 'Proxy-Authorization: Basic eDp5'] }));
    expect(answer.status).toBe(200);
    const reached = upstream?.requests.slice(before) ?? [];
    expect(reached.map((request) => request.url)).toEqual(['/v1.41/_ping?marker=auth']);
    const headers = reached[0]?.headers ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers['proxy-authorization']).toBeUndefined();
    expect(headers.upgrade).toBeUndefined();
    expect(headers.connection ?? '').not.toMatch(/upgrade/i);
  });

  it.each(pathTricks('0123abcd'))('path trick is stopped in nginx: $name', async (trick) => {
    const before = upstream?.requests.length ?? 0;
    const answer = await probe(url(trick.path), as(HARDEN_WRITES, { method: trick.method, ...(trick.headers ? { headers: trick.headers } : {}) }));
    expect([400, 403]).toContain(answer.status);
    expect(upstream?.requests.slice(before)).toEqual([]);
  });

  it('allowed requests reach the daemon exactly as the client wrote them', async () => {
    const before = upstream?.requests.length ?? 0;
    for (const path of ['/v1.41.0/containers/json?all=1', '/v01.41/images/json', '/info']) {
      expect((await probe(url(path), as(HARDEN_WRITES))).status, path).toBe(200);
    }
    expect(upstream?.requests.slice(before).map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /v1.41.0/containers/json?all=1',
      'GET /v01.41/images/json',
      'GET /info',
    ]);
  });
});
