import { defineCheck } from '../types.js';

interface Params {
  maxRetries: number;
}

export const check = defineCheck<Params>({
  id: 'restart-policy',
  title: 'Restart policy is on-failure with a retry limit',
  description:
    'always and unless-stopped restart a container forever: a crashing or exploited service keeps coming back, hammering the host and hiding the failure, and an attacker gets unlimited retries. on-failure with a small retry count restarts real crashes and then gives up.',
  severity: 'low',
  refs: { cis: '5.15' },
  fix: {
    run: 'use --restart on-failure:5 (or --restart no) instead of --restart always / unless-stopped',
    compose: 'restart: on-failure:5 (or deploy.restart_policy: {condition: on-failure, max_attempts: 5})',
  },
  params: {
    type: 'object',
    properties: {
      maxRetries: {
        type: 'integer',
        minimum: 1,
        description: 'Highest on-failure retry count allowed (default 5, as CIS recommends).',
      },
    },
    additionalProperties: false,
  },
  defaults: { maxRetries: 5 },
  evaluate(spec, params) {
    const { name, maximumRetryCount } = spec.restartPolicy;
    const evidence = { restartPolicy: { name, maximumRetryCount } };
    if (name === 'always' || name === 'unless-stopped') {
      return [{ message: `restarts forever with restart policy ${name}`, evidence }];
    }
    if (name !== 'on-failure') return [];
    if (maximumRetryCount <= 0) {
      return [{ message: 'restarts on failure without a retry limit (on-failure with no maximum count)', evidence }];
    }
    if (maximumRetryCount > params.maxRetries) {
      return [{ message: `restarts on failure up to ${maximumRetryCount} times, more than ${params.maxRetries}`, evidence }];
    }
    return [];
  },
});
