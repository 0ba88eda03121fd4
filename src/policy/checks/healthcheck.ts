import { defineCheck } from '../types.js';
import { healthcheckEvidence } from './support/evidence.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'healthcheck',
  title: 'Containers have a healthcheck and are healthy',
  description:
    'A healthcheck lets the engine and orchestrators notice a hung or compromised service instead of trusting that a running process is a working one. An unhealthy container is reported too: its check is failing now.',
  severity: 'low',
  refs: { cis: '5.27' },
  fix: {
    run: 'add --health-cmd (e.g. --health-cmd "wget -qO- localhost:8080/health || exit 1"), or a HEALTHCHECK in the Dockerfile; remove --no-healthcheck',
    compose: 'healthcheck: {test: [CMD, ...], interval: 30s}; remove healthcheck: {disable: true}',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { healthcheck } = spec;
    if (healthcheck.disabled) {
      return [{ message: 'disables its healthcheck (--no-healthcheck)', evidence: healthcheckEvidence(healthcheck) }];
    }
    if (!healthcheck.configured) {
      return [{ message: 'has no healthcheck', evidence: healthcheckEvidence(healthcheck) }];
    }
    if (healthcheck.status === 'unhealthy') {
      return [{ message: 'is unhealthy: its healthcheck is failing', evidence: healthcheckEvidence(healthcheck) }];
    }
    return [];
  },
});
