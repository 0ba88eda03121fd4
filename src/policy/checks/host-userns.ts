import { defineHostNamespaceCheck } from './support/host-namespace.js';

export const check = defineHostNamespaceCheck({
  id: 'host-userns',
  namespace: 'userns',
  label: 'user',
  flag: '--userns host',
  title: "Containers do not share the host's user namespace",
  description:
    'When the daemon remaps users (userns-remap), root in a container is an unprivileged host user; --userns host opts a container out, so its root is the host root again.',
  severity: 'medium',
  refs: { cis: '5.31' },
  fix: {
    run: 'remove --userns host',
    compose: 'remove userns_mode: host',
  },
});
