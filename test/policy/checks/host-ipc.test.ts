import { check } from '../../../src/policy/checks/host-ipc.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // Joined to another container is shared-namespaces' business, not the host's.
    spec({ namespaces: { ipc: { mode: 'container', target: 'db', raw: 'container:db' } } }),
    // shareable is a private namespace other containers may join: not the host's.
    spec({ namespaces: { ipc: { mode: 'private', target: null, raw: 'shareable' } } }),
  ],
  fail: [
    [spec({ namespaces: { ipc: { mode: 'host', target: null, raw: 'host' } } }), /^shares the host's IPC namespace \(--ipc host\)$/],
  ],
});
