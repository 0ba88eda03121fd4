// The client against a real throwaway dockerd on a unix socket, with containers
// made by the real docker CLI.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/engine/client.js';
import { EngineError } from '../../src/engine/errors.js';
import { resolveEndpoint } from '../../src/engine/host.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';

const image = 'local/busybox:1';
let engine: TestEngine;
let client: EngineClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  engine = await startEngine('eng-unix');
  await engine.docker('run', '--network', 'none', '--name', 'eu-exited', image, 'true');
  ids.exited = await engine.docker('inspect', '--format', '{{.Id}}', 'eu-exited');
  ids.created = await engine.docker('create', '--network', 'none', '--name', 'eu-created', image, 'sleep', '300');
  ids.running = await engine.docker('run', '-d', '--network', 'none', '--name', 'eu-running', image, 'sleep', '300');
  client = await EngineClient.connect(await resolveEndpoint({ host: engine.host }, {}));
});

afterAll(async () => {
  client?.close();
  await engine?.stop();
});

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

/** A unix socket server for answers a real engine never gives; closed after the callback. */
async function withFakeEngine(name: string, server: Server | HttpServer, use: (host: string) => Promise<void>): Promise<void> {
  const socket = `${engine.dir}/${name}.sock`;
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    await use(`unix://${socket}`);
  } finally {
    server.close();
    await rm(socket, { force: true });
  }
}

describe('version negotiation', () => {
  it('negotiates the engine API version and reports the engine', async () => {
    const serverVersion = await engine.docker('version', '--format', '{{.Server.Version}}');
    expect(await client.version()).toEqual({
      engineVersion: serverVersion,
      apiVersion: '1.41',
      minApiVersion: '1.12',
      negotiatedApiVersion: '1.41',
      os: 'linux',
      arch: expect.any(String),
    });
  });

  it('refuses an engine older than API 1.24', async () => {
    const old = createHttpServer((_request, response) => response.end(JSON.stringify({ Version: '1.11.2', ApiVersion: '1.23', Os: 'linux', Arch: 'amd64' })));
    await withFakeEngine('old', old, async (host) => {
      const error = await failure(EngineClient.connect(await resolveEndpoint({ host }, {})));
      expect(error.kind).toBe('api');
      expect(error.message).toContain('Engine API 1.23, older than 1.24');
    });
  });

  it('asks a newer engine for the newest API it speaks', async () => {
    const paths: string[] = [];
    const newer = createHttpServer((request, response) => {
      paths.push(request.url ?? '');
      response.end(request.url === '/version' ? JSON.stringify({ Version: '99.0.0', ApiVersion: '1.52', MinAPIVersion: '1.24' }) : '[]');
    });
    await withFakeEngine('newer', newer, async (host) => {
      const newerClient = await EngineClient.connect(await resolveEndpoint({ host }, {}));
      try {
        expect((await newerClient.version()).negotiatedApiVersion).toBe('1.47');
        await newerClient.listContainers({ all: true });
        // This engine's /_ping sends no Api-Version header (as before API 1.25): /version decides.
        expect([...paths].sort()).toEqual(['/_ping', '/v1.47/containers/json?all=1', '/version']);
      } finally {
        newerClient.close();
      }
    });
  });
});

describe('negotiation by /_ping', () => {
  it('speaks the API version /_ping names and asks /version only when the version is wanted', async () => {
    const paths: string[] = [];
    const slowVersion = createHttpServer((request, response) => {
      paths.push(request.url ?? '');
      // dockerd answers /version by running runc --version; this one never answers it.
      if (request.url === '/version') return;
      if (request.url === '/_ping') response.setHeader('Api-Version', '1.52');
      response.end(request.url === '/_ping' ? 'OK' : '[]');
    });
    await withFakeEngine('slow-version', slowVersion, async (host) => {
      const pinged = await EngineClient.connect(await resolveEndpoint({ host }, {}), { timeoutMs: 300 });
      try {
        expect(await pinged.listContainers({ all: true })).toEqual([]);
        // Not even asked: dockerd runs processes to answer /version.
        expect(paths).toEqual(['/_ping', '/v1.47/containers/json?all=1']);
        // The report still needs the engine's version: asked for, it says why there is none.
        await expect(pinged.version()).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('no answer to GET /version within 0.3 s') });
      } finally {
        pinged.close();
      }
    });
  });

  it('refuses an engine whose /_ping names an API older than 1.24', async () => {
    const old = createHttpServer((request, response) => {
      if (request.url === '/_ping') response.setHeader('Api-Version', '1.23');
      response.end(request.url === '/_ping' ? 'OK' : JSON.stringify({ Version: '1.11.2', ApiVersion: '1.23' }));
    });
    await withFakeEngine('old-ping', old, async (host) => {
      const error = await failure(EngineClient.connect(await resolveEndpoint({ host }, {})));
      expect(error.kind).toBe('api');
      expect(error.message).toContain('Engine API 1.23, older than 1.24');
    });
  });
});

