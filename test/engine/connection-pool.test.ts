// The Engine API client's keep-alive pool, against small unix-socket servers that
// misbehave the ways real servers and networks do.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionPool, DeadlineExceeded } from '../../src/engine/connection-pool.js';
import { HttpParseError } from '../../src/engine/http-response.js';

const REQUEST = 'GET /x HTTP/1.1\r\nHost: docker\r\n\r\n';
const OPTIONS = { maxBodyBytes: 1024, timeoutMs: 2000 };
const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

let dir: string;
let server: Server | undefined;
let pool: ConnectionPool | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harden-pool-'));
});

afterEach(async () => {
  pool?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  pool = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Serves on a fresh socket; `answer` is called once per request head received on a connection. */
async function serve(answer: (socket: Socket, index: number, connection: number) => void): Promise<{ path: string; connections: () => number; peak: () => number }> {
  const path = join(dir, 'engine.sock');
  let requests = 0;
  let connections = 0;
  let open = 0;
  let peak = 0;
  server = createServer((socket) => {
    const connection = ++connections;
    open++;
    peak = Math.max(peak, open);
    socket.on('close', () => open--);
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      while (pending.includes('\r\n\r\n')) {
        pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
        answer(socket, requests++, connection);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server?.listen(path, resolve));
  return { path, connections: () => connections, peak: () => peak };
}

describe('ConnectionPool', () => {
  it('keeps connections alive and never opens more than its size', async () => {
    const engine = await serve((socket, index) => setTimeout(() => socket.write(ok(String(index))), 5));
    pool = new ConnectionPool(() => connect(engine.path), 3);
    const bodies = await Promise.all(Array.from({ length: 12 }, () => pool!.exchange(REQUEST, OPTIONS).then((r) => r.body.toString())));
    expect(bodies.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(engine.peak()).toBe(3);
    expect(engine.connections()).toBe(3);
  });

  it('sends a request again on a new connection when an idle one was closed by the server', async () => {
    // The server drops every connection right after its first answer, without saying so.
    const engine = await serve((socket) => socket.end(ok('fresh')));
    pool = new ConnectionPool(() => connect(engine.path), 1);
    expect((await pool.exchange(REQUEST, OPTIONS)).body.toString()).toBe('fresh');
    expect((await pool.exchange(REQUEST, OPTIONS)).body.toString()).toBe('fresh');
    expect(engine.connections()).toBe(2);
  });

  it('opens a new connection after Connection: close', async () => {
    const engine = await serve((socket, index) => socket.write(ok(`n${index}`, 'Connection: close\r\n')));
    pool = new ConnectionPool(() => connect(engine.path), 1);
    expect((await pool.exchange(REQUEST, OPTIONS)).keepAlive).toBe(false);
    expect((await pool.exchange(REQUEST, OPTIONS)).body.toString()).toBe('n1');
    expect(engine.connections()).toBe(2);
  });

  it('fails a request with its deadline and frees the slot for the next one', async () => {
    const engine = await serve((socket, index) => {
      if (index > 0) socket.write(ok('late'));
    });
    pool = new ConnectionPool(() => connect(engine.path), 1);
    await expect(pool.exchange(REQUEST, { ...OPTIONS, timeoutMs: 100 })).rejects.toBeInstanceOf(DeadlineExceeded);
    expect((await pool.exchange(REQUEST, OPTIONS)).body.toString()).toBe('late');
  });

  it('does not send again an answer that was cut off (the server saw the request)', async () => {
    const engine = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    pool = new ConnectionPool(() => connect(engine.path), 1);
    const error = await pool.exchange(REQUEST, OPTIONS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpParseError);
    expect((error as HttpParseError).code).toBe('HPE_CUT_OFF');
    expect(engine.connections()).toBe(1);
  });

  it('passes on connection errors with their code', async () => {
    pool = new ConnectionPool(() => connect(join(dir, 'missing.sock')), 1);
    await expect(pool.exchange(REQUEST, OPTIONS)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses requests once closed, and fails those waiting for a connection', async () => {
    const engine = await serve(() => undefined);
    pool = new ConnectionPool(() => connect(engine.path), 1);
    const first = pool.exchange(REQUEST, OPTIONS).catch((error: unknown) => error);
    const waiting = pool.exchange(REQUEST, OPTIONS).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    pool.close();
    expect(await waiting).toMatchObject({ message: 'the connection pool was closed' });
    expect(await first).toBeInstanceOf(Error);
    await expect(pool.exchange(REQUEST, OPTIONS)).rejects.toThrow('the connection pool was closed');
  });
});
