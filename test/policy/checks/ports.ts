// Port binding fixtures shared by the port check tables.
import type { PortBinding } from '../../../src/spec/types.js';

export function published(hostIp: string, hostPort: number | null, containerPort = 80, protocol = 'tcp'): PortBinding {
  return {
    containerPort,
    protocol,
    hostIp,
    hostPort,
    allInterfaces: hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::',
    privilegedHostPort: hostPort !== null && hostPort > 0 && hostPort < 1024,
  };
}
