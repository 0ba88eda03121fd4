import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'apparmor-unconfined',
  title: 'Containers run under an AppArmor profile',
  description:
    "On hosts with AppArmor, Docker confines each container with docker-default, which denies writes to /proc and /sys internals and mounts. apparmor=unconfined and --privileged remove that. A host without AppArmor is not a finding per container: there is nothing to set.",
  severity: 'medium',
  refs: { cis: '5.2', pss: 'baseline/apparmor' },
  fix: {
    run: 'remove --security-opt apparmor=unconfined (and --privileged); use the default profile or --security-opt apparmor=PROFILE',
    compose: 'remove apparmor:unconfined from security_opt: (and privileged: true)',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { apparmor } = spec.security;
    // Without AppArmor on the host there is nothing to confine with, privileged or not.
    if (apparmor.mode === 'unavailable' || (apparmor.mode !== 'unconfined' && !spec.privileged)) return [];
    const evidence = { apparmor: { mode: apparmor.mode, profile: apparmor.profile }, privileged: spec.privileged };
    const message = spec.privileged
      ? 'runs without AppArmor confinement because it runs privileged'
      : 'runs without AppArmor confinement (apparmor=unconfined)';
    return [{ message, evidence }];
  },
});
