import { check } from '../../../src/policy/checks/no-privileged.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [spec(), hardenedSpec(), spec({ capabilities: { added: ['SYS_ADMIN'], effective: ['SYS_ADMIN'] } })],
  fail: [
    [spec({ privileged: true }), /^runs privileged/],
    // A created, never started privileged container is the case the peer misses.
    [spec({ privileged: true, state: { status: 'created', running: false, exitCode: 0, startedAt: null } }), /runs privileged/],
  ],
});
