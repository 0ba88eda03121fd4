import { check } from '../../../src/policy/checks/selinux-options.js';
import type { SelinuxSetting } from '../../../src/spec/types.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const selinux = (setting: Partial<SelinuxSetting>, raw: string[] = []) => spec({ security: { selinux: setting, raw } });

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    selinux({ type: 'container_t' }, ['label=type:container_t']),
    selinux({ type: 'container_kvm_t' }),
    // A level (MCS category) is how containers are separated, not a weakening.
    selinux({ level: 's0:c100,c200' }, ['label=level:s0:c100,c200']),
    { spec: selinux({ type: 'web_container_t' }), params: { allowedTypes: ['container_t', 'web_container_t'] } },
    // What Docker copies from the container whose IPC/PID namespace this one joins: its default context.
    selinux({ user: 'system_u', role: 'system_r', type: 'container_t', level: 's0:c1,c2' }, ['label=user:system_u', 'label=role:system_r', 'label=type:container_t', 'label=level:s0:c1,c2']),
    // Other security options are not SELinux settings.
    spec({ security: { raw: ['no-new-privileges', 'apparmor=docker-default'] } }),
  ],
  fail: [
    // The peer passes on any security option, even this one.
    [selinux({ disabled: true }, ['label=disable']), /^disables SELinux separation \(label=disable\), so it runs as spc_t$/],
    [spec({ privileged: true, security: { selinux: { disabled: true }, raw: ['label=disable'] } }), /^runs as the unconfined SELinux type spc_t because it runs privileged$/],
    [spec({ privileged: true }), /spc_t because it runs privileged/],
    [selinux({ type: 'spc_t' }, ['label=type:spc_t']), /^runs as SELinux type spc_t, which is not an allowed type$/],
    [selinux({ user: 'unconfined_u' }), /^sets the custom SELinux user unconfined_u$/],
    [selinux({ role: 'unconfined_r' }), /^sets the custom SELinux role unconfined_r$/],
    [selinux({ user: 'system_u' }), /user system_u/, { allowedUsers: [] }],
    // Docker disables labeling for a host PID or IPC namespace: say so instead of blaming an option nobody set.
    [spec({ namespaces: { pid: { mode: 'host', target: null, raw: 'host' } }, security: { selinux: { disabled: true }, raw: ['label=disable'] } }), /^runs as spc_t without SELinux separation: Docker sets label=disable for --pid host$/],
    [spec({ namespaces: { ipc: { mode: 'host', target: null, raw: 'host' } }, security: { selinux: { disabled: true }, raw: ['label=disable'] } }), /for --ipc host$/],
    [selinux({ type: 'unconfined_t', user: 'unconfined_u', role: 'unconfined_r' }), [/type unconfined_t/, /user unconfined_u/, /role unconfined_r/]],
    [selinux({ type: 'container_t' }), /type container_t/, { allowedTypes: ['container_init_t'] }],
  ],
});
