import { defineCheck, type CheckResult } from '../types.js';
import { hostAddress, portEvidence } from './support/evidence.js';
import { NO_PARAMS } from './support/params.js';

/** Host IPs that mean "every interface", IPv4 and IPv6 (the bracketed form is how some tools print it). */
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);

export const check = defineCheck({
  id: 'ports-all-interfaces',
  title: 'Published ports are bound to a specific host interface',
  description:
    'A port published without a host IP listens on every interface, IPv4 and IPv6, including public ones, and Docker\'s iptables rules bypass the host firewall for it. Bind to the one address that should serve it.',
  severity: 'low',
  refs: { cis: '5.14' },
  fix: {
    run: 'give the host IP in -p/--publish, e.g. -p 127.0.0.1:8080:80 (or the one interface address that should serve it)',
    compose: 'ports: ["127.0.0.1:8080:80"]',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const results: CheckResult[] = [];
    for (const port of spec.ports) {
      if (!port.allInterfaces && !ALL_INTERFACES.has(port.hostIp)) continue;
      results.push({
        message: `publishes container port ${port.containerPort}/${port.protocol} on every host interface (${hostAddress(port)})`,
        evidence: { port: portEvidence(port) },
      });
    }
    return results;
  },
});
