import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

export const check = defineCheck({
  id: 'run-as-non-root',
  title: 'Containers run as a non-root user',
  description:
    'Root in a container is root on the host kernel, held back only by capabilities, seccomp and namespaces; every escape bug is worse as root. Run the process as an unprivileged user, set in the image (USER) or at run time.',
  severity: 'medium',
  refs: { cis: '4.1', pss: 'restricted/running-as-non-root' },
  fix: {
    run: 'add --user UID:GID with a non-zero UID (e.g. --user 65534:65534), or set USER in the Dockerfile',
    compose: 'user: "65534:65534"',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { user } = spec;
    if (!user.isRoot) return [];
    const message = user.raw === '' ? "runs as root (no user set, and the image's default is root)" : `runs as root (user ${user.raw})`;
    return [{ message, evidence: { user: { raw: user.raw, user: user.user, group: user.group, isRoot: true } } }];
  },
});
