import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';
import { describeSource, settingEvidence } from '../check-support.js';

export const check = defineDaemonCheck({
  id: 'daemon-icc',
  title: 'Containers on the default bridge cannot talk to each other',
  description:
    'With icc on, every container on the default bridge reaches every other one on any port, so one compromised container can attack the rest. Judged from the daemon configuration; with the default bridge disabled ("bridge": "none") there is nothing to restrict.',
  severity: 'medium',
  refs: { cis: '2.2' },
  fix: { dockerd: '--icc=false (and link or use user-defined networks where containers must talk)', daemonJson: '"icc": false' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    const config = facts.local?.config;
    if (config === undefined || !config.icc.value || config.bridge.value === 'none') return [];
    return [{ message: `allows inter-container communication on the default bridge${describeSource(config.icc)}`, evidence: settingEvidence('icc', config.icc) }];
  },
});
