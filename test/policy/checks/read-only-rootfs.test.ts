import { check } from '../../../src/policy/checks/read-only-rootfs.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [hardenedSpec(), spec({ readOnlyRootfs: true })],
  fail: [[spec(), /^has a writable root filesystem$/]],
});
