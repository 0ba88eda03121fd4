// The generated nginx.conf per profile and mode: the directives that carry the
// security properties, and `nginx -t` with the real nginx for every combination.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListen } from '../../src/proxy/validate.js';
import { generate, makeTlsSet, nginxTest, scratchDir } from './proxy-fixtures.js';

let base: string;
let tlsDir: string;

beforeAll(async () => {
  base = await scratchDir('render');
  tlsDir = await makeTlsSet(join(base, 'tls'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function conf(name: string, overrides: Parameters<typeof generate>[1]): Promise<{ dir: string; text: string }> {
  const dir = join(base, name);
  await generate(dir, overrides);
  return { dir, text: await readFile(join(dir, 'nginx.conf'), 'utf8') };
}

/** The `$harden_allowed` map keys of a config. */
function allowKeys(text: string): string[] {
  const block = /map "\$harden_canonical \$harden_profile \$request_method \$uri" \$harden_allowed \{([^}]*)\}/.exec(text)?.[1] ?? '';
  return [...block.matchAll(/^\s*"([^"]+)" 1;$/gm)].map((match) => match[1] ?? '');
}

/** Whether any allow key admits "canonical profile method uri". */
function allows(text: string, profile: string, method: string, uri: string): boolean {
  return allowKeys(text).some((key) => new RegExp(key.slice(1)).test(`1 ${profile} ${method} ${uri}`));
}

describe('http mode', () => {
  const combinations = [
    ['readonly', false],
    ['readonly', true],
    ['operator', false],
    ['operator', true],
    ['full', false],
    ['full', true],
  ] as const;

  for (const [profile, tls] of combinations) {
    it(`${profile}${tls ? ' with TLS' : ''}: passes nginx -t and keeps credentials and state inside DIR`, async () => {
      const { dir, text } = await conf(`${profile}-${tls}`, { profile, tlsDir: tls ? tlsDir : undefined });
      await nginxTest(dir);
      expect(text).toContain('proxy_set_header Authorization "";');
      expect(text).toContain('proxy_set_header X-HTTP-Method-Override "";');
      expect(text).toMatch(/^pid run\/nginx\.pid;$/m);
      expect(text).toMatch(/^error_log logs\/error\.log warn;$/m);
      for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) expect(text).toContain(`_temp_path tmp/${temp};`);
      expect(text).toContain('auth_basic_user_file htpasswd;');
      expect(text).not.toMatch(/^\s*daemon /m);
      expect(text).toMatch(/default 0;\n(.|\n)*if \(\$harden_allowed = 0\)/);
      expect(text).toMatch(tls ? /listen 127\.0\.0\.1:2375 ssl;/ : /listen 127\.0\.0\.1:2375;/);
      if (tls) expect(text).toContain(`ssl_certificate_key ${tlsDir}/server-key.pem;`);
    });
  }

  it('readonly: an anchored GET allow-list, HEAD only on /_ping, upgrades cleared, bodies capped', async () => {
    const { text } = await conf('readonly-keys', {});
    for (const key of allowKeys(text)) expect(key).toMatch(/^~\^1 readonly \([A-Z|]+\) \(\/v\[0-9\.\]\+\)\?\/.*\$$/);
    for (const uri of ['/_ping', '/v1.41/version', '/info', '/v1.41/containers/json', '/images/json', '/networks', '/volumes', '/v1.41/events', '/containers/abc/top', '/containers/abc/stats']) {
      expect(allows(text, 'readonly', 'GET', uri), uri).toBe(true);
    }
    expect(allows(text, 'readonly', 'HEAD', '/_ping')).toBe(true);
    expect(allows(text, 'readonly', 'HEAD', '/containers/json')).toBe(false);
    for (const uri of ['/containers/abc/json', '/containers/abc/logs', '/containers/abc/export', '/containers/abc/archive', '/containers/abc/attach/ws', '/images/get', '/containers/json/x', '/x/containers/json', '/v1.41/containers/json/']) {
      expect(allows(text, 'readonly', 'GET', uri), uri).toBe(false);
    }
    expect(allows(text, 'readonly', 'POST', '/containers/create')).toBe(false);
    expect(text).toContain('proxy_set_header Upgrade "";');
    expect(text).toContain('proxy_set_header Connection "";');
    expect(text).toContain('client_max_body_size 64k;');
    expect(text).not.toContain('proxy_request_buffering off;');
  });

  it('the version prefix is matched loosely so /v01.41/ and /v1.41.0/ get the same answer as /v1.41/', async () => {
    const { text } = await conf('prefix', { profile: 'operator' });
    for (const prefix of ['', '/v1.41', '/v01.41', '/v1.41.0']) {
      expect(allows(text, 'operator', 'GET', `${prefix}/containers/json`)).toBe(true);
      expect(allows(text, 'operator', 'POST', `${prefix}/containers/create`)).toBe(false);
      expect(allows(text, 'operator', 'GET', `${prefix}/containers/abc/export`)).toBe(false);
    }
  });

  it('only canonical raw paths pass: encoded slashes and dots, //, dot segments are denied', async () => {
    const { text } = await conf('canonical', {});
    const canonical = new RegExp(/map \$request_uri \$harden_canonical \{\s*default 0;\s*"~([^"]+)" 1;/.exec(text)?.[1] ?? 'no map');
    for (const raw of ['/_ping', '/v1.41/containers/json?all=1&filters=%7B%7D', '/containers/my_app-1.2/top']) expect(canonical.test(raw), raw).toBe(true);
    for (const raw of ['/containers/json/../abc/export', '/containers/%2e%2e/abc/export', '/containers/abc%2Fexport', '//containers/json', '/containers/./json', '/.harden-denied', '/containers\\abc', '/containers/abc/export/..']) {
      expect(canonical.test(raw), raw).toBe(false);
    }
  });

  it('operator adds logs and POST start/stop/restart/kill on existing containers, nothing else', async () => {
    const { text } = await conf('operator-keys', { profile: 'operator' });
    for (const action of ['start', 'stop', 'restart', 'kill']) expect(allows(text, 'operator', 'POST', `/v1.41/containers/abc/${action}`)).toBe(true);
    expect(allows(text, 'operator', 'GET', '/containers/abc/logs')).toBe(true);
    for (const [method, uri] of [['POST', '/containers/create'], ['POST', '/containers/abc/exec'], ['POST', '/exec/abc/start'], ['POST', '/build'], ['PUT', '/containers/abc/archive'], ['GET', '/containers/abc/export'], ['DELETE', '/containers/abc'], ['POST', '/containers/abc/attach'], ['GET', '/containers/abc/start']]) {
      expect(allows(text, 'operator', method ?? '', uri ?? ''), `${method} ${uri}`).toBe(false);
    }
  });

  it('--allow-inspect adds single-container inspect and nothing else', async () => {
    const without = await conf('no-inspect', {});
    const withInspect = await conf('inspect', { allowInspect: true });
    expect(allows(without.text, 'readonly', 'GET', '/containers/abc/json')).toBe(false);
    expect(allows(withInspect.text, 'readonly', 'GET', '/containers/abc/json')).toBe(true);
    expect(allowKeys(withInspect.text)).toHaveLength(allowKeys(without.text).length + 1);
  });

  it('full: every request, unbuffered uploads without a size cap, WebSocket upgrades only', async () => {
    const { text } = await conf('full-keys', { profile: 'full' });
    expect(allowKeys(text)).toEqual(['~^[01] full ']);
    expect(text).toContain('client_max_body_size 0;');
    expect(text).toContain('proxy_request_buffering off;');
    expect(text).toContain('"~*^full websocket$" websocket;');
    expect(text).toContain('proxy_set_header Upgrade $harden_upgrade;');
  });

  it('streaming endpoints get an unbuffered location with a long read timeout', async () => {
    const { text } = await conf('streaming', { profile: 'operator' });
    const location = /location ~ (\S+) \{([^}]*)\}/.exec(text);
    const pattern = new RegExp(location?.[1] ?? 'none');
    for (const uri of ['/events', '/v1.41/containers/abc/logs', '/containers/abc/stats', '/containers/abc/attach']) expect(pattern.test(uri), uri).toBe(true);
    expect(pattern.test('/containers/json')).toBe(false);
    expect(location?.[2]).toContain('proxy_buffering off;');
    expect(location?.[2]).toContain('proxy_read_timeout 24h;');
  });

  it('roles map authenticated users to profiles; everyone else gets --profile', async () => {
    const dir = join(base, 'roles');
    const users = join(base, 'roles-users');
    const { setPassword } = await import('../../src/proxy/passwd.js');
    for (const user of ['alice', 'bob', 'carol']) await setPassword(users, user, `${user}-pw`);
    await generate(dir, { credentials: { kind: 'file', path: users }, roles: [{ user: 'bob', profile: 'operator' }, { user: 'carol', profile: 'full' }], profile: 'readonly' });
    const text = await readFile(join(dir, 'nginx.conf'), 'utf8');
    await nginxTest(dir);
    expect(text).toMatch(/map "user:\$remote_user" \$harden_profile \{\s*default readonly;\s*"~\^user:bob\$" operator;\s*"~\^user:carol\$" full;\s*\}/);
    // nginx ignores case in plain map keys but auth_basic does not: the keys must be case-sensitive regexes.
    const roleKeys = [...text.matchAll(/"~(\^user:[^"]+)" (\w+);/g)].map((match) => ({ pattern: new RegExp(match[1] ?? ''), profile: match[2] }));
    const profileOf = (user: string): string => roleKeys.find((key) => key.pattern.test(`user:${user}`))?.profile ?? 'readonly';
    expect([profileOf('bob'), profileOf('Bob'), profileOf('BOB'), profileOf('bobby'), profileOf('carol'), profileOf('xcarol')]).toEqual(['operator', 'readonly', 'readonly', 'readonly', 'full', 'readonly']);
    expect(allows(text, 'readonly', 'POST', '/containers/abc/start')).toBe(false);
    expect(allows(text, 'operator', 'POST', '/containers/abc/start')).toBe(true);
    expect(allows(text, 'full', 'POST', '/containers/create')).toBe(true);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toMatch(/\| carol \| full \|[\s\S]*root on this host/);
  });
});

describe('stream mode', () => {
  it('mutual TLS, half-close, the stream module, no basic auth; passes nginx -t', async () => {
    const { dir, text } = await conf('stream', { mode: 'stream', credentials: undefined, tlsDir, listen: parseListen('0.0.0.0:2376') });
    await nginxTest(dir);
    expect(text).toMatch(/^load_module \/usr\/lib\/nginx\/modules\/ngx_stream_module\.so;$/m);
    expect(text).toContain('ssl_verify_client on;');
    expect(text).toContain(`ssl_client_certificate ${tlsDir}/ca.pem;`);
    expect(text).toContain('proxy_half_close on;');
    expect(text).toContain('listen 0.0.0.0:2376 ssl;');
    expect(text).not.toContain('auth_basic');
    expect(text).not.toMatch(/^http \{/m);
  });
});

describe('support files', () => {
  it('compose: read-only root fs, tmpfs for run and temp, no capabilities, socket group, mounts read-only', async () => {
    const dir = join(base, 'compose');
    await generate(dir, { tlsDir });
    const compose = await readFile(join(dir, 'compose.yaml'), 'utf8');
    expect(compose).toContain('read_only: true');
    expect(compose).toMatch(/cap_drop:\n\s+- ALL/);
    expect(compose).not.toContain('cap_add');
    expect(compose).toContain('no-new-privileges:true');
    expect(compose).toContain('- /proxy/run:uid=65534,gid=65534,mode=0700');
    expect(compose).toContain('- ./htpasswd:/proxy/htpasswd:ro');
    expect(compose).toContain(`- ${tlsDir}:${tlsDir}:ro`);
    expect(compose).toMatch(/group_add:\n\s+# .*\n\s+- "\d+"/);
    const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM debian:bookworm-slim$/m);
    expect(dockerfile).toMatch(/^USER 65534:65534$/m);
    expect(dockerfile).not.toMatch(/^(COPY|ADD) /m);
  });

  it('README: client settings with the config.json caveat and curl', async () => {
    const dir = join(base, 'readme');
    await generate(dir, { tlsDir });
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('DOCKER_CUSTOM_HEADERS="Authorization=Basic');
    expect(readme).toContain('"HttpHeaders"');
    expect(readme).toContain('sent to **every**');
    expect(readme).toContain(`curl -u alice --cacert ${tlsDir}/ca.pem https://127.0.0.1:2375/`);
    expect(readme).toContain('DOCKER_TLS_VERIFY=1');
  });
});
