// The --from reader: the per-container fast path must give exactly what parsing the
// whole document gives, and every failure must carry the whole-document error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromInspect, parseInspectDocument } from '../../src/spec/from-inspect.js';
import { specsFromIndentedArray, specsFromInspectBytes } from '../../src/spec/inspect-bytes.js';
import type { ContainerSpec } from '../../src/spec/types.js';
import { FIXTURE_DIR, TEST_SOURCE, inspectJson } from './support.js';

function wholeDocument(text: string): ContainerSpec[] {
  return parseInspectDocument(text, TEST_SOURCE.location).map((raw, index) => fromInspect(raw, { source: TEST_SOURCE, engineSocket: null, index }));
}

function outcome(action: () => unknown): unknown {
  try {
    return action();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** Same result, or the same error, as the whole-document path. */
function expectSameAsWhole(text: string | Buffer): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  expect(outcome(() => specsFromInspectBytes(bytes, TEST_SOURCE))).toEqual(outcome(() => wholeDocument(bytes.toString('utf8'))));
}

const containers = [
  inspectJson(),
  inspectJson({ top: { Name: '/é-ünïcode-☃' }, HostConfig: { CapAdd: ['SYS_ADMIN'], Binds: ['/etc:/host/etc:ro'] } }),
  inspectJson({ top: { Name: '/quotes "}\\n    }" and \\u2028' }, Config: { Labels: { 'a\n    }': '}' } } }),
];

describe('specsFromInspectBytes', () => {
  it('matches the whole-document path for every indentation style', () => {
    for (const indent of [4, 2, 1, '\t', '  \t']) {
      expectSameAsWhole(JSON.stringify(containers, null, indent));
      expectSameAsWhole(`\uFEFF${JSON.stringify(containers, null, indent).replaceAll('\n', '\r\n')}\r\n`);
    }
    expect(specsFromInspectBytes(Buffer.from(JSON.stringify(containers, null, 4)), TEST_SOURCE).map((spec) => spec.name)).toEqual([
      'web',
      'é-ünïcode-☃',
      'quotes "}\\n    }" and \\u2028',
    ]);
  });

  it('matches it for minified, single-object, empty and oddly laid out documents', () => {
    expectSameAsWhole(JSON.stringify(containers));
    expectSameAsWhole(JSON.stringify(containers[0], null, 4));
    expectSameAsWhole('[]');
    expectSameAsWhole('[\n]\n');
    // Elements indented differently from the first one.
    const [first, second] = containers.map((container) => JSON.stringify(container, null, 4).replaceAll('\n', '\n    '));
    expectSameAsWhole(`[\n    ${first},\n  ${second}\n]`);
    expectSameAsWhole(`[\n    ${first}, ${second}\n]`);
  });

  it('reports the same error for broken JSON, bad containers and non-objects', () => {
    const pretty = JSON.stringify(containers, null, 4);
    expectSameAsWhole(pretty.replace('"NetworkMode"', '"NetworkMode" "x",'));
    expectSameAsWhole(`${pretty}]`);
    expectSameAsWhole(pretty.slice(0, -2));
    expectSameAsWhole(JSON.stringify([containers[0], 42, containers[1]], null, 4));
    expectSameAsWhole(JSON.stringify([inspectJson({ HostConfig: { CapAdd: 'ALL' } })], null, 4));
    // A bad container early and a syntax error late: the syntax error wins, as before.
    const badFirst = JSON.stringify([inspectJson({ HostConfig: { Privileged: 'yes' } }), ...containers], null, 4);
    expectSameAsWhole(`${badFirst.slice(0, -2)},\n    {"Id": tru}\n]`);
    expectSameAsWhole('');
    expectSameAsWhole('\uFEFF \n');
  });

  it('decodes invalid UTF-8 the way the whole document is decoded', () => {
    const pretty = Buffer.from(JSON.stringify(containers, null, 4), 'utf8');
    const at = pretty.indexOf('"/web"') + 2;
    expectSameAsWhole(Buffer.concat([pretty.subarray(0, at), Buffer.from([0xe2, 0x82]), pretty.subarray(at)]));
  });

  it('takes the per-container path only for indented arrays that parse and normalize', () => {
    const fast = (text: string) => specsFromIndentedArray(Buffer.from(text, 'utf8'), TEST_SOURCE);
    for (const indent of [4, 2, '\t']) expect(fast(JSON.stringify(containers, null, indent))).toHaveLength(3);
    expect(fast(`\uFEFF${JSON.stringify(containers, null, 4).replaceAll('\n', '\r\n')}`)).toHaveLength(3);
    expect(fast(JSON.stringify(containers))).toBeNull();
    expect(fast(JSON.stringify(containers[0], null, 4))).toBeNull();
    expect(fast(`${JSON.stringify(containers, null, 4)}]`)).toBeNull();
    expect(fast(JSON.stringify([inspectJson({ HostConfig: { CapAdd: 'ALL' } })], null, 4))).toBeNull();
  });

  it('matches it on the recorded docker inspect output', () => {
    expectSameAsWhole(readFileSync(new URL('all.docker-inspect.json', FIXTURE_DIR)));
  });
});
