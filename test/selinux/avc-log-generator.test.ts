// The committed log generator: deterministic, exactly as many lines as asked, every
// log shape, and ~300 distinct (source, target, class) combinations at bench size.
import { describe, expect, it } from 'vitest';
import { collectAllowRules } from '../../src/selinux/avc-rules.js';
import { avcCombinations, avcLogLines, COMBINATION_COUNT } from './avc-log-generator.mjs';

async function* from(lines: Iterable<string>): AsyncGenerator<string> {
  yield* lines;
}

describe('avc-log-generator', () => {
  it('writes exactly the lines asked for, the same for the same seed and different for another', () => {
    const a = [...avcLogLines({ lines: 2000, seed: 9 })];
    expect(a).toHaveLength(2000);
    expect([...avcLogLines({ lines: 2000, seed: 9 })]).toEqual(a);
    expect([...avcLogLines({ lines: 2000, seed: 10 })]).not.toEqual(a);
  });

  it('mixes every log shape and the records that carry no permissions', () => {
    const text = [...avcLogLines({ lines: 5000, seed: 1 })].join('\n');
    for (const shape of [/^type=AVC msg=audit\(\d+\.\d+:\d+\): avc:  denied/m, /^type=USER_AVC msg=audit\(\d+\.\d+:\d+\): .* msg='avc:  denied/m, /^type=AVC msg=audit\(\d\d\/\d\d\/\d{4} [\d:.]+\) : avc:/m,
      /^\[ *\d+\.\d+\] audit: type=1400 audit\(/m, /^\w{3} [ \d]\d [\d:]{8} \S+ kernel: audit: type=1400 audit\(/m, /^\w{3} [ \d]\d [\d:]{8} \S+ audit\[1\]: USER_AVC /m,
      /^type=SYSCALL /m, /^type=PATH /m, /^type=PROCTITLE /m, /^----$/m, /avc:  granted /, /avc:  received policyload notice/]) {
      expect(text).toMatch(shape);
    }
  });

  it(`draws from ${COMBINATION_COUNT} distinct combinations and uses all of them in a 200,000-line log`, async () => {
    const combinations = avcCombinations(1);
    expect(new Set(combinations.map((c) => `${c.domain.type} ${c.target} ${c.tclass}`)).size).toBe(COMBINATION_COUNT);
    const summary = await collectAllowRules(from(avcLogLines({ lines: 200_000, seed: 1 })));
    expect(summary.rules).toHaveLength(COMBINATION_COUNT);
    expect(summary.malformed).toBe(0);
    expect(summary.denials).toBeGreaterThan(40_000);
  });
});
