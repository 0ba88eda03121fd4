import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';
import { describeSource, settingEvidence } from '../check-support.js';

export const check = defineDaemonCheck({
  id: 'daemon-userland-proxy',
  title: 'The userland proxy is disabled',
  description:
    'The userland proxy runs one docker-proxy process per published port: more code listening on the host, and published ports stay reachable over loopback even where iptables rules would not allow it. Hairpin NAT does the same job in the kernel.',
  severity: 'low',
  refs: { cis: '2.16' },
  fix: { dockerd: '--userland-proxy=false', daemonJson: '"userland-proxy": false' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    const config = facts.local?.config;
    if (config === undefined || !config.userlandProxy.value) return [];
    return [{ message: `uses the userland proxy for published ports${describeSource(config.userlandProxy)}`, evidence: settingEvidence('userland-proxy', config.userlandProxy) }];
  },
});
