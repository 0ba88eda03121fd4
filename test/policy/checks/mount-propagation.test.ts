import { check } from '../../../src/policy/checks/mount-propagation.js';
import { bind, tmpfs, volume } from './mounts.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    spec({ mounts: [bind('/srv/a', '/a'), bind('/srv/b', '/b', { propagation: 'rslave' }), bind('/srv/c', '/c', { propagation: 'private' })] }),
    spec({ mounts: [volume('data', '/data'), tmpfs('/tmp')] }),
  ],
  fail: [
    [spec({ mounts: [bind('/mnt/shared', '/mnt', { propagation: 'rshared' })] }), /^mounts \/mnt\/shared at \/mnt with rshared propagation$/],
    [
      spec({ mounts: [bind('/srv/a', '/a', { propagation: 'shared' }), bind('/srv/b', '/b'), bind('/srv/c', '/c', { propagation: 'rshared' })] }),
      [/\/srv\/a at \/a with shared/, /\/srv\/c at \/c with rshared/],
    ],
  ],
});
