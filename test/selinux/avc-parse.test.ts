// One line at a time: every log shape harden reads, and what it refuses.
import { describe, expect, it } from 'vitest';
import { MAX_AVC_LINE_LENGTH, parseAvcLine, parseSecurityContext, type AvcDenial } from '../../src/selinux/avc-parse.js';
import { parseAuditStamp } from '../../src/selinux/avc-time.js';

const RAW =
  'type=AVC msg=audit(1433073250.049:392): avc:  denied  { write } for  pid=2379 comm="httpd" path="pipe:[19550]" dev="pipefs" ino=19550 scontext=system_u:system_r:docker_apache_t:s0:c740,c787 tcontext=system_u:system_r:init_t:s0 tclass=fifo_file permissive=1';

function denial(line: string): AvcDenial {
  const parsed = parseAvcLine(line);
  if (parsed.kind !== 'denial') throw new Error(`expected a denial, got ${JSON.stringify(parsed)}`);
  return parsed.denial;
}

describe('parseAvcLine', () => {
  it('reads a raw audit.log AVC: types, class, permissions, time, comm and path', () => {
    expect(denial(RAW)).toEqual({
      source: 'docker_apache_t',
      target: 'init_t',
      tclass: 'fifo_file',
      permissions: ['write'],
      time: Date.UTC(2015, 4, 31, 11, 54, 10, 49),
      comm: 'httpd',
      object: 'pipe:[19550]',
    });
  });

  it('reads USER_AVC, whose fields sit inside msg=\'...\' and whose class may carry the closing quote', () => {
    const line =
      "type=USER_AVC msg=audit(1433073251.500:400): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='avc:  denied  { status } for auid=n/a uid=0 gid=0 path=\"/lib/systemd/system/ssh.service\" cmdline=\"\" scontext=system_u:system_r:sshd_t:s0 tcontext=system_u:system_r:init_t:s0 tclass=system'";
    expect(denial(line)).toMatchObject({ source: 'sshd_t', target: 'init_t', tclass: 'system', permissions: ['status'], object: '/lib/systemd/system/ssh.service', comm: null });
  });

  it('reads `ausearch -i` output: interpreted local time stamp, unquoted comm', () => {
    const line =
      'type=AVC msg=audit(05/31/2015 12:34:10.049:400) : avc:  denied  { read open } for  pid=2379 comm=httpd name=passwd dev="sda1" ino=5 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=1 ';
    expect(denial(line)).toMatchObject({ source: 'httpd_t', target: 'etc_t', tclass: 'file', permissions: ['read', 'open'], comm: 'httpd', object: 'passwd' });
    expect(denial(line).time).toBe(new Date(2015, 4, 31, 12, 34, 10, 49).getTime());
  });

  it.each([
    ['dmesg', '[ 1234.567890] audit: type=1400 audit(1433073250.049:402): avc:  denied  { write } for  pid=2379 comm="httpd"'],
    ['syslog', 'May 31 12:34:10 web01 kernel: [ 1234.567890] audit: type=1400 audit(1433073250.049:402): avc:  denied  { write } for  pid=2379 comm="httpd"'],
    ['journald', 'May 31 12:34:10 web01 kernel: audit: type=1400 audit(1433073250.049:402): avc:  denied  { write } for  pid=2379 comm="httpd"'],
  ])('reads a %s line: the prefix before audit: only gives the time', (_shape, prefix) => {
    const parsed = denial(`${prefix} scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:var_log_t:s0 tclass=dir permissive=0`);
    expect(parsed).toMatchObject({ source: 'httpd_t', target: 'var_log_t', tclass: 'dir', permissions: ['write'], time: Date.UTC(2015, 4, 31, 11, 54, 10, 49) });
  });

  it('reads a journald USER_AVC line without an audit(...) stamp, with tabs between fields', () => {
    const line = "May 31 12:34:10 web01 audit[1]: USER_AVC pid=1 uid=0 msg='avc:\tdenied\t{ send_msg } for msgtype=method_call scontext=system_u:system_r:crond_t:s0 tcontext=system_u:system_r:system_dbusd_t:s0-s0:c0.c1023 tclass=dbus permissive=0 exe=\"/usr/bin/dbus-daemon\" sauid=81'";
    expect(denial(line)).toMatchObject({ source: 'crond_t', target: 'system_dbusd_t', tclass: 'dbus', permissions: ['send_msg'], time: null });
  });

  it('ignores other records, granted AVCs and AVC notices', () => {
    const ignored = [
      '',
      'type=SYSCALL msg=audit(1433073250.049:392): arch=c000003e syscall=2 success=no exit=-13 comm="httpd" subj=system_u:system_r:httpd_t:s0 key=(null)',
      'type=PATH msg=audit(1433073250.049:392): item=0 name="/etc/avc: odd" obj=system_u:object_r:etc_t:s0',
      '----',
      'type=AVC msg=audit(1433073250.049:392): avc:  granted  { setenforce } for  pid=1 comm="setenforce" scontext=system_u:system_r:sysadm_t:s0 tcontext=system_u:object_r:security_t:s0 tclass=security',
      "type=USER_AVC msg=audit(1433073250.049:393): pid=1 uid=0 msg='avc:  received policyload notice (seqno=2)  exe=\"/lib/systemd/systemd\"'",
      'type=1400 audit(1433073250.049:394): avc:  op=setenforce lsm=selinux enforcing=0 old_enforcing=1',
    ];
    for (const line of ignored) expect(parseAvcLine(line).kind, line).toBe('ignored');
  });

  it.each([
    ['truncated in the permissions', 'type=AVC msg=audit(1433073250.049:392): avc:  denied  { wri'],
    ['truncated before the class', RAW.slice(0, RAW.indexOf(' tclass='))],
    ['no verdict', 'type=AVC msg=audit(1433073250.049:392): avc:'],
    ['an unknown verdict', 'type=AVC msg=audit(1433073250.049:392): avc:  denie { write } for'],
    ['no permission list', RAW.replace('{ write }', 'write')],
    ['an empty permission list', RAW.replace('{ write }', '{ }')],
    ['a permission that is no identifier', RAW.replace('{ write }', '{ wr;te }')],
    ['a context without a type', RAW.replace('scontext=system_u:system_r:docker_apache_t:s0:c740,c787', 'scontext=system_u:system_r')],
    ['a type with punctuation', RAW.replace('init_t', 'init_t;allow')],
    ['a class with punctuation', RAW.replace('tclass=fifo_file', 'tclass=fifo{file')],
    ['a line over the length limit', `${RAW} ${'x'.repeat(MAX_AVC_LINE_LENGTH)}`],
  ])('counts a denial with %s as malformed', (_what, line) => {
    expect(parseAvcLine(line).kind).toBe('malformed');
  });

  it('keeps classes and permissions it has never heard of (audit2allow keeps unknown classes too)', () => {
    expect(denial(RAW.replace('tclass=fifo_file', 'tclass=io_uring').replace('{ write }', '{ override_creds sqpoll }'))).toMatchObject({ tclass: 'io_uring', permissions: ['override_creds', 'sqpoll'] });
  });
});

