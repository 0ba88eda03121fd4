import { check } from '../../../src/policy/checks/apparmor-unconfined.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    // No AppArmor on the host: nothing to set per container (the peer warns on every one).
    spec(),
    hardenedSpec(),
    spec({ privileged: true }),
    spec({ security: { apparmor: { mode: 'default', profile: 'docker-default' } } }),
    spec({ security: { apparmor: { mode: 'custom', profile: 'web-profile' } } }),
  ],
  fail: [
    [spec({ security: { apparmor: { mode: 'unconfined', profile: 'unconfined' } } }), /^runs without AppArmor confinement \(apparmor=unconfined\)$/],
    [spec({ privileged: true, security: { apparmor: { mode: 'unconfined', profile: 'unconfined' } } }), /because it runs privileged$/],
    // Privileged on an AppArmor host, whatever profile name the engine recorded.
    [spec({ privileged: true, security: { apparmor: { mode: 'default', profile: 'docker-default' } } }), /because it runs privileged$/],
  ],
});
