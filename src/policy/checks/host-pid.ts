import { defineHostNamespaceCheck } from './support/host-namespace.js';

export const check = defineHostNamespaceCheck({
  id: 'host-pid',
  namespace: 'pid',
  label: 'PID',
  flag: '--pid host',
  title: "Containers do not share the host's PID namespace",
  description:
    "In the host PID namespace a container sees every host process, their command lines and environments, and can signal them; with SYS_PTRACE it can inject into them. It is a common first step of a container escape.",
  severity: 'high',
  refs: { cis: '5.16', pss: 'baseline/host-namespaces' },
  fix: {
    run: 'remove --pid host',
    compose: 'remove pid: host',
  },
});
