// `npm run build` writes dist/bundle/packs.json, which the CLI uses instead of
// parsing the YAML packs on every run. It must be exactly the packs in policies/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const precompiled = new URL('dist/bundle/packs.json', root);

describe('precompiled packs', () => {
  it('equal the YAML packs they were built from (run `npm run build` after editing a pack)', () => {
    // npm test builds first (pretest), so the file is always there in CI.
    expect(existsSync(precompiled)).toBe(true);
    const packs = Object.fromEntries(
      readdirSync(new URL('policies/', root))
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => [file.slice(0, -'.yaml'.length), parse(readFileSync(new URL(`policies/${file}`, root), 'utf8')) as unknown]),
    );
    expect(JSON.parse(readFileSync(precompiled, 'utf8'))).toEqual(packs);
  });
});
