// Keep-alive connections to one engine, at most `size` open, one request at a time on
// each (no pipelining). Idle connections do not keep the process alive.
import type { Socket } from 'node:net';
import { HttpParseError, ResponseParser, type HttpResponse } from './http-response.js';

/** The request's deadline passed (connect, TLS handshake and answer included). */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/** A reused connection the server had already closed: nothing was answered, the request may be sent again. */
class StaleConnection extends Error {
  override name = 'StaleConnection';
}

type Settle = (error: Error | null, response?: HttpResponse) => void;

class Connection {
  private exchange: { parser: ResponseParser; settle: Settle } | null = null;
  /** Answered before: a close before the next answer starts is the server dropping an idle connection. */
  reused = false;

  constructor(
    readonly socket: Socket,
    onClose: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (error: Error) => this.failed(error));
    socket.on('end', () => this.ended());
    socket.on('close', () => {
      this.failed(new HttpParseError('HPE_CUT_OFF', 'the connection closed before the answer ended'));
      onClose();
    });
  }

  send(request: string, maxBodyBytes: number): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      this.exchange = {
        parser: new ResponseParser(maxBodyBytes),
        settle: (error, response) => (error === null ? resolve(response as HttpResponse) : reject(error)),
      };
      this.socket.write(request);
    });
  }

  private received(chunk: Buffer): void {
    const exchange = this.exchange;
    if (exchange === null) {
      // Bytes nobody asked for: the connection's framing can no longer be trusted.
      this.socket.destroy();
      return;
    }
    try {
      const response = exchange.parser.push(chunk);
      if (response !== null) this.settle(null, response);
    } catch (error) {
      this.socket.destroy();
      this.settle(error as Error);
    }
  }

  private ended(): void {
    const exchange = this.exchange;
    if (exchange === null) return;
    try {
      this.settle(null, exchange.parser.end());
    } catch (error) {
      this.failed(error as Error);
    }
  }

  private failed(error: Error): void {
    const exchange = this.exchange;
    if (exchange === null) return;
    this.settle(this.reused && !exchange.parser.started ? new StaleConnection(error.message) : error);
  }

  private settle(error: Error | null, response?: HttpResponse): void {
    const exchange = this.exchange;
    this.exchange = null;
    exchange?.settle(error, response);
  }
}

export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly waiting: { resolve: (connection: Connection) => void; reject: (error: Error) => void }[] = [];
  private closed = false;

  constructor(
    private readonly dial: () => Socket,
    private readonly size: number,
  ) {}

  /** Sends `request` (a whole HTTP/1.1 request head) and resolves with the complete answer. */
  async exchange(request: string, options: { maxBodyBytes: number; timeoutMs: number }): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const connection = await this.acquire();
      try {
        const response = await withDeadline(connection.send(request, options.maxBodyBytes), options.timeoutMs, () => connection.socket.destroy());
        connection.reused = true;
        this.release(connection, response.keepAlive);
        return response;
      } catch (error) {
        connection.socket.destroy();
        // Requests are GETs: sending one again after an idle connection went away is safe.
        if (error instanceof StaleConnection && attempt === 1) continue;
        throw error;
      }
    }
  }

  /** Closes every connection. */
  close(): void {
    this.closed = true;
    for (const connection of this.all) connection.socket.destroy();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the connection pool was closed'));
  }

  private acquire(): Promise<Connection> {
    if (this.closed) return Promise.reject(new Error('the connection pool was closed'));
    const idle = this.idle.pop();
    if (idle !== undefined) {
      idle.socket.ref();
      return Promise.resolve(idle);
    }
    if (this.all.size < this.size) return Promise.resolve(this.open());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private open(): Connection {
    const connection: Connection = new Connection(this.dial(), () => this.forget(connection));
    this.all.add(connection);
    return connection;
  }

  private release(connection: Connection, keepAlive: boolean): void {
    if (!keepAlive || connection.socket.destroyed) {
      connection.socket.destroy();
      return;
    }
    const next = this.waiting.shift();
    if (next !== undefined) next.resolve(connection);
    else {
      connection.socket.unref();
      this.idle.push(connection);
    }
  }

  /** A connection closed: free its slot, for a waiting request if there is one. */
  private forget(connection: Connection): void {
    this.all.delete(connection);
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next !== undefined) next.resolve(this.open());
  }
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new DeadlineExceeded(`no answer within ${timeoutMs / 1000} s`));
      onTimeout();
    }, timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
