import { check } from '../../../src/policy/checks/shared-namespaces.js';
import type { NamespaceSetting } from '../../../src/spec/types.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const joined = (target: string): NamespaceSetting => ({ mode: 'container', target, raw: `container:${target}` });
const host: NamespaceSetting = { mode: 'host', target: null, raw: 'host' };

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    // Sharing with the host is the host-* checks' business.
    spec({ namespaces: { pid: host, ipc: host, network: host } }),
    { spec: spec({ namespaces: { network: joined('vpn') } }), params: { namespaces: ['pid', 'ipc'] } },
  ],
  fail: [
    [spec({ namespaces: { pid: joined('app') } }), /^joins the PID namespace of container app and can see and signal its processes$/],
    [spec({ namespaces: { ipc: joined('app') } }), /IPC namespace of container app/],
    [spec({ namespaces: { network: joined('0123abcd') } }), /network namespace of container 0123abcd/],
    // One result per shared namespace.
    [spec({ namespaces: { network: joined('a'), pid: joined('b'), ipc: joined('c') } }), [/network .* a /, /PID .* b /, /IPC .* c /]],
  ],
});
