// The normalized container model and the inspect-JSON reader that builds it.
export type * from './types.js';
export { fromInspect, type FromInspectOptions } from './from-inspect.js';
export { parseInspectDocument } from './parse-inspect.js';
export { InspectError, type InspectLocation } from './inspect-error.js';
export {
  ALL_CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  normalizeCapabilityName,
  normalizeCapabilityList,
  resolveCapabilities,
  type CapabilityInput,
} from './capabilities.js';
export { makeMount, parseBindSpec, tmpfsMount } from './mounts.js';
export { findEngineSocketExposures, engineOfSocket } from './engine-sockets.js';
export { normalizeHostPath, canonicalRunPath, isSameOrBelow, hostPathCovers } from './host-paths.js';
export { parseSecurityOptions, splitSecurityOption } from './security-options.js';
export { networkNamespace, sharedNamespace } from './namespaces.js';
export { parseUser } from './user.js';
export { makePortBinding, parsePortKey, isAllInterfaces } from './ports.js';
export { parseImageRef } from './image-ref.js';
export { limitOrNull } from './resources.js';
