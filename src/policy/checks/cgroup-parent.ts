import { defineCheck } from '../types.js';
import { cachedSet } from './support/lists.js';
import { stringList } from './support/params.js';

interface Params {
  allowed: string[];
}

export const check = defineCheck<Params>({
  id: 'cgroup-parent',
  title: 'Containers use the default cgroup parent',
  description:
    "A custom --cgroup-parent moves the container out of the engine's cgroup tree, where limits and accounting set for all containers no longer apply to it (or where it can share another workload's limits).",
  severity: 'low',
  refs: { cis: '5.25' },
  fix: {
    run: 'remove --cgroup-parent unless the parent is a deliberate, reviewed slice',
    compose: 'remove cgroup_parent:',
  },
  params: {
    type: 'object',
    properties: {
      allowed: stringList('Cgroup parents that are reviewed and allowed, e.g. /docker-limited or limited.slice (exact values).'),
    },
    additionalProperties: false,
  },
  defaults: { allowed: [] },
  evaluate(spec, params) {
    const { cgroupParent } = spec;
    if (cgroupParent === null || cgroupParent === '' || cachedSet(params.allowed).has(cgroupParent)) return [];
    return [{ message: `uses the non-default cgroup parent ${cgroupParent}`, evidence: { cgroupParent } }];
  },
});
