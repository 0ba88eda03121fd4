import { check } from '../../../src/policy/checks/pids-limit.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [hardenedSpec(), spec({ resources: { pidsLimit: 1 } })],
  fail: [
    [spec(), /^has no PIDs limit$/],
    // -1 and 0 mean unlimited if a source passes them through.
    [spec({ resources: { pidsLimit: -1 } }), /no PIDs limit/],
    [spec({ resources: { pidsLimit: 0 } }), /no PIDs limit/],
  ],
});
