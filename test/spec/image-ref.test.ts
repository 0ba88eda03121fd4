import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../src/spec/image-ref.js';
import type { ImageRef } from '../../src/spec/types.js';
import { specOf } from './support.js';

const ID = 'sha256:b6e6fae39b21b0152e5ee5fac500f2671bf14d834b7fc163d375b0f2c3cc704d';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('parseImageRef', () => {
  it.each([
    ['nginx', 'nginx', null, null],
    ['nginx:1.25', 'nginx', '1.25', null],
    ['local/busybox:1', 'local/busybox', '1', null],
    ['localhost:5000/app:1', 'localhost:5000/app', '1', null],
    ['localhost:5000/app', 'localhost:5000/app', null, null],
    ['registry.example.com:443/team/app:v2-rc.1', 'registry.example.com:443/team/app', 'v2-rc.1', null],
    [`app@${DIGEST}`, 'app', null, DIGEST],
    [`localhost:5000/app@${DIGEST}`, 'localhost:5000/app', null, DIGEST],
    [`app:1@${DIGEST}`, 'app', '1', DIGEST],
    [ID, '', null, null],
  ] as [string, string, string | null, string | null][])('%s', (ref, repository, tag, digest) => {
    expect(parseImageRef(ref, ID)).toEqual({ ref, id: ID, repository, tag, digest } satisfies ImageRef);
  });

  it('has no id when the engine gave none', () => {
    expect(parseImageRef('nginx', '').id).toBeNull();
    expect(parseImageRef('nginx', null).id).toBeNull();
  });
});

describe('image from inspect JSON', () => {
  it('takes the reference from Config.Image and the id from Image', () => {
    expect(specOf({ Config: { Image: 'localhost:5000/app:1' } }).image).toEqual({
      ref: 'localhost:5000/app:1', id: ID, repository: 'localhost:5000/app', tag: '1', digest: null,
    });
  });

  it('falls back to the image id when Config.Image is absent', () => {
    expect(specOf({ Config: { Image: null } }).image).toEqual({ ref: ID, id: ID, repository: '', tag: null, digest: null });
  });
});
