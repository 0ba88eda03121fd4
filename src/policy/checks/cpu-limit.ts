import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

/** The weight every container gets when --cpu-shares is not set: setting it to this changes nothing. */
const DEFAULT_CPU_SHARES = 1024;

export const check = defineCheck({
  id: 'cpu-limit',
  title: 'Containers have a CPU limit or priority',
  description:
    'Without a CPU limit or relative weight a busy container can starve the others and the host. Any of --cpus, --cpu-quota, --cpuset-cpus or a non-default --cpu-shares counts.',
  severity: 'low',
  refs: { cis: '5.12' },
  fix: {
    run: 'add --cpus (e.g. --cpus 0.5), or --cpu-shares / --cpu-quota / --cpuset-cpus',
    compose: 'cpus: 0.5 (or cpu_shares, cpu_quota, cpuset, deploy.resources.limits.cpus)',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { cpuShares, nanoCpus, cpuQuota, cpusetCpus } = spec.resources;
    const limited =
      (cpuShares !== null && cpuShares > 0 && cpuShares !== DEFAULT_CPU_SHARES) ||
      (nanoCpus !== null && nanoCpus > 0) ||
      (cpuQuota !== null && cpuQuota > 0) ||
      (cpusetCpus !== null && cpusetCpus !== '');
    if (limited) return [];
    return [
      {
        message:
          cpuShares === DEFAULT_CPU_SHARES
            ? 'has no CPU limit; its CPU shares are the default 1024'
            : 'has no CPU limit or CPU shares',
        evidence: { cpuShares, nanoCpus, cpuQuota, cpusetCpus },
      },
    ];
  },
});
