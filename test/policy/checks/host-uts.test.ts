import { check } from '../../../src/policy/checks/host-uts.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // Joined to another container is shared-namespaces' business, not the host's.
    spec({ namespaces: { uts: { mode: 'container', target: 'db', raw: 'container:db' } } }),
  ],
  fail: [
    [spec({ namespaces: { uts: { mode: 'host', target: null, raw: 'host' } } }), /^shares the host's UTS namespace \(--uts host\)$/],
  ],
});
