import { stringList } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck<{ allowed: string[] }>({
  id: 'daemon-insecure-registries',
  title: 'No insecure registries are configured',
  description:
    'An insecure registry is contacted over plain HTTP or without certificate verification, so anyone on the path can serve a different image than the one pulled. Loopback registries, which dockerd always trusts, are not counted.',
  severity: 'high',
  refs: { cis: '2.5' },
  fix: { dockerd: 'remove every --insecure-registry flag (give the registry a trusted certificate)', daemonJson: 'remove "insecure-registries" (or leave it empty)' },
  params: {
    type: 'object',
    properties: { allowed: stringList('Insecure registries (names or CIDRs, exactly as /info lists them) accepted anyway.') },
    additionalProperties: false,
  },
  defaults: { allowed: [] },
  evaluate(facts, params) {
    return facts.engine.insecureRegistries
      .filter((registry) => !params.allowed.includes(registry))
      .map((registry) => ({ message: `trusts the insecure registry ${registry} (no TLS verification)`, evidence: { registry } }));
  },
});
