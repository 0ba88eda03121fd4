// An incremental parser for one HTTP/1.1 response on a keep-alive connection: status
// line, headers, and a body framed by Content-Length, chunked transfer coding or the
// end of the connection (RFC 9112 sections 4-7). It is all the Engine API client needs
// from HTTP, and far less work per answer than node:http's request and stream objects,
// which dominate the cost of an audit of a hundred containers.

export interface HttpResponse {
  status: number;
  /** Header values by lower-case name; repeated headers joined with ", ". */
  headers: Map<string, string>;
  body: Buffer;
  /** The server keeps the connection open for another request. */
  keepAlive: boolean;
}

/** A malformed or oversized answer; the `HPE_` code is what node:http's parser uses, so callers classify both alike. */
export class HttpParseError extends Error {
  readonly code: string;
  constructor(code: 'HPE_INVALID' | 'HPE_TOO_LARGE' | 'HPE_CUT_OFF', message: string) {
    super(message);
    this.code = code;
  }
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,15})[ \t]*(?:;.*)?$/;

type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'until-close' };
type State = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'done';

export class ResponseParser {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = 'head';
  private status = 0;
  private headers = new Map<string, string>();
  private keepAlive = true;
  private framing: Framing = { kind: 'until-close' };
  private chunkRemaining = 0;
  private readonly body: Buffer[] = [];
  private bodyBytes = 0;

  constructor(private readonly maxBodyBytes: number) {}

  /** Feeds received bytes; returns the response once it is complete, null while more is needed. */
  push(chunk: Buffer): HttpResponse | null {
    if (this.state === 'done') throw new HttpParseError('HPE_INVALID', 'data after the end of the response (the client sent one request)');
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    return this.advance();
  }

  private advance(): HttpResponse | null {
    while (this.step()) {
      if (this.state !== 'done') continue;
      if (this.pending.length > 0) throw new HttpParseError('HPE_INVALID', 'data after the end of the response (the client sent one request)');
      return this.result();
    }
    return null;
  }

  /** The connection ended: completes a body that runs to the end of the connection, otherwise the answer was cut off. */
  end(): HttpResponse {
    if (this.state === 'body' && this.framing.kind === 'until-close') {
      this.takeBody(this.pending.length);
      this.state = 'done';
      return this.result();
    }
    throw new HttpParseError('HPE_CUT_OFF', this.state === 'head' && this.pending.length === 0 ? 'the connection closed before an answer' : 'the answer was cut off');
  }

  /** True once any byte of the answer arrived (a keep-alive connection closed before that may be retried). */
  get started(): boolean {
    return this.state !== 'head' || this.pending.length > 0;
  }

