import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'ulimits-override',
  title: "Ulimit overrides are reviewed",
  description:
    "Containers normally inherit the daemon's default ulimits; a per-container --ulimit can raise limits (open files, processes, locked memory) that protect the host. Listed for review, not as a fault.",
  severity: 'info',
  refs: { cis: '5.19' },
  fix: {
    run: 'remove --ulimit unless the raised limit is needed; set shared defaults with default-ulimits in daemon.json',
    compose: 'remove the ulimits: entries that are not needed',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { ulimits } = spec;
    if (ulimits.length === 0) return [];
    const listed = ulimits.map((limit) => `${limit.name}=${limit.soft}:${limit.hard}`).join(', ');
    return [
      {
        message: `overrides the daemon's default ulimits: ${listed}`,
        evidence: { ulimits: ulimits.map((limit) => ({ name: limit.name, soft: limit.soft, hard: limit.hard })) },
      },
    ];
  },
});
