import { check } from '../../../src/policy/checks/privileged-ports.js';
import { published } from './ports.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    spec({ ports: [published('127.0.0.1', 8080), published('0.0.0.0', 1024, 443)] }),
    // Docker picks an ephemeral (high) port.
    spec({ ports: [published('', null)] }),
    { spec: spec({ ports: [published('0.0.0.0', 80), published('0.0.0.0', 443, 443)] }), params: { allowedPorts: [80, 443] } },
  ],
  fail: [
    [spec({ ports: [published('0.0.0.0', 80)] }), /^publishes container port 80\/tcp on privileged host port 80 \(0\.0\.0\.0:80\)$/],
    // IPv6 bindings stay readable (the peer garbles them).
    [spec({ ports: [published('::', 53, 53, 'udp')] }), /container port 53\/udp on privileged host port 53 \(\[::\]:53\)$/],
    [
      spec({ ports: [published('127.0.0.1', 22, 2222), published('0.0.0.0', 8080), published('10.0.0.5', 443, 8443)] }),
      [/host port 22 \(127\.0\.0\.1:22\)/, /host port 443 \(10\.0\.0\.5:443\)/],
      { allowedPorts: [80] },
    ],
  ],
});
