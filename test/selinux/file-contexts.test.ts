// file_contexts lookup against the real thing: Debian's policy file and
// matchpathcon (libselinux), which reads it without SELinux in the kernel.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FileContexts } from '../../src/selinux/file-contexts.js';
import { loadFileContexts } from '../../src/selinux/generate.js';
import type { ObjectKind } from '../../src/selinux/model.js';
import { DEBIAN_FILE_CONTEXTS } from './selinux-fixtures.js';

const run = promisify(execFile);

const PATHS = [
  '/', '/etc', '/etc/passwd', '/etc/shadow', '/etc/ssl/private', '/etc/docker', '/var', '/var/log', '/var/log/apt', '/var/log/nginx',
  '/var/log/audit', '/var/lib', '/var/lib/docker', '/var/lib/mysql', '/var/lib/postgresql', '/var/www/html', '/srv/data', '/opt/app',
  '/usr', '/usr/share/nginx', '/usr/lib/x.so', '/tmp', '/var/tmp', '/run', '/mnt/disk', '/media/usb', '/boot', '/sys', '/data/app',
  '/dev/kvm', '/dev/fuse', '/dev/null', '/root', '/home', '/home/alice', '/home/alice/src', '/home/alice/public_html', '/var/spool/cron', '/etc/nginx/nginx.conf',
];
const KINDS: [ObjectKind, string][] = [['directory', 'dir'], ['file', 'file'], ['socket', 'sock_file'], ['character-device', 'chr_file']];

/** What matchpathcon answers: the type, or null for <<none>>. */
async function matchpathcon(path: string, objectClass: string): Promise<string | null> {
  const { stdout } = await run('matchpathcon', ['-n', '-m', objectClass, '-f', DEBIAN_FILE_CONTEXTS, path]);
  const context = stdout.trim();
  return context === '<<none>>' ? null : (context.split(':')[2] ?? null);
}

describe('file_contexts (Debian 12 policy)', () => {
  // As matchpathcon reads it: the file plus file_contexts.homedirs and .local beside it.
  const contexts = loadFileContexts([DEBIAN_FILE_CONTEXTS]) as FileContexts;

  it('parses every entry of the real file', () => {
    const lines = readFileSync(DEBIAN_FILE_CONTEXTS, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(contexts.size).toBeGreaterThan(lines.length);
  });

  it.each(KINDS)('agrees with matchpathcon for %s paths', async (kind, objectClass) => {
    const expected = await Promise.all(PATHS.map((path) => matchpathcon(path, objectClass)));
    const actual = PATHS.map((path) => contexts.lookup(path, kind)?.type ?? null);
    expect(Object.fromEntries(PATHS.map((path, i) => [path, actual[i]]))).toEqual(Object.fromEntries(PATHS.map((path, i) => [path, expected[i]])));
  });

  it('reads the .subs_dist aliases beside the file: /var/run is /run', () => {
    expect(contexts.canonical('/var/run/dbus')).toBe('/run/dbus');
    expect(contexts.lookup('/var/run/dbus', 'directory')?.type).toBe('system_dbusd_runtime_t');
  });
});

describe('file_contexts specificity', () => {
  const text = [
    '/.*\tsystem_u:object_r:default_t:s0',
    '/srv(/.*)?\tsystem_u:object_r:var_t:s0',
    '/srv/app(/.*)?\tsystem_u:object_r:app_data_t:s0',
    '/srv/app/.*\\.log\t--\tsystem_u:object_r:app_log_t:s0',
    '/srv/app/run\t-s\tsystem_u:object_r:app_sock_t:s0',
    '/srv/app/run\tsystem_u:object_r:app_run_t:s0',
    '/srv/app/tmp(/.*)?\t<<none>>',
  ].join('\n');

  it('an exact path beats a regex, a longer fixed prefix beats a shorter one, a file type beats none', () => {
    const contexts = new FileContexts().addFile(text, 'fc');
    expect(contexts.lookup('/srv/app/run', 'socket')?.type).toBe('app_sock_t');
    expect(contexts.lookup('/srv/app/run', 'directory')?.type).toBe('app_run_t');
    expect(contexts.lookup('/srv/app/x.log', 'file')?.type).toBe('app_log_t');
    expect(contexts.lookup('/srv/app/x.log', 'directory')?.type).toBe('app_data_t');
    expect(contexts.lookup('/srv/other', 'directory')?.type).toBe('var_t');
    expect(contexts.lookup('/elsewhere', 'file')?.type).toBe('default_t');
    expect(contexts.lookup('/srv/app/tmp/x', 'file')).toMatchObject({ type: null, origin: 'fc:7' });
  });

  it('does not depend on the order of the file', () => {
    const reversed = new FileContexts().addFile(text.split('\n').reverse().join('\n'), 'fc');
    for (const path of ['/srv/app/run', '/srv/app/x.log', '/srv/other', '/srv/app']) {
      expect(reversed.lookup(path, 'file')?.type).toBe(new FileContexts().addFile(text, 'fc').lookup(path, 'file')?.type);
    }
  });

  it('skips the HOME_DIR templates only libsemanage expands', () => {
    const contexts = new FileContexts().addFile('HOME_DIR/\\.ssh(/.*)?\tsystem_u:object_r:ssh_home_t:s0\n/x\tsystem_u:object_r:x_t:s0\n', 'fc');
    expect(contexts.skippedTemplates).toBe(1);
    expect(contexts.size).toBe(1);
  });

  it.each([
    ['/x', 'a line with one field'],
    ['/x -q system_u:object_r:x_t:s0', 'an unknown file type'],
    ['/x([ system_u:object_r:x_t:s0', 'a broken regular expression'],
    ['/x system_u:object_r', 'a context without a type'],
    ['x system_u:object_r:x_t:s0', 'a relative path'],
  ])('rejects %j (%s), naming file and line', (line) => {
    expect(() => new FileContexts().addFile(`# comment\n${line}\n`, 'bad_fc')).toThrow(/^bad_fc:2: /);
  });
});
