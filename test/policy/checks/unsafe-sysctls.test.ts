import { check } from '../../../src/policy/checks/unsafe-sysctls.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    spec({ sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0', 'kernel.shm_rmid_forced': '1', 'net.ipv4.tcp_keepalive_probes': '5' } }),
    // Slash-separated names are the same sysctls.
    spec({ sysctls: { 'net/ipv4/tcp_syncookies': '1' } }),
    { spec: spec({ sysctls: { 'net.core.somaxconn': '1024' } }), params: { allowed: ['net.core.somaxconn'] } },
    { spec: spec({ sysctls: { 'net.core.somaxconn': '1024', 'net.core.rmem_max': '1' } }), params: { allowed: ['net.core.*'] } },
  ],
  fail: [
    [spec({ sysctls: { 'net.ipv4.ip_forward': '1' } }), /^sets the unsafe sysctl net\.ipv4\.ip_forward=1$/],
    // One result per sysctl; safe ones in between do not count.
    [
      spec({ sysctls: { 'kernel.msgmax': '65536', 'net.ipv4.tcp_syncookies': '1', 'net.ipv4.conf.all.route_localnet': '1' } }),
      [/kernel\.msgmax=65536/, /net\.ipv4\.conf\.all\.route_localnet=1/],
    ],
    // A prefix entry needs the trailing *; it does not reach other subtrees.
    [spec({ sysctls: { 'net.ipv4.ip_forward': '1' } }), /ip_forward/, { allowed: ['net.core.*', 'net.ipv4.ip_forward_use_pmtu'] }],
  ],
});
