import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'pids-limit',
  title: 'Containers have a PIDs limit',
  description:
    "Without a PIDs limit a fork bomb in one container exhausts the host's process table and stops everything else from starting processes.",
  severity: 'low',
  refs: { cis: '5.29' },
  fix: {
    run: 'add --pids-limit (e.g. --pids-limit 100)',
    compose: 'pids_limit: 100',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { pidsLimit } = spec.resources;
    if (pidsLimit !== null && pidsLimit > 0) return [];
    return [{ message: 'has no PIDs limit', evidence: { pidsLimit } }];
  },
});
