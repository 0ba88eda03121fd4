import { describe, expect, it } from 'vitest';
import { compileGlob, compileGlobs, globProblem, InvalidGlobError } from '../../src/policy/glob.js';

describe('policy globs', () => {
  it.each([
    ['web-*', 'web-1', true],
    ['web-*', 'web-', true],
    ['web-*', 'api-web-1', false],
    ['*', 'registry.example.com/team/app:1.2', true],
    ['registry.example.com/*', 'registry.example.com/team/app:1', true],
    ['nginx:1.?', 'nginx:1.25', false],
    ['nginx:1.??', 'nginx:1.25', true],
    ['db-[0-9]', 'db-7', true],
    ['db-[0-9]', 'db-a', false],
    ['db-[!0-9]', 'db-a', true],
    ['db-[!0-9]', 'db-7', false],
    ['[abc]pp', 'bpp', true],
    ['a[]]b', 'a]b', true],
    ['Web-*', 'web-1', false],
    ['app.v1', 'appxv1', false],
    ['a+b(c)', 'a+b(c)', true],
    ['**', 'any/thing', true],
  ])('%s against %s is %s', (glob, value, expected) => {
    expect(compileGlob(glob).test(value)).toBe(expected);
  });

  it('matches any of a list with one anchored expression', () => {
    const anyOf = compileGlobs(['web-*', 'api']);
    expect(['web-1', 'api', 'api-2', 'x-web-1'].map((value) => anyOf.test(value))).toEqual([true, true, false, false]);
  });

  it('rejects an unbalanced "[" and a backwards range', () => {
    expect(globProblem('web-[a')).toBe('unbalanced "[" at character 5');
    expect(globProblem('[z-a]')).toMatch(/^bad character class \[z-a\]/);
    expect(globProblem('web-]')).toBeNull();
    expect(() => compileGlobs(['ok', 'x['])).toThrow(InvalidGlobError);
  });
});
