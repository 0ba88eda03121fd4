import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'memory-limit',
  title: 'Containers have a memory limit',
  description:
    "Without a memory limit one container can exhaust the host's memory, and the kernel's OOM killer may then take down other containers or the engine itself.",
  severity: 'low',
  refs: { cis: '5.11' },
  fix: {
    run: 'add --memory (e.g. --memory 256m)',
    compose: 'mem_limit: 256m (or deploy.resources.limits.memory)',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { memory } = spec.resources;
    if (memory !== null && memory > 0) return [];
    return [{ message: 'has no memory limit', evidence: { memory } }];
  },
});
