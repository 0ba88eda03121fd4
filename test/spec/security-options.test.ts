import { describe, expect, it } from 'vitest';
import { parseSecurityOptions, splitSecurityOption } from '../../src/spec/security-options.js';
import type { SecuritySettings } from '../../src/spec/types.js';
import { specOf } from './support.js';

const parse = (options: string[] | null, appArmorProfile = '', privileged = false): SecuritySettings =>
  parseSecurityOptions(options, appArmorProfile, privileged);

const INLINE_PROFILE = '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}';

describe('splitSecurityOption', () => {
  it.each([
    ['no-new-privileges', 'no-new-privileges', null],
    ['seccomp=unconfined', 'seccomp', 'unconfined'],
    ['seccomp:unconfined', 'seccomp', 'unconfined'],
    ['label=type:svirt_apache_t', 'label', 'type:svirt_apache_t'],
    ['label:level:s0:c100,c200', 'label', 'level:s0:c100,c200'],
    [`seccomp=${INLINE_PROFILE}`, 'seccomp', INLINE_PROFILE],
  ])('%s', (option, key, value) => {
    expect(splitSecurityOption(option)).toEqual({ key, value });
  });
});

describe('no-new-privileges: the last occurrence wins, and =false means false', () => {
  it.each([
    [null, false],
    [[], false],
    [['no-new-privileges'], true],
    [['no-new-privileges=true'], true],
    [['no-new-privileges:true'], true],
    [['no-new-privileges=false'], false],
    [['no-new-privileges:false'], false],
    [['no-new-privileges=1'], true],
    [['no-new-privileges=False'], false],
    [['no-new-privileges', 'no-new-privileges=false'], false],
    [['no-new-privileges=false', 'no-new-privileges'], true],
    [['no-new-privileges:false', 'no-new-privileges=true'], true],
    [['no-new-privileges=maybe'], false],
    [['no-new-privileges=yes', 'no-new-privileges'], true],
  ] as [string[] | null, boolean][])('%j -> %s', (options, expected) => {
    expect(parse(options).noNewPrivileges).toBe(expected);
  });
});

describe('seccomp', () => {
  it.each([
    [null, false, { mode: 'default', profile: null }],
    [['seccomp=unconfined'], false, { mode: 'unconfined', profile: null }],
    [['seccomp:unconfined'], false, { mode: 'unconfined', profile: null }],
    [['seccomp=builtin'], false, { mode: 'default', profile: null }],
    [['seccomp=/etc/docker/seccomp/strict.json'], false, { mode: 'custom', profile: '/etc/docker/seccomp/strict.json' }],
    [[`seccomp=${INLINE_PROFILE}`], false, { mode: 'custom', profile: '<inline JSON>' }],
    [[`seccomp:${INLINE_PROFILE}`], false, { mode: 'custom', profile: '<inline JSON>' }],
    [['seccomp=unconfined', `seccomp=${INLINE_PROFILE}`], false, { mode: 'custom', profile: '<inline JSON>' }],
    [['label=seccomp_unconfined_t'], false, { mode: 'default', profile: null }],
    [null, true, { mode: 'unconfined', profile: null }],
    [[`seccomp=${INLINE_PROFILE}`], true, { mode: 'unconfined', profile: null }],
  ] as [string[] | null, boolean, SecuritySettings['seccomp']][])('%j privileged=%s', (options, privileged, expected) => {
    expect(parse(options, '', privileged).seccomp).toEqual(expected);
  });
});

describe('AppArmor (SecurityOpt apparmor=... and top-level AppArmorProfile)', () => {
  it.each([
    ['nothing requested, host without AppArmor', null, '', false, { mode: 'unavailable', profile: null }],
    ['engine default', null, 'docker-default', false, { mode: 'default', profile: 'docker-default' }],
    ['explicitly unconfined', ['apparmor=unconfined'], 'unconfined', false, { mode: 'unconfined', profile: 'unconfined' }],
    ['requested unconfined, top level empty', ['apparmor:unconfined'], '', false, { mode: 'unconfined', profile: 'unconfined' }],
    ['named profile', ['apparmor=my-nginx'], 'my-nginx', false, { mode: 'custom', profile: 'my-nginx' }],
    ['named profile only in SecurityOpt', ['apparmor=my-nginx'], '', false, { mode: 'custom', profile: 'my-nginx' }],
    ['privileged on a host without AppArmor', null, '', true, { mode: 'unconfined', profile: 'unconfined' }],
    ['privileged with AppArmor', null, 'unconfined', true, { mode: 'unconfined', profile: 'unconfined' }],
  ] as [string, string[] | null, string, boolean, SecuritySettings['apparmor']][])('%s', (_label, options, profile, privileged, expected) => {
    expect(parse(options, profile, privileged).apparmor).toEqual(expected);
  });
});

describe('SELinux labels', () => {
  const none = { disabled: false, user: null, role: null, type: null, level: null };
  it.each([
    [null, false, none],
    [['label=disable'], false, { ...none, disabled: true }],
    [['label:disable'], false, { ...none, disabled: true }],
    [['disable'], false, { ...none, disabled: true }],
    [['label=type:svirt_apache_t'], false, { ...none, type: 'svirt_apache_t' }],
    [['label:type:svirt_apache_t'], false, { ...none, type: 'svirt_apache_t' }],
    [['label=user:USER', 'label=role:ROLE', 'label=level:s0:c100,c200'], false, { ...none, user: 'USER', role: 'ROLE', level: 's0:c100,c200' }],
    [['label=type:container_t', 'label=type:spc_t'], false, { ...none, type: 'spc_t' }],
    [['seccomp=unconfined'], false, none],
    [null, true, { ...none, disabled: true }],
  ] as [string[] | null, boolean, SecuritySettings['selinux']][])('%j privileged=%s', (options, privileged, expected) => {
    expect(parse(options, '', privileged).selinux).toEqual(expected);
  });
});

describe('security settings from inspect JSON', () => {
  it('keeps SecurityOpt exactly as stored and reads AppArmorProfile from the top level', () => {
    const options = ['no-new-privileges:true', 'apparmor=docker-default', 'label=level:s0'];
    const spec = specOf({ HostConfig: { SecurityOpt: options }, top: { AppArmorProfile: 'docker-default' } });
    expect(spec.security).toEqual({
      seccomp: { mode: 'default', profile: null },
      apparmor: { mode: 'default', profile: 'docker-default' },
      selinux: { disabled: false, user: null, role: null, type: null, level: 's0' },
      noNewPrivileges: true,
      raw: options,
    });
  });

  it('a privileged container is unconfined everywhere and sees all devices', () => {
    const spec = specOf({ HostConfig: { Privileged: true, SecurityOpt: ['no-new-privileges'] } });
    expect(spec.security.seccomp.mode).toBe('unconfined');
    expect(spec.security.apparmor.mode).toBe('unconfined');
    expect(spec.security.selinux.disabled).toBe(true);
    expect(spec.security.noNewPrivileges).toBe(true);
    expect(spec.allDevices).toBe(true);
  });
});
