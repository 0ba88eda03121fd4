// The README's check table is generated from the registry; it must not drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listChecks } from '../../src/policy/list.js';
import { renderCheckList } from '../../src/cli/check-list-format.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('holds the check table exactly as `harden policy list -f markdown` prints it (regenerate: sh test/sandbox/update-readme.sh)', () => {
    const table = readme.split('<!-- checks:start -->\n')[1]?.split('<!-- checks:end -->')[0];
    expect(table).toBe(renderCheckList(listChecks(), 'markdown'));
  });

  it('has a Quick start of exactly two commands, the demo and the test suite', () => {
    const quickStart = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const block = quickStart.split('```sh\n')[1]?.split('```')[0] ?? '';
    const commands = block.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm run demo', 'npm test']);
  });

  it('documents every exit code the CLI uses', async () => {
    const { EXIT } = await import('../../src/cli/exit-codes.js');
    for (const code of [...Object.values(EXIT), 4]) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});
