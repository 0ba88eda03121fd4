// Bad compose files and manifests: one-line errors naming file:line (and column for
// syntax), never a stack trace; clean skips for objects that run no containers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFromFiles } from '../../src/audit/collect-files.js';
import { YamlInputError } from '../../src/spec/yaml-positions.js';

const dir = mkdtempSync(join(tmpdir(), 'harden-files-'));
let count = 0;

function write(text: string): string {
  const file = join(dir, `input-${++count}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** The error a file produces, as the user sees it (file shown absolute: it is outside the cwd). */
function failure(text: string): string {
  const file = write(text);
  try {
    collectFromFiles([file]);
  } catch (error) {
    expect(error).toBeInstanceOf(YamlInputError);
    return (error as Error).message.replace(file, 'FILE');
  }
  throw new Error('expected the file to be rejected');
}

describe('bad compose files', () => {
  it('rejects an unknown service key at its line, with a suggestion, as compose does', () => {
    expect(failure('services:\n  web:\n    image: a:1\n    privilegd: true\n')).toBe('FILE:4: service "web": unknown key "privilegd" (did you mean "privileged"?)');
    expect(failure('services:\n  web:\n    image: a:1\n    frobnicate: 1\n')).toBe('FILE:4: service "web": unknown key "frobnicate"');
  });

  it('allows x- extension keys anywhere compose does, and rejects unknown top-level keys', () => {
    expect(collectFromFiles([write('x-common: {a: 1}\nservices:\n  web:\n    image: a:1\n    x-note: hi\n')]).specs).toHaveLength(1);
    expect(failure('services:\n  web: {image: a}\nservice:\n  db: {}\n')).toBe('compose file: unknown top-level key "service" (did you mean "services"?)'.replace(/^/, 'FILE:3: '));
  });

  it('rejects values of the wrong shape at their line', () => {
    expect(failure('services:\n  web:\n    privileged: maybe\n')).toBe('FILE:3: service "web": privileged must be true or false, got "maybe"');
    expect(failure('services:\n  web:\n    ports:\n      - "80"\n      - "eighty:80"\n')).toMatch(/^FILE:5: service "web": item 2 must be a port like \[HOST_IP:\]\[HOST_PORT:\]CONTAINER_PORT\[\/PROTOCOL\]/);
    expect(failure('services:\n  web:\n    mem_limit: lots\n')).toBe('FILE:3: service "web": mem_limit must be a size such as 512m or 2g, got "lots"');
    expect(failure('services:\n  web:\n    restart: sometimes\n')).toBe('FILE:3: service "web": restart must be no, always, unless-stopped, on-failure or on-failure:N, got "sometimes"');
    expect(failure('services:\n  web:\n    volumes:\n      - type: nfs\n        target: /x\n')).toBe('FILE:4: service "web" volumes item 1: type must be one of bind, volume, tmpfs, npipe, image, cluster, got "nfs"');
    expect(failure('services:\n  web:\n')).toBe('FILE:2: service "web": service is empty');
  });

  it('refuses extends and include, pointing at `docker compose config`', () => {
    expect(failure('services:\n  web:\n    extends: base\n')).toBe('FILE:3: service "web": extends is not supported; audit the output of `docker compose config` instead, which resolves it');
    expect(failure('include: [other.yaml]\nservices: {}\n')).toMatch(/^FILE:1: compose file: include is not supported/);
  });

  it('resolves anchors and merges: explicit keys win, the first merged map wins among several', () => {
    const file = write(
      [
        'x-a: &a {privileged: true, read_only: true}',
        'x-b: &b {privileged: false, user: "1000"}',
        'services:',
        '  web:',
        '    <<: [*a, *b]',
        '    read_only: false',
        '    image: a:1',
        '  db:',
        '    <<: *b',
        '    image: *dbimage',
      ].join('\n'),
    );
    expect(() => collectFromFiles([file])).toThrow(/\.yaml:10: invalid YAML: alias \*dbimage refers to no anchor$/);
    const ok = write(['x-a: &a {privileged: true, read_only: true}', 'x-b: &b {privileged: false, user: "1000"}', 'services:', '  web:', '    <<: [*a, *b]', '    read_only: false', '    image: a:1'].join('\n'));
    const [web] = collectFromFiles([ok]).specs;
    expect([web?.privileged, web?.readOnlyRootfs, web?.user.raw]).toEqual([true, false, '1000']);
  });

  it('rejects an alias that contains itself instead of recursing forever', () => {
    expect(failure('x-loop: &loop\n  - *loop\nservices:\n  web: {image: a}\n')).toBe('FILE:2: invalid YAML: an alias refers to a collection that contains it');
  });

  it('rejects invalid YAML with file:line:column', () => {
    expect(failure('services:\n  web:\n    image: [a\n')).toMatch(/^FILE:4:1: invalid YAML: /);
    expect(failure('services:\n  web:\n    image: a\n    image: b\n')).toMatch(/^FILE:4:5: invalid YAML: Map keys must be unique/);
    expect(failure('services:\n\tweb: {}\n')).toMatch(/^FILE:2:1: invalid YAML: /);
  });

  it('names unreadable, empty and unrecognised files', () => {
    expect(failure('# nothing here\n')).toBe('FILE: is empty; expected a compose file or a Kubernetes manifest');
    expect(failure('just: a mapping\n')).toBe('FILE:1: is neither a compose file (a top-level services mapping) nor a Kubernetes manifest (apiVersion and kind)');
    const missing = join(dir, 'missing.yaml');
    expect(() => collectFromFiles([missing])).toThrow(`${missing}: cannot read (no such file); expected a compose file or a Kubernetes manifest`);
  });
});

describe('hostile names', () => {
  it('reads keys named like Object.prototype members as plain names', () => {
    const compose = write('services:\n  __proto__: {image: a:1, privileged: true}\n  constructor: {image: b:1}\n');
    expect(collectFromFiles([compose]).specs.map((spec) => [spec.name, spec.privileged])).toEqual([['__proto__', true], ['constructor', false]]);
    const manifest = write('apiVersion: v1\nkind: toString\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: constructor\n  containers: [{name: c}]\n');
    expect(() => collectFromFiles([manifest])).toThrow(/:9: Pod\/p container "c": restartPolicy must be Always, OnFailure or Never, got "constructor"$/);
  });
});

describe('bad Kubernetes manifests', () => {
  it('skips non-workload kinds cleanly and reads a List item by item', () => {
    const file = write(
      [
        'apiVersion: v1', 'kind: List', 'items:',
        '  - {apiVersion: v1, kind: Secret, metadata: {name: s}}',
        '  - {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: a:1}]}}',
        '---',
        'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: i, namespace: web}',
      ].join('\n'),
    );
    const { specs, skipped } = collectFromFiles([file]);
    expect(specs.map((spec) => spec.name)).toEqual(['Pod/p/c']);
    expect(skipped.map((object) => object.name)).toEqual(['Secret/s', 'Ingress/i']);
  });

  it('rejects a document that is not a Kubernetes object, and broken pod templates, at their lines', () => {
    expect(failure('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n---\nname: stray\n')).toBe('FILE:6: document 2 is not a Kubernetes object: it needs apiVersion and kind');
    expect(failure('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1\n')).toBe('FILE:5: Deployment/d: has no spec.template (its pod template)');
    expect(
      failure('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      volumeMounts:\n        - {name: data, mountPath: /data}\n'),
    ).toBe('FILE:8: Pod/p container "c": volume mount refers to volume "data", which the pod does not define');
    expect(failure('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      resources: {limits: {memory: lots}}\n')).toBe(
      'FILE:7: Pod/p container "c": memory must be a quantity such as 128Mi or 500m, got "lots"',
    );
    expect(failure('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      securityContext:\n        seccompProfile: {type: Strict}\n')).toBe(
      'FILE:8: Pod/p container "c": type must be RuntimeDefault, Unconfined or Localhost, got "Strict"',
    );
  });
});
