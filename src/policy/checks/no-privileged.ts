import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'no-privileged',
  title: 'Containers do not run privileged',
  description:
    'A privileged container has every capability, every host device and no seccomp, AppArmor or SELinux confinement: root in it is root on the host. A created but never started privileged container is reported too, because starting it is one command away.',
  severity: 'critical',
  refs: { cis: '5.5', pss: 'baseline/privileged' },
  fix: {
    run: 'remove --privileged; grant only the capabilities it needs with --cap-add and the devices with --device',
    compose: 'remove privileged: true (or set privileged: false); use cap_add and devices instead',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    if (!spec.privileged) return [];
    return [
      {
        message: 'runs privileged, with every capability and host device and no seccomp or AppArmor confinement',
        evidence: { privileged: true },
      },
    ];
  },
});
