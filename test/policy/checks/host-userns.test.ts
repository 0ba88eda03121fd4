import { check } from '../../../src/policy/checks/host-userns.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // Joined to another container is shared-namespaces' business, not the host's.
    spec({ namespaces: { userns: { mode: 'container', target: 'db', raw: 'container:db' } } }),
  ],
  fail: [
    [spec({ namespaces: { userns: { mode: 'host', target: null, raw: 'host' } } }), /^shares the host's user namespace \(--userns host\)$/],
  ],
});
