import { check } from '../../../src/policy/checks/host-devices.js';
import type { DeviceMapping } from '../../../src/spec/types.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const device = (hostPath: string, containerPath = hostPath, permissions = 'rwm'): DeviceMapping => ({ hostPath, containerPath, permissions });

runCheckTable(check, {
  pass: [spec(), hardenedSpec(), { spec: spec({ devices: [device('/dev/fuse')] }), params: { allowed: ['/dev/fuse'] } }],
  fail: [
    [spec({ devices: [device('/dev/sda', '/dev/xvda', 'r')] }), /^has host device \/dev\/sda at \/dev\/xvda with permissions r$/],
    [spec({ devices: [device('/dev/fuse'), device('/dev/kmsg'), device('/dev/mem')] }), [/\/dev\/kmsg/, /\/dev\/mem/], { allowed: ['/dev/fuse'] }],
    [spec({ privileged: true, allDevices: true }), /^has every host device because it runs privileged$/],
    // Privileged gets every device even if the spec did not spell it out.
    [spec({ privileged: true }), /every host device/],
  ],
});
