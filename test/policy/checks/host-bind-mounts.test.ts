import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/policy/checks/host-bind-mounts.js';
import { bind, tmpfs, volume } from './mounts.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    spec({ mounts: [volume('data', '/data'), tmpfs('/tmp')] }),
    { spec: spec({ mounts: [bind('/srv/app-data/uploads', '/uploads')] }), params: { allowedPaths: ['/srv/app-data/*'] } },
    { spec: spec({ mounts: [bind('/etc/localtime', '/etc/localtime', { readOnly: true })] }), params: { allowedPaths: ['/etc/localtime', '/etc/timezone'] } },
  ],
  fail: [
    [spec({ mounts: [bind('/srv/data', '/data')] }), /^mounts host path \/srv\/data read-write at \/data$/],
    [spec({ mounts: [bind('/srv/data', '/data', { readOnly: true })] }), /read-only at \/data/],
    // Globs are anchored: the allowed directory itself is not its contents' glob.
    [spec({ mounts: [bind('/srv/app-data', '/d')] }), /\/srv\/app-data/, { allowedPaths: ['/srv/app-data/*'] }],
    [
      spec({ mounts: [bind('/srv/a', '/a'), volume('v', '/v'), bind('/srv/b', '/b')] }),
      [/\/srv\/a/, /\/srv\/b/],
      { allowedPaths: ['/srv/[c-z]*'] },
    ],
  ],
});

describe('host-bind-mounts params', () => {
  const validate = new Ajv({ strict: true }).compile(check.params);
  it('rejects a glob with an unbalanced "[", which the glob compiler would throw on', () => {
    expect(validate({ allowedPaths: ['/srv/[a'] })).toBe(false);
    expect(validate({ allowedPaths: ['/srv/[!a]*', '/srv/[]]', '/x?'] })).toBe(true);
  });
});
