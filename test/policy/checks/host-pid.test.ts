import { check } from '../../../src/policy/checks/host-pid.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // Joined to another container is shared-namespaces' business, not the host's.
    spec({ namespaces: { pid: { mode: 'container', target: 'db', raw: 'container:db' } } }),
  ],
  fail: [
    [spec({ namespaces: { pid: { mode: 'host', target: null, raw: 'host' } } }), /^shares the host's PID namespace \(--pid host\)$/],
  ],
});
