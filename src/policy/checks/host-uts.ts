import { defineHostNamespaceCheck } from './support/host-namespace.js';

export const check = defineHostNamespaceCheck({
  id: 'host-uts',
  namespace: 'uts',
  label: 'UTS',
  flag: '--uts host',
  title: "Containers do not share the host's UTS namespace",
  description:
    "In the host UTS namespace a container with SYS_ADMIN can change the host's hostname and domain name, which other host services and logs rely on.",
  severity: 'medium',
  refs: { cis: '5.21' },
  fix: {
    run: 'remove --uts host',
    compose: 'remove uts: host',
  },
});
