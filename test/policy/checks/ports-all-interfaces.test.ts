import { check } from '../../../src/policy/checks/ports-all-interfaces.js';
import { published } from './ports.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [spec(), hardenedSpec(), spec({ ports: [published('127.0.0.1', 8080), published('::1', 8081), published('10.0.0.5', 443)] })],
  fail: [
    [spec({ ports: [published('0.0.0.0', 8080)] }), /^publishes container port 80\/tcp on every host interface \(0\.0\.0\.0:8080\)$/],
    [spec({ ports: [published('', null)] }), /every host interface \(0\.0\.0\.0, ephemeral port\)$/],
    // IPv6 any-address: the peer does not check it.
    [spec({ ports: [published('::', 8080)] }), /every host interface \(\[::\]:8080\)$/],
    // Even if a source left the flag unset, the address alone decides.
    [spec({ ports: [{ ...published('127.0.0.1', 9000), hostIp: '::', allInterfaces: false }] }), /\[::\]:9000/],
    [spec({ ports: [published('0.0.0.0', 8080), published('127.0.0.1', 8081), published('::', 8080)] }), [/0\.0\.0\.0:8080/, /\[::\]:8080/]],
  ],
});
