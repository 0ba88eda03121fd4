import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'read-only-rootfs',
  title: 'Containers run with a read-only root filesystem',
  description:
    'A writable root filesystem lets an attacker drop tools, change binaries and persist inside the container. With a read-only root, writable state is confined to the volumes and tmpfs mounts you declare.',
  severity: 'low',
  refs: { cis: '5.13' },
  fix: {
    run: 'add --read-only, with --tmpfs /tmp (or volumes) for the paths it must write',
    compose: 'read_only: true, with tmpfs: for the paths it must write',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    if (spec.readOnlyRootfs) return [];
    return [{ message: 'has a writable root filesystem', evidence: { readOnlyRootfs: false } }];
  },
});
