// The Engine API client's HTTP/1.1 response parser: tables of answers it must read
// (fed whole, and split at every byte) and answers it must refuse.
import { describe, expect, it } from 'vitest';
import { HttpParseError, ResponseParser, type HttpResponse } from '../../src/engine/http-response.js';

const MAX = 1024;

/** Feeds `raw` in pieces of `step` bytes; returns the response, or the parser's error. */
function parse(raw: string, step = raw.length, close = false): HttpResponse | HttpParseError {
  const parser = new ResponseParser(MAX);
  const bytes = Buffer.from(raw, 'latin1');
  try {
    for (let offset = 0; offset < bytes.length; offset += step) {
      const response = parser.push(bytes.subarray(offset, offset + step));
      if (response !== null) {
        // Whatever follows a complete answer must be refused, not ignored.
        if (offset + step < bytes.length) parser.push(bytes.subarray(offset + step));
        return response;
      }
    }
    if (close) return parser.end();
    return new HttpParseError('HPE_CUT_OFF', 'incomplete');
  } catch (error) {
    if (error instanceof HttpParseError) return error;
    throw error;
  }
}

const valid: { name: string; raw: string; status: number; body: string; keepAlive: boolean; headers?: Record<string, string>; close?: boolean }[] = [
  {
    name: 'Content-Length body (as /_ping answers)',
    raw: 'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nOK',
    status: 200,
    body: 'OK',
    keepAlive: true,
    headers: { 'api-version': '1.41', 'content-type': 'text/plain' },
  },
  {
    name: 'chunked body in several chunks (as dockerd sends inspect JSON)',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\nA\r\n[1,2,3,4]}\r\n0\r\n\r\n',
    status: 200,
    body: '{"a":[1,2,3,4]}',
    keepAlive: true,
  },
  {
    name: 'chunk extensions and trailers are read past',
    raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n3;name=value\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n',
    status: 200,
    body: 'abc',
    keepAlive: true,
  },
  {
    name: 'upper-case hex chunk sizes',
    raw: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1A\r\n${'x'.repeat(26)}\r\n0\r\n\r\n`,
    status: 200,
    body: 'x'.repeat(26),
    keepAlive: true,
  },
  {
    name: 'an error status with a JSON message',
    raw: 'HTTP/1.1 404 Not Found\r\nContent-Length: 39\r\n\r\n{"message":"No such container: abc123"}',
    status: 404,
    body: '{"message":"No such container: abc123"}',
    keepAlive: true,
  },
  { name: '204 has no body whatever it says', raw: 'HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n', status: 204, body: '', keepAlive: true },
  { name: 'Content-Length: 0', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', status: 200, body: '', keepAlive: true },
  { name: 'Connection: close ends keep-alive', raw: 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n[]', status: 200, body: '[]', keepAlive: false },
  { name: 'HTTP/1.0 closes by default', raw: 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n[]', status: 200, body: '[]', keepAlive: false },
  { name: 'HTTP/1.0 keep-alive when asked', raw: 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n[]', status: 200, body: '[]', keepAlive: true },
  { name: 'an interim 100 Continue is skipped', raw: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}', status: 200, body: '{}', keepAlive: true },
  {
    name: 'repeated headers are joined, names are case-insensitive',
    raw: 'HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 0\r\n\r\n',
    status: 200,
    body: '',
    keepAlive: true,
    headers: { 'x-a': '1, 2' },
  },
  { name: 'no framing: the body runs to the end of the connection', raw: 'HTTP/1.1 200 OK\r\n\r\n{"until":"close"}', status: 200, body: '{"until":"close"}', keepAlive: false, close: true },
];

const invalid: { name: string; raw: string; code: string; message: RegExp; close?: boolean }[] = [
  { name: 'not HTTP at all', raw: 'SSH-2.0-OpenSSH_9.2\r\n\r\n', code: 'HPE_INVALID', message: /invalid status line/ },
  { name: 'HTTP/2 status line', raw: 'HTTP/2 200\r\n\r\n', code: 'HPE_INVALID', message: /invalid status line/ },
  { name: 'a header without a colon', raw: 'HTTP/1.1 200 OK\r\nBroken header\r\n\r\n', code: 'HPE_INVALID', message: /invalid header line/ },
  { name: 'a space before the colon', raw: 'HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nOK', code: 'HPE_INVALID', message: /invalid header line/ },
  { name: 'a negative Content-Length', raw: 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', code: 'HPE_INVALID', message: /invalid Content-Length/ },
  { name: 'two different Content-Lengths', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc', code: 'HPE_INVALID', message: /invalid Content-Length/ },
  { name: 'a coding other than chunked', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', code: 'HPE_INVALID', message: /unsupported Transfer-Encoding/ },
  { name: 'a chunk size that is not hex', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', code: 'HPE_INVALID', message: /invalid chunk size/ },
  { name: 'chunk data longer than its size', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n', code: 'HPE_INVALID', message: /not followed by CRLF/ },
  { name: 'bytes after the answer', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOKextra', code: 'HPE_INVALID', message: /data after the end/ },
  { name: 'a body over the limit', raw: `HTTP/1.1 200 OK\r\nContent-Length: ${MAX + 1}\r\n\r\n${'x'.repeat(MAX + 1)}`, code: 'HPE_TOO_LARGE', message: /exceeds 1024 bytes/ },
  { name: 'a chunked body over the limit', raw: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(MAX + 1).toString(16)}\r\n${'x'.repeat(MAX + 1)}\r\n0\r\n\r\n`, code: 'HPE_TOO_LARGE', message: /exceeds/ },
  { name: 'headers that never end', raw: `HTTP/1.1 200 OK\r\nX: ${'y'.repeat(70 * 1024)}`, code: 'HPE_TOO_LARGE', message: /headers exceed/ },
  { name: 'closed before any answer', raw: '', code: 'HPE_CUT_OFF', message: /closed before an answer/, close: true },
  { name: 'closed in the middle of a Content-Length body', raw: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', code: 'HPE_CUT_OFF', message: /cut off/, close: true },
  { name: 'closed before the last chunk', raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n', code: 'HPE_CUT_OFF', message: /cut off/, close: true },
];

describe('ResponseParser reads', () => {
  for (const entry of valid) {
    it(entry.name, () => {
      // Whole, then split at every possible byte boundary: TCP may deliver any split.
      for (const step of [entry.raw.length, ...Array.from({ length: Math.min(entry.raw.length, 40) }, (_, i) => i + 1)]) {
        const result = parse(entry.raw, step, entry.close);
        expect(result, `step ${step}`).not.toBeInstanceOf(Error);
        const response = result as HttpResponse;
        expect(response.status).toBe(entry.status);
        expect(response.body.toString('latin1')).toBe(entry.body);
        expect(response.keepAlive).toBe(entry.keepAlive);
        for (const [name, value] of Object.entries(entry.headers ?? {})) expect(response.headers.get(name)).toBe(value);
      }
    });
  }
});

describe('ResponseParser refuses', () => {
  for (const entry of invalid) {
    it(entry.name, () => {
      // Byte by byte too, except for the huge header (quadratic to feed one byte at a time).
      const steps = entry.raw.length > 4096 ? [entry.raw.length, 4096] : [Math.max(entry.raw.length, 1), 1, 7];
      for (const step of steps) {
        const result = parse(entry.raw, step, entry.close);
        expect(result, `step ${step}`).toBeInstanceOf(HttpParseError);
        expect((result as HttpParseError).code).toBe(entry.code);
        expect((result as HttpParseError).message).toMatch(entry.message);
      }
    });
  }

  it('a second answer on the same parser', () => {
    const parser = new ResponseParser(MAX);
    expect(parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'))).not.toBeNull();
    expect(() => parser.push(Buffer.from('HTTP/1.1 200 OK\r\n'))).toThrow(/data after the end/);
  });
});
