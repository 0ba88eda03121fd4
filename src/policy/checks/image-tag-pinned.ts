import { defineCheck } from '../types.js';
import { cachedSet } from './support/lists.js';
import { stringList } from './support/params.js';

interface Params {
  floatingTags: string[];
  requireDigest: boolean;
}

/** A container created from an image id (`sha256:...`) runs exactly that image, like a digest. */
const IMAGE_ID_PREFIX = 'sha256:';

export const check = defineCheck<Params>({
  id: 'image-tag-pinned',
  title: 'Images are pinned to a tag or digest',
  description:
    'An image without a tag means latest, which changes under you: a re-pull or a new host silently runs different code than was reviewed. A version tag makes deployments repeatable; a digest pins them exactly.',
  severity: 'info',
  refs: {},
  fix: {
    run: 'name an explicit version tag or digest in the image reference, e.g. docker run nginx:1.27.2 or nginx@sha256:...',
    compose: 'image: nginx:1.27.2 (or image: nginx@sha256:...)',
  },
  params: {
    type: 'object',
    properties: {
      floatingTags: stringList('Tags that move and so do not pin an image (default: latest).'),
      requireDigest: {
        type: 'boolean',
        description: 'Require a digest (@sha256:...); a tag alone is then a finding (default false).',
      },
    },
    additionalProperties: false,
  },
  defaults: { floatingTags: ['latest'], requireDigest: false },
  evaluate(spec, params) {
    const { image } = spec;
    if (image.digest !== null || image.ref.startsWith(IMAGE_ID_PREFIX)) return [];
    const evidence = { image: { ref: image.ref, repository: image.repository, tag: image.tag, digest: image.digest } };
    if (image.tag === null) {
      return [{ message: `uses image ${image.ref} without a tag, which means latest`, evidence }];
    }
    if (cachedSet(params.floatingTags).has(image.tag)) {
      return [{ message: `uses image ${image.ref}, whose tag ${image.tag} moves`, evidence }];
    }
    if (params.requireDigest) {
      return [{ message: `uses image ${image.ref} by tag, not by digest`, evidence }];
    }
    return [];
  },
});
