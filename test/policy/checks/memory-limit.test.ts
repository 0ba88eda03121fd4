import { check } from '../../../src/policy/checks/memory-limit.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [hardenedSpec(), spec({ resources: { memory: 6 * 1024 * 1024 } })],
  fail: [
    [spec(), /^has no memory limit$/],
    // A reservation is a soft target, not a limit.
    [spec({ resources: { memoryReservation: 64 * 1024 * 1024 } }), /no memory limit/],
  ],
});
