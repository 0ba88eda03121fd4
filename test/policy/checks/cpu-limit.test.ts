import { check } from '../../../src/policy/checks/cpu-limit.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    hardenedSpec(),
    spec({ resources: { nanoCpus: 500_000_000 } }),
    spec({ resources: { cpuShares: 512 } }),
    // The peer ignores quota and cpuset and warns on these.
    spec({ resources: { cpuQuota: 50_000, cpuPeriod: 100_000 } }),
    spec({ resources: { cpusetCpus: '0-1' } }),
  ],
  fail: [
    [spec(), /^has no CPU limit or CPU shares$/],
    // 1024 is the weight every container has anyway.
    [spec({ resources: { cpuShares: 1024 } }), /^has no CPU limit; its CPU shares are the default 1024$/],
    // A period alone limits nothing, and -1 quota means unlimited.
    [spec({ resources: { cpuPeriod: 100_000, cpuQuota: -1, cpusetCpus: '' } }), /no CPU limit/],
  ],
});
