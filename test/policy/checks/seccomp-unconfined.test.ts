import { check } from '../../../src/policy/checks/seccomp-unconfined.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const custom = { mode: 'custom' as const, profile: '/etc/docker/seccomp/web.json' };

runCheckTable(check, {
  pass: [spec(), hardenedSpec(), spec({ security: { seccomp: custom } })],
  fail: [
    [spec({ security: { seccomp: { mode: 'unconfined', profile: null }, raw: ['seccomp=unconfined'] } }), /^runs without seccomp filtering \(seccomp=unconfined\)$/],
    // Privileged disables seccomp too; the peer misses it.
    [spec({ privileged: true }), /^runs without seccomp filtering because it runs privileged$/],
    // Both at once is one problem, and privileged is its cause.
    [spec({ privileged: true, security: { seccomp: { mode: 'unconfined', profile: null } } }), /because it runs privileged$/],
    [spec({ security: { seccomp: custom } }), /^uses the custom seccomp profile \/etc\/docker\/seccomp\/web\.json instead of Docker's default profile$/, { allowCustom: false }],
    [spec({ security: { seccomp: { mode: 'custom', profile: null } } }), /custom seccomp profile \(unnamed\)/, { allowCustom: false }],
  ],
});
