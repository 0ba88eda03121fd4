import { defineCheck, type CheckResult } from '../types.js';
import { mountEvidence } from './support/evidence.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'mount-propagation',
  title: 'Mounts do not use shared propagation',
  description:
    'With shared or rshared propagation, mounts the container makes below the mount point appear on the host (and the other way round), so a container that can mount can change what host processes see.',
  severity: 'medium',
  refs: { cis: '5.20' },
  fix: {
    run: 'drop the :shared / :rshared option (or bind-propagation=shared/rshared in --mount); the default rprivate is right for almost every container',
    compose: 'remove propagation: shared / rshared from the volume\'s bind: options',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const results: CheckResult[] = [];
    for (const mount of spec.mounts) {
      if (mount.propagation !== 'shared' && mount.propagation !== 'rshared') continue;
      results.push({
        message: `mounts ${mount.source ?? mount.type} at ${mount.destination} with ${mount.propagation} propagation`,
        evidence: { mount: mountEvidence(mount) },
      });
    }
    return results;
  },
});
