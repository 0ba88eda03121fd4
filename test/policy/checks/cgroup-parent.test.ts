import { check } from '../../../src/policy/checks/cgroup-parent.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [spec(), hardenedSpec(), spec({ cgroupParent: '' }), { spec: spec({ cgroupParent: 'limited.slice' }), params: { allowed: ['limited.slice'] } }],
  fail: [
    [spec({ cgroupParent: '/custom' }), /^uses the non-default cgroup parent \/custom$/],
    [spec({ cgroupParent: 'other.slice' }), /other\.slice/, { allowed: ['limited.slice'] }],
  ],
});
