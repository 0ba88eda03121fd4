import { check } from '../../../src/policy/checks/sensitive-host-mounts.js';
import { bind, tmpfs, volume } from './mounts.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

runCheckTable(check, {
  pass: [
    spec(),
    hardenedSpec(),
    spec({ mounts: [bind('/srv/app-data', '/data'), bind('/home/dev/project', '/app')] }),
    // A tmpfs or a volume is never a host mount, whatever its destination (the peer reports a tmpfs at /usr).
    spec({ mounts: [tmpfs('/usr'), volume('etc-data', '/etc')] }),
    // Prefix by segment: /etcetera is not /etc, /usrlocal is not /usr.
    spec({ mounts: [bind('/etcetera', '/x'), bind('/usrlocal', '/y')] }),
    // `/` in the list only matches `/` itself, or every path would be sensitive.
    { spec: spec({ mounts: [bind('/srv', '/srv')] }), params: { paths: ['/'] } },
    { name: 'read-only when allowReadOnly is set', spec: spec({ mounts: [bind('/etc', '/host/etc', { readOnly: true })] }), params: { allowReadOnly: true } },
  ],
  fail: [
    [spec({ mounts: [bind('/etc', '/host/etc')] }), /^mounts host path \/etc read-write at \/host\/etc$/],
    // Read-only still hands out /etc/shadow: the peer lets it pass.
    [spec({ mounts: [bind('/etc', '/host/etc', { readOnly: true })] }), /^mounts host path \/etc read-only at \/host\/etc$/],
    // Below a sensitive path.
    [spec({ mounts: [bind('/etc/ssl/private', '/certs', { readOnly: true })] }), /host path \/etc\/ssl\/private read-only/],
    [spec({ mounts: [bind('/var/lib/docker/volumes', '/v')] }), /\/var\/lib\/docker\/volumes/],
    // Above a sensitive path: / and /var expose /var/lib/docker.
    [spec({ mounts: [bind('/', '/host')] }), /^mounts host path \/ read-write at \/host$/],
    [spec({ mounts: [bind('/var', '/host-var', { readOnly: true })] }), /^mounts host path \/var read-only at \/host-var, which exposes .*\/var\/lib\/docker/],
    [spec({ mounts: [bind('/var/lib', '/l')] }), /which exposes \/var\/lib\/containerd, \/var\/lib\/docker, \/var\/lib\/kubelet$/],
    // Paths beyond the peer's eight.
    [spec({ mounts: [bind('/root/.ssh', '/keys'), bind('/var/log', '/logs'), bind('/bin', '/b')] }), [/\/root\/\.ssh/, /\/var\/log/, /\/bin/]],
    // One result per offending mount; harmless mounts in between do not count.
    [
      spec({ mounts: [bind('/proc', '/host/proc'), volume('data', '/data'), bind('/sys', '/host/sys'), tmpfs('/tmp')] }),
      [/\/proc read-write at \/host\/proc/, /\/sys read-write at \/host\/sys/],
    ],
    // A trailing slash in the spec or the policy does not hide the match.
    [spec({ mounts: [bind('/opt/secrets/', '/s')] }), /host path \/opt\/secrets read-write/, { paths: ['/opt/secrets/'] }],
    // allowReadOnly never excuses a read-write mount.
    [spec({ mounts: [bind('/dev', '/dev')] }), /\/dev read-write/, { allowReadOnly: true }],
  ],
});
