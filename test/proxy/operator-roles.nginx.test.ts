// The operator profile, and per-user roles on one proxy, on a real nginx in front
// of a real dockerd.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { addUser, basicAuthorization, DockerClient, freeLoopbackPort, generateProxy, probe, scratchDirectory, startNginx, type RunningNginx } from './nginx-harness.js';

// The proxy answers 403 with a JSON message, which the docker CLI prints.
const forbidden = /denied by the Docker API proxy/;
const passwords: Record<string, string> = { op: 'operator pass', alice: 'alice pass', bob: 'bob pass', carol: 'carol pass', dave: 'dave pass', Alice: 'other alice pass' };

let engine: TestEngine | undefined;
let work = '';
let operator: RunningNginx | undefined;
let roles: RunningNginx | undefined;
let cli: DockerClient;

const state = async (name: string): Promise<string> => (await engine?.docker('inspect', '--format', '{{.State.Status}}', name)) ?? '';

function as(proxy: RunningNginx | undefined, name: string, method: string, path: string): Promise<number> {
  return probe(`http://127.0.0.1:${proxy?.port ?? 0}${path}`, { method, user: [name, passwords[name] ?? ''] }).then((answer) => answer.status);
}

beforeAll(async () => {
  engine = await startEngine('px-op');
  for (const name of ['op-target', 'role-target']) {
    await engine.docker('run', '-d', '--network', 'none', '--name', name, 'local/busybox:1', 'sh', '-c', `echo ${name} says hello; exec sleep 3600`);
  }
  work = await scratchDirectory('op');

  const operatorPort = await freeLoopbackPort();
  await generateProxy(join(work, 'operator'), ['--upstream', engine.host, '--listen', `127.0.0.1:${operatorPort}`, '--profile', 'operator', '--allow-inspect', '--user', 'op'], passwords.op);
  operator = await startNginx(join(work, 'operator'), operatorPort);
  cli = await DockerClient.create(join(work, 'home'), {
    DOCKER_HOST: `tcp://127.0.0.1:${operatorPort}`,
    DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization('op', passwords.op ?? '')}`,
  });

  const htpasswd = join(work, 'users.htpasswd');
  for (const name of ['alice', 'bob', 'carol', 'dave']) await addUser(htpasswd, name, passwords[name] ?? '');
  const rolesPort = await freeLoopbackPort();
  await generateProxy(join(work, 'roles'), ['--upstream', engine.host, '--listen', `127.0.0.1:${rolesPort}`, '--htpasswd', htpasswd, '--role', 'alice=operator', '--role', 'bob=readonly', '--role', 'dave=full']);
  roles = await startNginx(join(work, 'roles'), rolesPort);
});

afterAll(async () => {
  await operator?.stop();
  await roles?.stop();
  await engine?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('operator profile through real nginx', () => {
  it('docker stop, start, restart and kill of an existing container work', async () => {
    expect((await cli.run('stop', '-t', '0', 'op-target')).code).toBe(0);
    expect(await state('op-target')).toBe('exited');
    expect((await cli.run('start', 'op-target')).code).toBe(0);
    expect(await state('op-target')).toBe('running');
    expect((await cli.run('restart', '-t', '0', 'op-target')).code).toBe(0);
    expect(await state('op-target')).toBe('running');
    expect((await cli.run('kill', 'op-target')).code).toBe(0);
    expect(await state('op-target')).toBe('exited');
    expect((await cli.run('start', 'op-target')).code).toBe(0);
    expect(await state('op-target')).toBe('running');
  });

  it('docker logs works', async () => {
    const logs = await cli.run('logs', 'op-target');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('op-target says hello');
  });

  it.each([
    ['create', ['create', '--network', 'none', 'local/busybox:1', 'true']],
    ['run', ['run', '--rm', '--network', 'none', 'local/busybox:1', 'true']],
    ['exec', ['exec', 'op-target', 'true']],
    ['export', ['export', 'op-target']],
    ['cp out', ['cp', 'op-target:/etc/passwd', '-']],
    ['rm -f', ['rm', '-f', 'op-target']],
  ])('docker %s is refused with 403', async (_name, args) => {
    const result = await cli.run(...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(forbidden);
  });

  it('create, exec and archive stay 403 behind version and path tricks', async () => {
    for (const [method, path] of [
      ['POST', '/v1.41.0/containers/create'],
      ['POST', '/v01.41/containers/create'],
      ['POST', '/v1.41/containers/op-target/start/../../create'],
      ['POST', '/v1.41/containers/op-target/start/%2e%2e/exec'],
      ['POST', '//v1.41/containers/op-target/exec'],
      ['GET', '/v1.41/containers/op-target/logs/../archive?path=/etc/passwd'],
    ] as const) {
      expect(await as(operator, 'op', method, path), path).toBe(403);
    }
    // A query string is not part of the path: this is a plain stop, for nginx and dockerd alike.
    expect(await as(operator, 'op', 'POST', '/v1.41/containers/op-target/stop?t=0&x=/../../create')).toBe(204);
    expect(await engine?.docker('ps', '-a', '--format', '{{.Names}}')).toBe('role-target\nop-target');
  });
});

describe('roles: per-user profiles on one proxy', () => {
  it('the same stop request is allowed for the operator and 403 for readonly users', async () => {
    expect(await as(roles, 'bob', 'POST', '/v1.41/containers/role-target/stop?t=0')).toBe(403);
    expect(await as(roles, 'carol', 'POST', '/v1.41/containers/role-target/stop?t=0')).toBe(403);
    expect(await state('role-target')).toBe('running');
    expect(await as(roles, 'alice', 'POST', '/v1.41/containers/role-target/stop?t=0')).toBe(204);
    expect(await state('role-target')).toBe('exited');
    expect(await as(roles, 'bob', 'POST', '/v1.41/containers/role-target/start')).toBe(403);
    expect(await as(roles, 'alice', 'POST', '/v1.41/containers/role-target/start')).toBe(204);
    expect(await state('role-target')).toBe('running');
  });

  it('logs are operator-only; lists are open to every profile; nobody may create', async () => {
    expect(await as(roles, 'alice', 'GET', '/v1.41/containers/role-target/logs?stdout=1')).toBe(200);
    expect(await as(roles, 'bob', 'GET', '/v1.41/containers/role-target/logs?stdout=1')).toBe(403);
    for (const name of ['alice', 'bob', 'carol']) {
      expect(await as(roles, name, 'GET', '/v1.41/containers/json'), name).toBe(200);
      expect(await as(roles, name, 'POST', '/v1.41/containers/create'), name).toBe(403);
    }
  });

  it('docker logs through the CLI needs --allow-inspect, as the README says: it inspects first', async () => {
    const alice = await DockerClient.create(join(work, 'alice-home'), {
      DOCKER_HOST: `tcp://127.0.0.1:${roles?.port ?? 0}`,
      DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization('alice', passwords.alice ?? '')}`,
    });
    const logs = await alice.run('logs', 'role-target');
    expect(logs.code).not.toBe(0);
    expect(logs.stderr).toMatch(forbidden);
    expect((await alice.run('stop', '-t', '0', 'role-target')).code).toBe(0);
    expect((await alice.run('start', 'role-target')).code).toBe(0);
    expect(await state('role-target')).toBe('running');
  });

  it('the role goes with the user who authenticated, not with a similar name', async () => {
    expect(await as(roles, 'alice', 'GET', '/_ping')).toBe(200);
    const wrong = await probe(`http://127.0.0.1:${roles?.port ?? 0}/_ping`, { user: ['alice', passwords.bob ?? ''] });
    expect(wrong.status).toBe(401);
  });

  it('full may create and remove; exec through HTTP fails loudly instead of losing its output', async () => {
    const dave = await DockerClient.create(join(work, 'dave-home'), {
      DOCKER_HOST: `tcp://127.0.0.1:${roles?.port ?? 0}`,
      DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization('dave', passwords.dave ?? '')}`,
    });
    const created = await dave.run('create', '--network', 'none', '--name', 'dave-made', 'local/busybox:1', 'true');
    expect(created.code).toBe(0);
    expect((await dave.run('rm', 'dave-made')).code).toBe(0);
    const exec = await dave.run('exec', 'role-target', 'sh', '-c', 'echo hi; exit 3');
    expect(exec.code).not.toBe(0);
    expect(exec.code).not.toBe(3);
    expect(exec.stderr).not.toBe('');
  });

  it('a full user on the proxy opens no upgrade for readonly users', async () => {
    const websocket = await probe(`http://127.0.0.1:${roles?.port ?? 0}/v1.41/containers/role-target/attach/ws?stream=1&stdin=1`, {
      user: ['bob', passwords.bob ?? ''],
      headers: ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='],
    });
    expect(websocket.status).toBe(403);
  });

  it('a user whose name differs from an operator only in case does not get the operator profile', async () => {
    const htpasswd = join(work, 'case.htpasswd');
    await addUser(htpasswd, 'alice', passwords.alice ?? '');
    const added = await harden(['proxy', 'passwd', htpasswd, 'Alice', '--password-stdin'], { input: `${passwords.Alice ?? ''}\n` });
    // Refusing the look-alike name is as good as keeping the profiles apart.
    if (added.code !== 0) {
      expect(added.code).toBe(2);
      return;
    }
    const port = await freeLoopbackPort();
    await generateProxy(join(work, 'case'), ['--upstream', engine?.host ?? '', '--listen', `127.0.0.1:${port}`, '--htpasswd', htpasswd, '--role', 'alice=operator']);
    const proxy = await startNginx(join(work, 'case'), port);
    try {
      expect(await as(proxy, 'Alice', 'POST', '/v1.41/containers/role-target/restart?t=0')).toBe(403);
      expect(await as(proxy, 'alice', 'POST', '/v1.41/containers/role-target/restart?t=0')).toBe(204);
    } finally {
      await proxy.stop();
    }
  });
});
