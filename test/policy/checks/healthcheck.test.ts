import { check } from '../../../src/policy/checks/healthcheck.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const probe = ['CMD-SHELL', 'wget -qO- localhost:8080/health || exit 1'];

runCheckTable(check, {
  pass: [
    hardenedSpec(),
    spec({ healthcheck: { configured: true, test: probe, status: 'healthy' } }),
    // Compose and Kubernetes sources have no live status.
    spec({ healthcheck: { configured: true, test: probe, status: null } }),
  ],
  fail: [
    [spec(), /^has no healthcheck$/],
    [spec({ healthcheck: { disabled: true, test: ['NONE'] } }), /^disables its healthcheck \(--no-healthcheck\)$/],
    [spec({ healthcheck: { configured: true, test: probe, status: 'unhealthy' } }), /^is unhealthy: its healthcheck is failing$/],
  ],
});
