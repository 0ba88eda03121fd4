import { check } from '../../../src/policy/checks/capabilities.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const DEFAULTS_PLUS = (...extra: string[]) => [...check.defaults.allowed, ...extra].sort();

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // CapDrop counts: dropping NET_RAW from the default set only shrinks it.
    spec({ capabilities: { effective: check.defaults.allowed.filter((name) => name !== 'NET_RAW'), dropped: ['NET_RAW'] } }),
    // Drop ALL, add back the one a web server needs: what PSS restricted allows.
    { spec: spec({ capabilities: { effective: ['NET_BIND_SERVICE'], added: ['NET_BIND_SERVICE'], dropped: ['ALL'] } }), params: { allowed: ['NET_BIND_SERVICE'] } },
    // Allowed names may carry CAP_ and any case.
    { spec: spec({ capabilities: { effective: ['NET_BIND_SERVICE'], dropped: ['ALL'] } }), params: { allowed: ['CAP_NET_BIND_SERVICE'] } },
    // Added and then dropped again: the effective set decides, not the flags.
    spec({ capabilities: { added: ['SYS_ADMIN'], dropped: ['SYS_ADMIN'] } }),
  ],
  fail: [
    [spec({ capabilities: { effective: DEFAULTS_PLUS('SYS_ADMIN'), added: ['SYS_ADMIN'] } }), /^has capabilities beyond the allowed set: SYS_ADMIN$/],
    [
      spec({ capabilities: { effective: DEFAULTS_PLUS('NET_ADMIN', 'SYS_PTRACE'), added: ['NET_ADMIN', 'SYS_PTRACE'] } }),
      /beyond the allowed set: NET_ADMIN, SYS_PTRACE$/,
    ],
    // The default set itself is too much under restricted: one result listing them all.
    [spec(), /beyond the allowed set: AUDIT_WRITE, CHOWN, .*SYS_CHROOT$/, { allowed: ['NET_BIND_SERVICE'] }],
    [spec({ capabilities: { effective: DEFAULTS_PLUS('BPF', 'SYS_ADMIN'), added: ['ALL'] } }), /BPF, .*SYS_ADMIN \(--cap-add ALL\)$/],
    // Privileged means every capability whatever the list says.
    [spec({ privileged: true }), /^has every capability because it runs privileged$/],
  ],
});
