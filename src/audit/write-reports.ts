import { join } from 'node:path';
import type { AuditReport } from '../report/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export class ReportError extends Error {
  override name = 'ReportError';
}

export interface WriteTargets {
  /** One file for one format. */
  output?: string;
  /** A directory for every format, each under its default file name. */
  outputDir?: string;
  color: boolean;
}

/**
 * Renders every requested format first and only then writes, each file
 * atomically, so a failure never leaves a half-written report behind.
 */
export async function writeReports(report: AuditReport, formatIds: string[], targets: WriteTargets): Promise<string[]> {
  const { getFormat, formats } = await import('../report/index.js');
  const rendered: { file: string | null; text: string }[] = [];
  for (const id of formatIds) {
    const format = getFormat(id);
    if (!format) {
      throw new ReportError(`unknown format "${id}"; expected one of ${formats.map((f) => f.id).join(', ')}`);
    }
    const { render } = await format.load();
    const text = render(report, { color: targets.color });
    const file = targets.outputDir ? join(targets.outputDir, format.defaultFile) : (targets.output ?? null);
    rendered.push({ file, text });
  }
  const written: string[] = [];
  for (const { file, text } of rendered) {
    if (file === null) {
      await writeStdout(text);
    } else {
      await writeFileAtomic(file, text);
      written.push(file);
    }
  }
  return written;
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
