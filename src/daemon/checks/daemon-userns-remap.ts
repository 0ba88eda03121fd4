import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck({
  id: 'daemon-userns-remap',
  title: 'User namespace remapping is enabled',
  description:
    'With userns-remap, root in a container is an unprivileged user on the host, so a container breakout does not land as host root. A rootless daemon gives the same protection.',
  severity: 'medium',
  refs: { cis: '2.9' },
  fix: { dockerd: '--userns-remap=default', daemonJson: '"userns-remap": "default"' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    const options = facts.engine.securityOptions;
    if (options.some((option) => /^name=(userns|rootless)(,|$)/.test(option))) return [];
    return [{ message: 'runs containers without user namespace remapping: root in a container is root on the host', evidence: { securityOptions: [...options] } }];
  },
});