describe('parseSecurityContext', () => {
  it('splits user:role:type and keeps the whole MLS level, colons and commas included', () => {
    expect(parseSecurityContext('system_u:system_r:docker_apache_t:s0:c740,c787')).toEqual({ user: 'system_u', role: 'system_r', type: 'docker_apache_t', level: 's0:c740,c787' });
    expect(parseSecurityContext('system_u:system_r:sshd_t:s0-s15:c0.c1023')?.level).toBe('s0-s15:c0.c1023');
    expect(parseSecurityContext('user_u:user_r:user_t')).toEqual({ user: 'user_u', role: 'user_r', type: 'user_t', level: null });
  });

  it('refuses what is not a context', () => {
    for (const text of ['', 'system_u', 'system_u:system_r', 'system_u::httpd_t:s0', ':system_r:httpd_t', 'a:b:c d:s0']) expect(parseSecurityContext(text), text).toBeNull();
  });
});

describe('parseAuditStamp', () => {
  it('reads raw seconds and the locale shapes of ausearch -i', () => {
    expect(parseAuditStamp('msg=audit(1433073250.049:392)')).toBe(Date.UTC(2015, 4, 31, 11, 54, 10, 49));
    expect(parseAuditStamp('msg=audit(1433073250:392)')).toBe(Date.UTC(2015, 4, 31, 11, 54, 10));
    const local = new Date(2015, 4, 31, 12, 34, 10, 49).getTime();
    expect(parseAuditStamp('msg=audit(05/31/2015 12:34:10.049:400)')).toBe(local);
    expect(parseAuditStamp('msg=audit(05/31/15 12:34:10.049:400)')).toBe(local);
    expect(parseAuditStamp('msg=audit(31.05.2015 12:34:10.049:400)')).toBe(local);
    expect(parseAuditStamp('msg=audit(2015-05-31 12:34:10.049:400)')).toBe(local);
  });

  it('gives null for no stamp or one it cannot read', () => {
    for (const text of ['May 31 12:34:10 host audit[1]: USER_AVC', 'audit()', 'audit(13/45/2015 12:34:10.049:400)', 'audit(yesterday:1)']) expect(parseAuditStamp(text), text).toBeNull();
  });
});
