import { defineCheck, type CheckResult } from '../types.js';
import { cachedSet } from './support/lists.js';
import { stringList } from './support/params.js';

interface Params {
  allowed: string[];
}

export const check = defineCheck<Params>({
  id: 'host-devices',
  title: 'Host devices are not passed into containers',
  description:
    'A host device node gives the container direct access to hardware or kernel interfaces: a raw disk can be read and rewritten under the host filesystem, /dev/mem or /dev/kmsg expose the kernel. Privileged containers get every device.',
  severity: 'medium',
  refs: { cis: '5.18' },
  fix: {
    run: 'remove --device (and --privileged); if a device is really needed, pass only that one with the least permissions, e.g. --device /dev/fuse:/dev/fuse:r',
    compose: 'remove the devices: entries (and privileged: true)',
  },
  params: {
    type: 'object',
    properties: {
      allowed: stringList('Host device paths that may be passed in, e.g. /dev/fuse (exact paths).', { pattern: '^/' }),
    },
    additionalProperties: false,
  },
  defaults: { allowed: [] },
  evaluate(spec, params) {
    if (spec.allDevices || spec.privileged) {
      return [{ message: 'has every host device because it runs privileged', evidence: { allDevices: spec.allDevices, privileged: spec.privileged } }];
    }
    if (spec.devices.length === 0) return [];
    const allowed = cachedSet(params.allowed);
    const results: CheckResult[] = [];
    for (const device of spec.devices) {
      if (allowed.has(device.hostPath)) continue;
      results.push({
        message: `has host device ${device.hostPath} at ${device.containerPath} with permissions ${device.permissions}`,
        evidence: { device: { hostPath: device.hostPath, containerPath: device.containerPath, permissions: device.permissions } },
      });
    }
    return results;
  },
});
