import { defineCheck, type CheckResult } from '../types.js';
import { hostAddress, portEvidence } from './support/evidence.js';

interface Params {
  allowedPorts: number[];
}

/** Ports below this need root (or NET_BIND_SERVICE) to bind on the host. */
const FIRST_UNPRIVILEGED_PORT = 1024;

export const check = defineCheck<Params>({
  id: 'privileged-ports',
  title: 'Containers do not publish privileged host ports',
  description:
    'Host ports below 1024 are reserved for privileged services (ssh, dns, http); a container publishing one can impersonate such a service to the network. Publish on a high port, or allow the specific ports a front proxy needs.',
  severity: 'medium',
  refs: { cis: '5.8', pss: 'baseline/host-ports' },
  fix: {
    run: 'publish (-p/--publish) on a host port of 1024 or above, e.g. -p 8080:80 instead of -p 80:80',
    compose: 'ports: ["8080:80"] instead of ["80:80"]',
  },
  params: {
    type: 'object',
    properties: {
      allowedPorts: {
        type: 'array',
        description: 'Privileged host ports that may be published, e.g. [80, 443] for a reverse proxy.',
        items: { type: 'integer', minimum: 1, maximum: 1023 },
        uniqueItems: true,
      },
    },
    additionalProperties: false,
  },
  defaults: { allowedPorts: [] },
  evaluate(spec, params) {
    const results: CheckResult[] = [];
    for (const port of spec.ports) {
      const { hostPort } = port;
      if (hostPort === null || hostPort <= 0 || hostPort >= FIRST_UNPRIVILEGED_PORT) continue;
      if (params.allowedPorts.includes(hostPort)) continue;
      results.push({
        message: `publishes container port ${port.containerPort}/${port.protocol} on privileged host port ${hostPort} (${hostAddress(port)})`,
        evidence: { port: portEvidence(port) },
      });
    }
    return results;
  },
});
