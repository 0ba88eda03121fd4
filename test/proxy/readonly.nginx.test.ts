// The readonly profile on a real nginx in front of a real dockerd: what the docker
// CLI and curl can and cannot do through it.
import { chmod, chown, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { basicAuthorization, DockerClient, freeLoopbackPort, generateProxy, probe, scratchDirectory, startNginx, type ProbeOptions, type RunningNginx } from './nginx-harness.js';
import { pathTricks } from './path-tricks.js';

const user = 'reader';
const password = 'ro pass: with spaces & colon';
// The proxy answers 403 with a JSON message, which the docker CLI prints.
const forbidden = /denied by the Docker API proxy/;

let engine: TestEngine | undefined;
let work = '';
let readonly: RunningNginx | undefined;
let withInspect: RunningNginx | undefined;
let id = '';
let cli: DockerClient;

async function startProxy(name: string, extra: string[]): Promise<RunningNginx> {
  const port = await freeLoopbackPort();
  const out = join(work, name);
  await generateProxy(out, ['--upstream', engine?.host ?? '', '--listen', `127.0.0.1:${port}`, '--user', user, ...extra], password);
  return startNginx(out, port);
}

const url = (proxy: RunningNginx | undefined, path: string): string => `http://127.0.0.1:${proxy?.port ?? 0}${path}`;
const authorized = (options: ProbeOptions = {}): ProbeOptions => ({ ...options, user: [user, password] });
const containerState = async (): Promise<string> => (await engine?.docker('ps', '-a', '--format', '{{.Names}} {{.State}}')) ?? '';

beforeAll(async () => {
  engine = await startEngine('px-ro');
  id = await engine.docker('run', '-d', '--network', 'none', '--name', 'ro-target', 'local/busybox:1', 'sleep', '3600');
  // The layout the generator aims for on a real host: the socket's directory open to
  // the socket's group, so workers run as nobody in that group instead of root.
  await chown(engine.dir, 0, (await stat(engine.socket)).gid);
  await chmod(engine.dir, 0o750);
  work = await scratchDirectory('ro');
  await chmod(work, 0o755);
  readonly = await startProxy('readonly', []);
  withInspect = await startProxy('inspect', ['--allow-inspect']);
  cli = await DockerClient.create(join(work, 'home'), {
    DOCKER_HOST: `tcp://127.0.0.1:${readonly.port}`,
    DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization(user, password)}`,
  });
});

afterAll(async () => {
  await readonly?.stop();
  await withInspect?.stop();
  await engine?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('readonly profile through real nginx', () => {
  it('workers run as nobody, in the group of the engine socket', async () => {
    const workers = await readonly?.workerUsers();
    expect(workers?.length).toBeGreaterThan(0);
    expect(new Set(workers)).toEqual(new Set(['nobody']));
    expect((await probe(url(readonly, '/_ping'), authorized())).status).toBe(200);
  });

  it('docker ps, images, info, version, network ls and volume ls work', async () => {
    const ps = await cli.run('ps', '--format', '{{.Names}}');
    expect(ps.stderr).toBe('');
    expect(ps.stdout.trim()).toBe('ro-target');
    const images = await cli.run('images', '--format', '{{.Repository}}:{{.Tag}}');
    expect(images.stdout.trim()).toBe('local/busybox:1');
    const info = await cli.run('info', '--format', '{{.ServerVersion}}');
    expect(info.stdout.trim()).toMatch(/^20\.10\.24/);
    const version = await cli.run('version', '--format', '{{.Server.APIVersion}}');
    expect(version.stdout.trim()).toBe('1.41');
    const networks = await cli.run('network', 'ls', '--format', '{{.Name}}');
    expect(networks.stdout.split('\n')).toEqual(expect.arrayContaining(['host', 'none']));
    const volumes = await cli.run('volume', 'ls', '-q');
    expect(volumes).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('docker top, container stats and events are allowed', async () => {
    const top = await cli.run('top', 'ro-target');
    expect(top.stdout).toContain('sleep 3600');
    const stats = await probe(url(readonly, `/v1.41/containers/${id}/stats?stream=false`), authorized());
    expect(stats.status).toBe(200);
    expect(JSON.parse(stats.body)).toHaveProperty('memory_stats');
    const until = Math.floor(Date.now() / 1000);
    const events = await probe(url(readonly, `/v1.41/events?since=0&until=${until}`), authorized());
    expect(events.status).toBe(200);
    expect(events.body).toContain('"status":"start"');
  });

  it('the version forms the daemon accepts are routed like /v1.41/', async () => {
    for (const prefix of ['', '/v1.41', '/v1.41.0', '/v01.41']) {
      const list = await probe(url(readonly, `${prefix}/containers/json`), authorized());
      expect(list.status, prefix).toBe(200);
      expect(list.body, prefix).toContain(id);
    }
  });

  it('missing or wrong credentials are 401, for curl and the docker CLI', async () => {
    expect((await probe(url(readonly, '/_ping'))).status).toBe(401);
    expect((await probe(url(readonly, '/_ping'), { user: [user, `${password}x`] })).status).toBe(401);
    expect((await probe(url(readonly, '/_ping'), authorized())).status).toBe(200);
    const anonymous = await DockerClient.create(join(work, 'anonymous'), { DOCKER_HOST: `tcp://127.0.0.1:${readonly?.port ?? 0}` });
    const ps = await anonymous.run('ps');
    expect(ps.code).not.toBe(0);
    expect(ps.stderr).toMatch(/401|authorization required/i);
  });

  it('credentials from config.json HttpHeaders work too', async () => {
    const headers = { Authorization: basicAuthorization(user, password) };
    const client = await DockerClient.create(join(work, 'headers-home'), { DOCKER_HOST: `tcp://127.0.0.1:${readonly?.port ?? 0}` }, headers);
    const ps = await client.run('ps', '-q', '--no-trunc');
    expect(ps.stdout.trim()).toBe(id);
  });

  it.each([
    ['create', ['create', '--network', 'none', 'local/busybox:1', 'true']],
    ['run', ['run', '--rm', '--network', 'none', 'local/busybox:1', 'true']],
    ['exec', ['exec', 'ro-target', 'true']],
    ['logs', ['logs', 'ro-target']],
    ['export', ['export', 'ro-target']],
    ['save', ['save', 'local/busybox:1']],
    ['cp out', ['cp', 'ro-target:/etc/passwd', '-']],
    ['inspect', ['container', 'inspect', 'ro-target']],
    ['stop', ['stop', 'ro-target']],
    ['rm -f', ['rm', '-f', 'ro-target']],
    ['tag', ['tag', 'local/busybox:1', 'local/other:1']],
  ])('docker %s is refused with 403', async (_name, args) => {
    const result = await cli.run(...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(forbidden);
    // `docker inspect` prints an empty list when it finds nothing.
    expect(['', '[]']).toContain(result.stdout.trim());
  });

  it('after every refused command the engine is unchanged', async () => {
    expect(await containerState()).toBe('ro-target running');
    expect(await engine?.docker('images', '--format', '{{.Repository}}:{{.Tag}}')).toBe('local/busybox:1');
  });

  it('archive reads, attach over WebSocket and POSTs are 403', async () => {
    const archive = await probe(url(readonly, `/v1.41/containers/${id}/archive?path=/etc/passwd`), authorized());
    expect(archive.status).toBe(403);
    const websocket = await probe(
      url(readonly, `/v1.41/containers/${id}/attach/ws?stream=1&stdin=1&stdout=1`),
      authorized({ headers: ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='] }),
    );
    expect(websocket.status).toBe(403);
    for (const path of ['/v1.41/containers/create', `/v1.41/containers/${id}/kill`, `/v1.41/containers/${id}/exec`, '/v1.41/images/create?fromImage=local/busybox&tag=1', '/v1.41/build', '/v1.41/containers/prune']) {
      expect((await probe(url(readonly, path), authorized({ method: 'POST', headers: ['Content-Type: application/json'] }))).status, path).toBe(403);
    }
    expect(await containerState()).toBe('ro-target running');
  });

  it.each(pathTricks('ro-target'))('path trick never reaches the daemon: $name', async (trick) => {
    const answer = await probe(url(readonly, trick.path), authorized({ method: trick.method, ...(trick.headers ? { headers: trick.headers } : {}) }));
    expect([400, 403]).toContain(answer.status);
    expect(answer.body).not.toContain('root:x:0:0');
  });

  it('the path tricks left the container running', async () => {
    expect(await containerState()).toBe('ro-target running');
  });
});

describe('readonly profile with --allow-inspect', () => {
  it('single-container inspect is 403 without the flag and 200 with it', async () => {
    expect((await probe(url(readonly, `/v1.41/containers/${id}/json`), authorized())).status).toBe(403);
    const inspect = await probe(url(withInspect, `/v1.41/containers/${id}/json`), authorized());
    expect(inspect.status).toBe(200);
    expect((JSON.parse(inspect.body) as { Id: string }).Id).toBe(id);
  });

  it('docker inspect works, and export and archive stay 403', async () => {
    const client = await DockerClient.create(join(work, 'inspect-home'), {
      DOCKER_HOST: `tcp://127.0.0.1:${withInspect?.port ?? 0}`,
      DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization(user, password)}`,
    });
    const inspect = await client.run('container', 'inspect', '--format', '{{.Id}}', 'ro-target');
    expect(inspect.stdout.trim()).toBe(id);
    expect((await client.run('export', 'ro-target')).stderr).toMatch(forbidden);
    expect((await probe(url(withInspect, `/v1.41/containers/${id}/archive?path=/etc/passwd`), authorized())).status).toBe(403);
  });
});
