import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';
import { describeSource, settingEvidence } from '../check-support.js';

export const check = defineDaemonCheck({
  id: 'daemon-no-new-privileges',
  title: 'Containers cannot gain new privileges by default',
  description:
    'no-new-privileges set on the daemon applies to every container that does not opt out, so setuid binaries cannot raise privileges even in containers whose authors forgot the flag.',
  severity: 'medium',
  refs: { cis: '2.14' },
  fix: { dockerd: '--no-new-privileges', daemonJson: '"no-new-privileges": true' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    const config = facts.local?.config;
    if (config === undefined || config.noNewPrivileges.value) return [];
    return [{ message: `does not set no-new-privileges for containers by default${describeSource(config.noNewPrivileges)}`, evidence: settingEvidence('no-new-privileges', config.noNewPrivileges) }];
  },
});
