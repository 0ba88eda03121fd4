import { NO_PARAMS } from '../../policy/checks/support/params.js';
import type { CheckResult } from '../../policy/types.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck({
  id: 'daemon-tcp-without-tls',
  title: 'The daemon does not listen on TCP without TLS client verification',
  description:
    'Whoever can open the Engine API controls every container and, through them, the host. On a TCP listener without tlsverify any client that reaches the port is root on the host; --tls alone encrypts but still accepts every client.',
  severity: 'critical',
  refs: { cis: '2.7' },
  fix: {
    dockerd: '--tlsverify --tlscacert=ca.pem --tlscert=server-cert.pem --tlskey=server-key.pem (or listen on the unix socket only); harden tls init writes the files',
    daemonJson: '"tlsverify": true with "tlscacert", "tlscert" and "tlskey" (or no tcp:// entry in "hosts")',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    const { local, endpoint } = facts;
    if (local !== null) {
      if (local.config.tlsverify.value) return [];
      const tcpHosts = local.config.hosts.value.filter((host) => /^(tcp|http):\/\//i.test(host) || !host.includes('://'));
      return tcpHosts.map((host): CheckResult => ({
        message: `listens on ${host} without TLS client verification (${local.config.tls.value ? 'tls without tlsverify accepts any client' : 'plain HTTP'})`,
        evidence: { host, tls: local.config.tls.value, tlsverify: false, hostsSource: local.config.hosts.source },
      }));
    }
    if (endpoint.transport === 'tcp' && !endpoint.tls) {
      return [{ message: `answered plain HTTP on ${endpoint.url}: anyone who reaches the port controls the engine`, evidence: { host: endpoint.url, tls: false } }];
    }
    return [];
  },
});