  /** Advances one state; false when more bytes are needed. */
  private step(): boolean {
    switch (this.state) {
      case 'head':
        return this.readHead();
      case 'body':
        return this.readFixedBody();
      case 'chunk-size': {
        const line = this.takeLine();
        if (line === null) return false;
        const match = CHUNK_SIZE.exec(line);
        if (!match) throw new HttpParseError('HPE_INVALID', `invalid chunk size line ${JSON.stringify(line.slice(0, 40))}`);
        this.chunkRemaining = parseInt(match[1] as string, 16);
        this.state = this.chunkRemaining === 0 ? 'trailers' : 'chunk-data';
        return true;
      }
      case 'chunk-data': {
        const take = Math.min(this.chunkRemaining, this.pending.length);
        if (take === 0) return false;
        this.takeBody(take);
        this.chunkRemaining -= take;
        if (this.chunkRemaining === 0) this.state = 'chunk-end';
        return true;
      }
      case 'chunk-end': {
        if (this.pending.length < 2) return false;
        if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a) throw new HttpParseError('HPE_INVALID', 'chunk data not followed by CRLF');
        this.pending = this.pending.subarray(2);
        this.state = 'chunk-size';
        return true;
      }
      case 'trailers': {
        const line = this.takeLine();
        if (line === null) return false;
        if (line === '') this.state = 'done';
        return true;
      }
      case 'done':
        return true;
    }
  }

  private readHead(): boolean {
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new HttpParseError('HPE_TOO_LARGE', `response headers exceed ${MAX_HEAD_BYTES} bytes`);
      return false;
    }
    const lines = this.pending.toString('latin1', 0, end).split('\r\n');
    this.pending = this.pending.subarray(end + HEAD_END.length);
    const statusLine = STATUS_LINE.exec(lines[0] ?? '');
    if (!statusLine) throw new HttpParseError('HPE_INVALID', `invalid status line ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
    const minor = statusLine[1];
    const status = Number(statusLine[2]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const header = HEADER_LINE.exec(line);
      if (!header) throw new HttpParseError('HPE_INVALID', `invalid header line ${JSON.stringify(line.slice(0, 60))}`);
      const name = (header[1] as string).toLowerCase();
      const value = header[2] as string;
      const earlier = headers.get(name);
      headers.set(name, earlier === undefined ? value : `${earlier}, ${value}`);
    }
    // An interim answer (100 Continue) precedes the real one.
    if (status >= 100 && status < 200) return true;
    this.status = status;
    this.headers = headers;
    const connection = (headers.get('connection') ?? '').toLowerCase();
    this.keepAlive = minor === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    this.framing = framingOf(status, headers);
    if (this.framing.kind === 'until-close') this.keepAlive = false;
    this.state = this.framing.kind === 'chunked' ? 'chunk-size' : this.framing.kind === 'length' && this.framing.remaining === 0 ? 'done' : 'body';
    return true;
  }

  private readFixedBody(): boolean {
    if (this.framing.kind !== 'length') {
      // Until the connection ends: keep everything, end() completes it.
      this.takeBody(this.pending.length);
      return false;
    }
    const take = Math.min(this.framing.remaining, this.pending.length);
    if (take === 0) return false;
    this.takeBody(take);
    this.framing.remaining -= take;
    if (this.framing.remaining === 0) this.state = 'done';
    return true;
  }

  private takeBody(bytes: number): void {
    this.bodyBytes += bytes;
    if (this.bodyBytes > this.maxBodyBytes) throw new HttpParseError('HPE_TOO_LARGE', `the answer exceeds ${this.maxBodyBytes} bytes`);
    this.body.push(this.pending.subarray(0, bytes));
    this.pending = this.pending.subarray(bytes);
  }

  private takeLine(): string | null {
    const end = this.pending.indexOf(CRLF);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new HttpParseError('HPE_TOO_LARGE', `a line of the answer exceeds ${MAX_HEAD_BYTES} bytes`);
      return null;
    }
    const line = this.pending.toString('latin1', 0, end);
    this.pending = this.pending.subarray(end + CRLF.length);
    return line;
  }

  private result(): HttpResponse {
    const body = this.body.length === 1 ? (this.body[0] as Buffer) : Buffer.concat(this.body, this.bodyBytes);
    return { status: this.status, headers: this.headers, body, keepAlive: this.keepAlive };
  }
}

function framingOf(status: number, headers: Map<string, string>): Framing {
  if (status === 204 || status === 304) return { kind: 'length', remaining: 0 };
  const transferEncoding = headers.get('transfer-encoding');
  if (transferEncoding !== undefined) {
    const codings = transferEncoding.toLowerCase().split(',').map((coding) => coding.trim());
    // Only chunked, and only last, frames a body; anything else would need decoding this client does not do.
    if (codings.length !== 1 || codings[0] !== 'chunked') throw new HttpParseError('HPE_INVALID', `unsupported Transfer-Encoding "${transferEncoding}"`);
    return { kind: 'chunked' };
  }
  const contentLength = headers.get('content-length');
  if (contentLength !== undefined) {
    if (!/^\d{1,15}$/.test(contentLength)) throw new HttpParseError('HPE_INVALID', `invalid Content-Length "${contentLength}"`);
    return { kind: 'length', remaining: Number(contentLength) };
  }
  return { kind: 'until-close' };
}
