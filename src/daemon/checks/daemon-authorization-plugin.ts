import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck({
  id: 'daemon-authorization-plugin',
  title: 'An authorization plugin controls Engine API access',
  description:
    'Without an authorization plugin, everyone who can reach the socket may do everything, including starting privileged containers. A plugin (e.g. OPA, casbin) can restrict which API calls each client may make.',
  severity: 'low',
  refs: { cis: '2.12' },
  fix: { dockerd: '--authorization-plugin=PLUGIN', daemonJson: '"authorization-plugins": ["PLUGIN"]' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    if (facts.engine.authorizationPlugins.length > 0) return [];
    return [{ message: 'has no authorization plugin: every client with API access may do anything', evidence: { authorizationPlugins: [] } }];
  },
});
