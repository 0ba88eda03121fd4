// Mount fixtures shared by the mount-related check tables.
import type { MountSpec } from '../../../src/spec/types.js';

export function bind(hostPath: string, destination: string, options: Partial<MountSpec> = {}): MountSpec {
  return { type: 'bind', source: hostPath, hostPath, destination, readOnly: false, propagation: 'rprivate', ...options };
}

export function volume(name: string, destination: string): MountSpec {
  return { type: 'volume', source: name, hostPath: null, destination, readOnly: false, propagation: null };
}

export function tmpfs(destination: string): MountSpec {
  return { type: 'tmpfs', source: null, hostPath: null, destination, readOnly: false, propagation: null };
}
