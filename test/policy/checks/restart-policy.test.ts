import { check } from '../../../src/policy/checks/restart-policy.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const restart = (name: string, maximumRetryCount = 0) => spec({ restartPolicy: { name, maximumRetryCount } });

runCheckTable(check, {
  pass: [spec(), hardenedSpec(), restart('on-failure', 5), restart('on-failure', 1), { spec: restart('on-failure', 10), params: { maxRetries: 10 } }],
  fail: [
    // The peer passes always.
    [restart('always'), /^restarts forever with restart policy always$/],
    [restart('unless-stopped'), /restart policy unless-stopped$/],
    [restart('on-failure', 0), /^restarts on failure without a retry limit/],
    [restart('on-failure', 6), /^restarts on failure up to 6 times, more than 5$/],
    [restart('on-failure', 3), /up to 3 times, more than 2$/, { maxRetries: 2 }],
  ],
});
