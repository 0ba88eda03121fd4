import { describe, expect, it } from 'vitest';
import { formatLocation } from '../../src/report/findings.js';
import { LOCATION_PATHS } from './fixture.js';

describe('formatLocation', () => {
  it.each([
    { location: { file: 'compose.yaml', line: 14 }, expected: 'compose.yaml:14' },
    { location: { file: '/srv/app/k8s/deploy.yaml', line: 1 }, expected: '/srv/app/k8s/deploy.yaml:1' },
    { location: { file: 'C:\\work\\compose.yaml', line: 7 }, expected: 'C:\\work\\compose.yaml:7' },
  ])('names $location.file line $location.line as file:line', ({ location, expected }) => {
    expect(formatLocation({ location })).toBe(expected);
  });

  it('is null for a finding without a file (live engine, inspect file, daemon)', () => {
    expect(formatLocation({})).toBeNull();
  });

  it.each(LOCATION_PATHS)('makes a path with $label one inert display line', ({ file, shown }) => {
    const text = formatLocation({ location: { file, line: 3 } });
    expect(text).toBe(`${shown}:3`);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
