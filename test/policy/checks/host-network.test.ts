import { check } from '../../../src/policy/checks/host-network.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // Joined to another container is shared-namespaces' business, not the host's.
    spec({ namespaces: { network: { mode: 'container', target: 'db', raw: 'container:db' } } }),
  ],
  fail: [
    [spec({ namespaces: { network: { mode: 'host', target: null, raw: 'host' } } }), /^shares the host's network namespace \(--network host\)$/],
  ],
});
