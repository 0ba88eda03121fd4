import { join } from 'node:path';
import type { AuditReport } from '../report/types.js';
import type { ReportFormat } from '../report/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export class ReportError extends Error {
  override name = 'ReportError';
}

export interface WriteTargets {
  /** One file for one format. */
  output?: string;
  /** A directory for every format, each under its default file name. */
  outputDir?: string;
  /** File names in `outputDir` by format id, instead of each format's default (`harden report` uses `report.json`, ...). */
  fileNames?: Partial<Record<string, string>>;
  /** Colour for stdout (the caller checks TTY and NO_COLOR). */
  color: boolean;
}

/**
 * Renders every requested format first and only then writes, each file
 * atomically, so a failure never leaves a half-written report behind.
 */
export async function writeReports(report: AuditReport, formatIds: string[], targets: WriteTargets): Promise<string[]> {
  const { getFormat, formats } = await import('../report/index.js');
  const rendered: { file: string | null; pieces: Iterable<string> }[] = [];
  for (const id of formatIds) {
    const format = getFormat(id);
    if (!format) {
      throw new ReportError(`unknown format "${id}"; expected one of ${formats.map((f) => f.id).join(', ')}`);
    }
    const file = targets.outputDir ? join(targets.outputDir, targets.fileNames?.[format.id] ?? format.defaultFile) : (targets.output ?? null);
    // Colour is for a terminal: never in a file, even when stdout is a TTY.
    rendered.push({ file, pieces: await renderFormat(format, report, targets.color && file === null) });
  }
  const written: string[] = [];
  for (const { file, pieces } of rendered) {
    if (file === null) {
      await writeStdout(pieces);
    } else {
      await writeFileAtomic(file, Array.from(pieces).join(''));
      written.push(file);
    }
  }
  return written;
}

/**
 * The rendered text, in pieces to write one after another. JSON reports reach tens of
 * megabytes, so theirs are stringified as they are written: JSON.stringify of report
 * data cannot fail half-way, and a file still gets the whole text in one atomic write.
 */
async function renderFormat(format: ReportFormat, report: AuditReport, color: boolean): Promise<Iterable<string>> {
  if (format.id === 'json') return (await import('../report/json.js')).renderPieces(report);
  const { render } = await format.load();
  return [render(report, { color })];
}

/** Bytes gathered before one write to stdout. */
const WRITE_SIZE = 1 << 20;

/**
 * Encodes the pieces into one reused buffer and writes it whenever it is full: writing
 * each string would allocate a fresh Buffer for it, which for a 50 MB report costs far
 * more than the encoding itself.
 */
async function writeStdout(pieces: Iterable<string>): Promise<void> {
  let buffer = Buffer.allocUnsafe(WRITE_SIZE);
  let used = 0;
  for (const piece of pieces) {
    // One UTF-16 code unit never takes more than 3 bytes of UTF-8.
    const most = piece.length * 3;
    if (used + most > buffer.length) {
      // The buffer is reused only after this write has completed.
      if (used > 0) await writeChunk(buffer.subarray(0, used));
      used = 0;
      if (most > buffer.length) buffer = Buffer.allocUnsafe(most);
    }
    used += buffer.write(piece, used, 'utf8');
  }
  if (used > 0) await writeChunk(buffer.subarray(0, used));
}

function writeChunk(chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
