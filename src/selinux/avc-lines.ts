// Reading a log line by line with bounded memory. readline would hold a 10 MB line
// (or a whole newline-free binary file) in memory; this reader keeps at most
// MAX_AVC_LINE_LENGTH + 1 characters of any line and drops the rest, so the parser
// sees an over-long line as over-long and counts it as malformed.
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { describeFsError } from '../util/fs-errors.js';
import { MAX_AVC_LINE_LENGTH } from './avc-parse.js';
import { SelinuxInputError } from './errors.js';

const READ_CHUNK = 64 * 1024;

/** The lines of a byte stream (UTF-8; invalid bytes become U+FFFD), without `\n` or a trailing `\r`. */
export async function* readLogLines(stream: AsyncIterable<Buffer | string>, maxLength = MAX_AVC_LINE_LENGTH): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  // The start of the current line when it spans chunks; never longer than maxLength + 1.
  let pending = '';
  let truncated = false;
  const keep = (piece: string): void => {
    if (truncated) return;
    pending += piece;
    if (pending.length > maxLength) {
      pending = pending.slice(0, maxLength + 1);
      truncated = true;
    }
  };
  const finish = (piece: string): string => {
    keep(piece);
    const line = pending.endsWith('\r') && !truncated ? pending.slice(0, -1) : pending;
    pending = '';
    truncated = false;
    return line;
  };
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      yield finish(text.slice(start, newline));
      start = newline + 1;
    }
    keep(text.slice(start));
  }
  keep(decoder.end());
  if (pending.length > 0) yield finish('');
}

/** The lines of a log file, or of standard input for `-`; a file that cannot be opened is a SelinuxInputError. */
export async function openLogLines(path: string): Promise<AsyncGenerator<string>> {
  if (path === '-') return readLogLines(process.stdin);
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw new SelinuxInputError(`${path}: ${describeFsError(error)}`);
  });
  const stats = await handle.stat();
  if (stats.isDirectory()) {
    await handle.close();
    throw new SelinuxInputError(`${path}: is a directory, expected an audit log`);
  }
  return readLogLines(handle.createReadStream({ highWaterMark: READ_CHUNK }));
}
