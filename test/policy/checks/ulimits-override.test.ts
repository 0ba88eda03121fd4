import { check } from '../../../src/policy/checks/ulimits-override.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [spec(), hardenedSpec()],
  fail: [
    [spec({ ulimits: [{ name: 'nofile', soft: 1024, hard: 2048 }] }), /^overrides the daemon's default ulimits: nofile=1024:2048$/],
    // Listed together for review: one result.
    [
      spec({ ulimits: [{ name: 'nofile', soft: 65536, hard: 65536 }, { name: 'memlock', soft: -1, hard: -1 }] }),
      /ulimits: nofile=65536:65536, memlock=-1:-1$/,
    ],
  ],
});