describe('listing and inspecting', () => {
  it('lists running, created and exited containers with all, only running without', async () => {
    const all = await client.listContainers({ all: true });
    const states = Object.fromEntries(all.map((entry) => [entry.Names[0], entry.State]));
    expect(states).toEqual({ '/eu-running': 'running', '/eu-created': 'created', '/eu-exited': 'exited' });
    expect(all.find((entry) => entry.Id === ids.running)).toMatchObject({ Image: image });
    const running = await client.listContainers({ all: false });
    expect(running.map((entry) => entry.Id)).toEqual([ids.running]);
  });

  it('returns the raw inspect JSON', async () => {
    const inspected = await client.inspectContainer(ids.created as string);
    expect(inspected).toMatchObject({ Id: ids.created, Name: '/eu-created', State: { Status: 'created' }, HostConfig: { NetworkMode: 'none' } });
  });

  it('fails with an api error carrying 404 for an unknown container', async () => {
    const error = await failure(client.inspectContainer('no-such-container'));
    expect(error).toMatchObject({ kind: 'api', status: 404, host: engine.host });
    expect(error.message).toContain('No such container: no-such-container');
  });

  it('inspects every listed container in list order and reports progress', async () => {
    const listed = await client.listContainers({ all: true });
    const progress: number[] = [];
    const result = await client.inspectListed(listed, { onProgress: (done, total) => void progress.push(done * 10 + total) });
    expect(result.skipped).toEqual([]);
    expect(result.inspected.map((entry) => entry.Id)).toEqual(listed.map((entry) => entry.Id));
    expect(progress.sort()).toEqual([13, 23, 33]);
    const runningOnly = await client.inspectListed(await client.listContainers({ all: false }));
    expect(runningOnly.inspected.map((entry) => entry.Name)).toEqual(['/eu-running']);
  });

  it('skips a container removed between list and inspect', async () => {
    // Oldest containers are listed last: the victim is still waiting to be inspected
    // when the first inspect finishes and the hook removes it from the real engine.
    const victim = await engine.docker('create', '--network', 'none', '--name', 'eu-victim', image, 'true');
    const survivor = await engine.docker('create', '--network', 'none', '--name', 'eu-survivor', image, 'true');
    const oneAtATime = await EngineClient.connect(await resolveEndpoint({ host: engine.host }, {}), { concurrency: 1 });
    try {
      const listed = await oneAtATime.listContainers({ all: true });
      expect(listed[0]?.Id).toBe(survivor);
      const result = await oneAtATime.inspectListed(listed, {
        onProgress: async (done, _total, id) => {
          if (done === 1) {
            expect(id).toBe(survivor);
            await engine.docker('rm', victim);
          }
        },
      });
      expect(result.skipped).toEqual([{ id: victim, name: 'eu-victim', reason: expect.stringMatching(/removed after it was listed/) }]);
      expect(result.inspected.map((entry) => entry.Id)).toEqual(listed.map((entry) => entry.Id).filter((id) => id !== victim));
    } finally {
      oneAtATime.close();
      await engine.docker('rm', '-f', 'eu-survivor');
    }
  });
});

describe('failures', () => {
  it('times out on an engine that accepts but never answers', async () => {
    const silent = createServer(() => undefined);
    await withFakeEngine('silent', silent, async (host) => {
      const started = Date.now();
      const error = await failure(EngineClient.connect(await resolveEndpoint({ host }, {}), { timeoutMs: 300 }));
      expect(Date.now() - started).toBeLessThan(3000);
      expect(error).toMatchObject({ kind: 'timeout', host });
      expect(error.message).toContain(`no answer to GET /_ping within 0.3 s`);
      expect(error.message).toContain('-H/--host or DOCKER_HOST');
    });
  });

  it('is unreachable when no socket exists, naming the host and how it was chosen', async () => {
    const host = `unix://${engine.dir}/absent.sock`;
    const error = await failure(EngineClient.connect(await resolveEndpoint({}, { DOCKER_HOST: host })));
    expect(error).toMatchObject({ kind: 'unreachable', host });
    expect(error.message).toBe(
      `cannot connect to the Docker Engine at ${host} (set by DOCKER_HOST): no socket at ${engine.dir}/absent.sock (is the engine running?); choose the engine with -H/--host or DOCKER_HOST`,
    );
  });

  it('is unreachable when the connection drops in the middle of an answer', async () => {
    const dropper = createServer((socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ApiVersion":')),
    );
    await withFakeEngine('dropper', dropper, async (host) => {
      const error = await failure(EngineClient.connect(await resolveEndpoint({ host }, {}), { timeoutMs: 5000 }));
      expect(error).toMatchObject({ kind: 'unreachable', host });
      expect(error.message).toContain('lost the connection to the Docker Engine');
    });
  });

  it('rejects a concurrency that is not a positive whole number', async () => {
    const error = await failure(EngineClient.connect(await resolveEndpoint({ host: engine.host }, {}), { concurrency: 0.5 }));
    expect(error).toMatchObject({ name: 'HostError', kind: 'config', message: 'invalid engine concurrency 0.5: expected a positive whole number' });
  });

  it('is a protocol error when something other than an engine answers', async () => {
    const web = createHttpServer((_request, response) => response.end('<html>hello</html>'));
    await withFakeEngine('web', web, async (host) => {
      const error = await failure(EngineClient.connect(await resolveEndpoint({ host }, {})));
      expect(error.kind).toBe('protocol');
      expect(error.message).toContain('GET /version is not JSON: "<html>hello</html>"');
    });
  });

  it('stops inspecting on an engine error other than a vanished container', async () => {
    const broken = createHttpServer((request, response) => {
      if (request.url === '/version') return void response.end(JSON.stringify({ Version: '20.10.24', ApiVersion: '1.41' }));
      if (request.url?.startsWith('/v1.41/containers/json')) return void response.end(JSON.stringify([{ Id: 'a', Names: ['/a'] }]));
      response.statusCode = 500;
      response.end(JSON.stringify({ message: 'storage driver exploded' }));
    });
    await withFakeEngine('broken', broken, async (host) => {
      const brokenClient = await EngineClient.connect(await resolveEndpoint({ host }, {}));
      try {
        const error = await failure(brokenClient.inspectListed(await brokenClient.listContainers({ all: true })));
        expect(error).toMatchObject({ kind: 'api', status: 500 });
        expect(error.message).toContain('GET /v1.41/containers/a/json answered 500: storage driver exploded');
      } finally {
        brokenClient.close();
      }
    });
  });
});
