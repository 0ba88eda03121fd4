// What a spec declared in a file (compose, Kubernetes) has that follows from its
// settings alone, so both file formats derive it the same way.
import type { ContainerSpec, MountSpec } from './types.js';
import { resolveCapabilities, type CapabilityInput } from './capabilities.js';
import { findEngineSocketExposures } from './engine-sockets.js';

type Derived = Pick<ContainerSpec, 'state' | 'privileged' | 'capabilities' | 'mounts' | 'engineSockets' | 'allDevices'>;

export function derivedFromDeclared(declared: Pick<CapabilityInput, 'added' | 'dropped' | 'privileged'> & { mounts: MountSpec[] }): Derived {
  const { privileged, added, dropped, mounts } = declared;
  return {
    // Not started by anyone yet: the file only says how it would run.
    state: { status: 'created', running: false, exitCode: null, startedAt: null },
    privileged,
    capabilities: resolveCapabilities({ added, dropped, exact: null, privileged }),
    mounts,
    // No audited engine: sockets are recognised by their well-known paths and names.
    engineSockets: findEngineSocketExposures(mounts, null),
    allDevices: privileged,
  };
}
