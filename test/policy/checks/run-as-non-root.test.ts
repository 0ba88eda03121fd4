import { check } from '../../../src/policy/checks/run-as-non-root.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    hardenedSpec(),
    spec({ user: { raw: 'nobody', user: 'nobody', group: null, isRoot: false } }),
    // A non-root user in the root group is still not uid 0.
    spec({ user: { raw: '1000:0', user: '1000', group: '0', isRoot: false } }),
  ],
  fail: [
    [spec(), /^runs as root \(no user set, and the image's default is root\)$/],
    [spec({ user: { raw: '0:0', user: '0', group: '0', isRoot: true } }), /^runs as root \(user 0:0\)$/],
    [spec({ user: { raw: 'root', user: 'root', group: null, isRoot: true } }), /\(user root\)/],
  ],
});
