import { NO_PARAMS } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck({
  id: 'daemon-live-restore',
  title: 'Live restore is enabled',
  description:
    'Without live-restore every container stops when dockerd stops, so upgrading or restarting the daemon (for a security fix) means downtime, and fixes get postponed.',
  severity: 'low',
  refs: { cis: '2.15' },
  fix: { dockerd: '--live-restore', daemonJson: '"live-restore": true' },
  params: NO_PARAMS,
  defaults: {},
  evaluate(facts) {
    if (facts.engine.liveRestore) return [];
    return [{ message: 'has live-restore off: every container stops when dockerd restarts', evidence: { liveRestoreEnabled: false } }];
  },
});
