import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck({
  id: 'daemon-experimental',
  title: 'Experimental features are off',
  description: 'Experimental features are unsupported and change between releases; they have no place on a production engine.',
  severity: 'low',
  refs: { cis: '2.18' },
  fix: { dockerd: 'remove --experimental', daemonJson: '"experimental": false' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    if (!facts.engine.experimental) return [];
    return [{ message: 'runs with experimental features enabled', evidence: { experimental: true } }];
  },
});
