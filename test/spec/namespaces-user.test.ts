import { describe, expect, it } from 'vitest';
import { networkNamespace, sharedNamespace } from '../../src/spec/namespaces.js';
import { parseUser } from '../../src/spec/user.js';
import type { NamespaceSetting } from '../../src/spec/types.js';
import { specOf } from './support.js';

describe('network namespace (NetworkMode)', () => {
  it.each([
    ['host', 'host', null],
    ['none', 'none', null],
    ['container:4f2a', 'container', '4f2a'],
    ['container:web', 'container', 'web'],
    ['default', 'private', null],
    ['bridge', 'private', null],
    ['my-net', 'private', null],
    ['hostnet', 'private', null],
  ] as [string, NamespaceSetting['mode'], string | null][])('%s', (raw, mode, target) => {
    expect(networkNamespace(raw)).toEqual({ mode, target, raw });
  });
});

describe('pid/ipc/uts/userns/cgroupns namespaces', () => {
  it.each([
    ['host', 'host', null],
    ['container:db', 'container', 'db'],
    ['', 'private', null],
    ['private', 'private', null],
    ['shareable', 'private', null],
    ['none', 'private', null],
  ] as [string, NamespaceSetting['mode'], string | null][])('%j', (raw, mode, target) => {
    expect(sharedNamespace(raw)).toEqual({ mode, target, raw });
  });

  it('reads every mode from its own HostConfig field', () => {
    const spec = specOf({
      HostConfig: {
        NetworkMode: 'container:abc', PidMode: 'host', IpcMode: 'container:def', UTSMode: 'host', UsernsMode: 'host', CgroupnsMode: 'private',
      },
    });
    expect(Object.fromEntries(Object.entries(spec.namespaces).map(([name, setting]) => [name, `${setting.mode}:${setting.target}`]))).toEqual({
      network: 'container:abc', pid: 'host:null', ipc: 'container:def', uts: 'host:null', userns: 'host:null', cgroupns: 'private:null',
    });
  });

  it('treats absent modes as Docker defaults', () => {
    const spec = specOf({ top: { HostConfig: {} } });
    expect(spec.namespaces.network).toEqual({ mode: 'private', target: null, raw: 'default' });
    expect(spec.namespaces.pid).toEqual({ mode: 'private', target: null, raw: '' });
    expect(spec.namespaces.userns.mode).toBe('private');
  });
});

describe('user (Config.User)', () => {
  it.each([
    ['', '', null, true],
    ['root', 'root', null, true],
    ['0', '0', null, true],
    ['0:0', '0', '0', true],
    ['root:root', 'root', 'root', true],
    ['0:1000', '0', '1000', true],
    ['00', '00', null, true],
    ['1000', '1000', null, false],
    ['65534:65534', '65534', '65534', false],
    ['nobody', 'nobody', null, false],
    ['1000:0', '1000', '0', false],
    ['app:', 'app', '', false],
    ['rootless', 'rootless', null, false],
  ] as [string, string, string | null, boolean][])('%j', (raw, user, group, isRoot) => {
    expect(parseUser(raw)).toEqual({ raw, user, group, isRoot });
  });

  it('comes from Config.User', () => {
    expect(specOf({ Config: { User: 'nobody' } }).user.isRoot).toBe(false);
    expect(specOf({ Config: { User: null } }).user).toEqual({ raw: '', user: '', group: null, isRoot: true });
  });
});
