import { describe, expect, it } from 'vitest';
import { formatLocation } from '../../src/report/findings.js';
import { shortContainerId } from '../../src/report/view-model.js';
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

describe('shortContainerId', () => {
  it.each([
    ['a'.repeat(64), 'a'.repeat(12)],
    [`web-1/${'0123456789abcdef'.repeat(4)}`, 'web-1/0123456789ab'],
    ['compose.yaml#services/web', 'compose.yaml#services/web'],
    ['k8s/deploy.yaml#Deployment/api/app', 'k8s/deploy.yaml#Deployment/api/app'],
    ['A'.repeat(64), 'A'.repeat(64)],
  ])('%s -> %s', (id, short) => {
    expect(shortContainerId(id)).toBe(short);
  });
});
