import { check } from '../../../src/policy/checks/image-tag-pinned.js';
import type { ImageRef } from '../../../src/spec/types.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const DIGEST = 'sha256:4b7ce07a7c54bba3e5d3c5b6b9b4d1c5e1a6e7f7b0c4e2d9f1a3b5c7d9e1f3a5';
const image = (ref: Partial<ImageRef>) => spec({ image: { id: null, digest: null, ...ref } });

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    image({ ref: 'nginx:1.27.2', repository: 'nginx', tag: '1.27.2' }),
    image({ ref: `nginx@${DIGEST}`, repository: 'nginx', tag: null, digest: DIGEST }),
    // A digest pins the image even next to a moving tag.
    image({ ref: `nginx:latest@${DIGEST}`, repository: 'nginx', tag: 'latest', digest: DIGEST }),
    // Created from an image id: exactly one image.
    image({ ref: DIGEST, repository: '', tag: null }),
    { spec: image({ ref: `nginx@${DIGEST}`, repository: 'nginx', tag: null, digest: DIGEST }), params: { requireDigest: true } },
  ],
  fail: [
    [image({ ref: 'nginx', repository: 'nginx', tag: null }), /^uses image nginx without a tag, which means latest$/],
    [image({ ref: 'nginx:latest', repository: 'nginx', tag: 'latest' }), /^uses image nginx:latest, whose tag latest moves$/],
    [image({ ref: 'nginx:stable', repository: 'nginx', tag: 'stable' }), /tag stable moves/, { floatingTags: ['latest', 'stable'] }],
    [image({ ref: 'nginx:1.27.2', repository: 'nginx', tag: '1.27.2' }), /^uses image nginx:1\.27\.2 by tag, not by digest$/, { requireDigest: true }],
  ],
});
