// Bad input never crashes the reader or the parser: truncated and mutated lines,
// binary garbage, a 10 MB line. Everything is counted; the policy text stays valid.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openLogLines, readLogLines } from '../../src/selinux/avc-lines.js';
import { MAX_AVC_LINE_LENGTH } from '../../src/selinux/avc-parse.js';
import { collectAllowRules, renderAllowRules } from '../../src/selinux/avc-rules.js';
import { avcLogLines, seededRandom } from './avc-log-generator.mjs';

const work = mkdtempSync(join(tmpdir(), 'harden-avc-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* from(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}

const RULE_LINE = /^allow [A-Za-z][\w.-]* (?:self|[A-Za-z][\w.-]*):[A-Za-z][\w.-]* \{ [A-Za-z][\w.-]*(?: [A-Za-z][\w.-]*)* \};$/;

describe('readLogLines', () => {
  it('splits lines across chunk boundaries, multi-byte characters included, and drops \\r\\n endings', async () => {
    const text = 'first line é\r\nsecond 日本語 line\n\nlast without newline';
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(await collect(readLogLines(Readable.from(chunks)))).toEqual(['first line é', 'second 日本語 line', '', 'last without newline']);
  });

  it('keeps only the first MAX + 1 characters of an over-long line and the lines after it intact', async () => {
    const chunks = ['short\n', 'x'.repeat(300), 'y'.repeat(300), '\nafter\n'];
    expect(await collect(readLogLines(Readable.from(chunks), 100))).toEqual(['short', 'x'.repeat(101), 'after']);
  });

  it('reads a 10 MB single line from a file as one malformed line, holding at most MAX + 1 characters of it', async () => {
    const file = join(work, 'long.log');
    const avc = 'type=AVC msg=audit(1700000000.000:1): avc:  denied  { read } for  pid=1 comm="a" scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file';
    writeFileSync(file, `${avc}\n${avc} name="${'A'.repeat(10 * 1024 * 1024)}"\n${avc}\n`);
    const lengths = (await collect(await openLogLines(file))).map((line) => line.length);
    expect(lengths).toEqual([avc.length, MAX_AVC_LINE_LENGTH + 1, avc.length]);
    const summary = await collectAllowRules(await openLogLines(file));
    expect(summary).toMatchObject({ lines: 3, denials: 2, malformed: 1 });
  });

  it('names the file it cannot open', async () => {
    await expect(openLogLines(join(work, 'missing.log'))).rejects.toThrow(/missing\.log: no such file/);
    await expect(openLogLines(work)).rejects.toThrow(/is a directory/);
  });
});

describe('collectAllowRules on hostile input', () => {
  it('survives binary garbage: every line is counted, none is a denial', async () => {
    const random = seededRandom(99);
    const garbage = Buffer.from(Array.from({ length: 256 * 1024 }, () => Math.floor(random() * 256)));
    const file = join(work, 'garbage.bin');
    writeFileSync(file, garbage);
    const summary = await collectAllowRules(await openLogLines(file));
    expect(summary.lines).toBeGreaterThan(500);
    expect(summary.denials).toBe(0);
    expect(summary.ignored + summary.malformed).toBe(summary.lines);
  });

  it('fuzz: thousands of mutated log lines never throw, every line is counted, and the rules still compile', async () => {
    const random = seededRandom(2024);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const noise = ['{', '}', '=', ':', ' ', "'", '"', '\u0000', '\t', 'é', '\uFFFD', 'avc:', 'scontext=', 'tclass=', '\r'];
    const base = [...avcLogLines({ lines: 1000, seed: 5 })];
    const mutations: ((line: string) => string)[] = [
      (line) => line.slice(0, Math.floor(random() * line.length)),
      (line) => {
        const chars = [...line];
        for (let i = 0; i < 1 + random() * 8; i++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 0x3000));
        return chars.join('');
      },
      (line) => {
        const at = Math.floor(random() * line.length);
        return `${line.slice(0, at)}${pick(noise)}${line.slice(at)}`;
      },
      (line) => line.split(' ').sort(() => random() - 0.5).join(' '),
      (line) => line.replace(/ /g, () => (random() < 0.2 ? '' : ' ')),
      (line) => `${line} ${line}`,
      (line) => line.replace(/tclass=\S+/, `tclass=${pick(['x'.repeat(300), 'ünïcode', '', 'a{b', 'io_uring'])}`),
    ];
    const lines = Array.from({ length: 6000 }, () => pick(mutations)(pick(base)));
    const summary = await collectAllowRules(from(lines));
    expect(summary.lines).toBe(lines.length);
    expect(summary.denials + summary.ignored + summary.malformed).toBe(lines.length);
    expect(summary.malformed).toBeGreaterThan(100);
    expect(summary.denials).toBeGreaterThan(100);
    expect(summary.rules.length).toBeLessThanOrEqual(summary.denials);

    const text = renderAllowRules(summary.rules, { why: true });
    const ruleLines = text.split('\n').filter((line) => line.startsWith('allow'));
    expect(ruleLines).toHaveLength(summary.rules.length);
    for (const line of ruleLines) expect(line).toMatch(RULE_LINE);
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(2048);
    // checkmodule is the judge of whether the text is still a policy.
    writeFileSync(join(work, 'fuzzed.te'), `module fuzzed 1.0;\n\n${text}`);
    execFileSync('checkmodule', ['-M', '-m', '-o', join(work, 'fuzzed.mod'), join(work, 'fuzzed.te')], { stdio: 'pipe' });
  });
});
