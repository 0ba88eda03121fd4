// Image references as written (`Config.Image`): `[registry[:port]/]repo[:tag][@digest]`.
import type { ImageRef } from './types.js';

/**
 * `localhost:5000/app:1` -> repository `localhost:5000/app`, tag `1`;
 * `app@sha256:..` -> digest, no tag; `app` -> tag null (Docker resolves it as `latest`).
 * A reference that is an image id (`sha256:...`) has no repository.
 * @param id the image id (`Image` in inspect output), or null.
 */
export function parseImageRef(ref: string, id: string | null): ImageRef {
  const imageId = id === '' ? null : id;
  if (ref.startsWith('sha256:')) return { ref, id: imageId, repository: '', tag: null, digest: null };
  const at = ref.indexOf('@');
  const name = at === -1 ? ref : ref.slice(0, at);
  const digest = at === -1 ? null : ref.slice(at + 1);
  // A colon after the last slash starts the tag; one before it is a registry port.
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  return {
    ref,
    id: imageId,
    repository: hasTag ? name.slice(0, colon) : name,
    tag: hasTag ? name.slice(colon + 1) : null,
    digest,
  };
}
