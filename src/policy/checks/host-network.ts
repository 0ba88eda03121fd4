import { defineHostNamespaceCheck } from './support/host-namespace.js';

export const check = defineHostNamespaceCheck({
  id: 'host-network',
  namespace: 'network',
  label: 'network',
  flag: '--network host',
  title: "Containers do not share the host's network namespace",
  description:
    'With the host network a container can bind any host port, reach services listening on localhost, sniff host traffic with NET_RAW and, with NET_ADMIN, reconfigure host networking; no network isolation is left.',
  severity: 'high',
  refs: { cis: '5.10', pss: 'baseline/host-namespaces' },
  fix: {
    run: 'remove --network host; use a user-defined network (--network NAME) and publish only the needed ports with -p',
    compose: 'remove network_mode: host; attach the service to networks: and publish ports:',
  },
});
