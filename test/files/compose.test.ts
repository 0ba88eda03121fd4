// Compose files -> ContainerSpec (every field the builder reads) and findings located on
// the key that caused them. Fixture: fixtures/compose-all.yaml, lines found by `# L:` markers.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectFromFiles } from '../../src/audit/collect-files.js';
import type { ContainerSpec } from '../../src/spec/types.js';
import type { AuditReport } from '../../src/report/types.js';
import { auditFiles, expectedRows, FIXTURES, locationRows } from './support.js';

const FILE = `${FIXTURES}compose-all.yaml`;
const SHOWN = 'test/files/fixtures/compose-all.yaml';

describe('compose file -> ContainerSpec', () => {
  const specs = new Map<string, ContainerSpec>();
  beforeAll(() => {
    for (const spec of collectFromFiles([FILE]).specs) specs.set(spec.name, spec);
  });
  const spec = (name: string): ContainerSpec => specs.get(name) as ContainerSpec;

  it('names each spec after its service, with a stable synthetic id and the file as source', () => {
    expect([...specs.keys()]).toEqual(['risky', 'mounts', 'net', 'secopts', 'sysctl-list', 'api']);
    expect(spec('net').id).toBe(`${SHOWN}#services/net`);
    expect(spec('net').source).toEqual({ kind: 'compose', location: SHOWN });
    expect(spec('net').state).toEqual({ status: 'created', running: false, exitCode: null, startedAt: null });
  });

  it('reads privileged, host namespaces, restart, healthcheck disable, cgroup_parent, image and list labels', () => {
    const risky = spec('risky');
    expect(risky.privileged).toBe(true);
    expect(risky.allDevices).toBe(true);
    expect(risky.capabilities.effective).toContain('SYS_ADMIN');
    expect(risky.security.seccomp.mode).toBe('unconfined');
    for (const ns of ['network', 'pid', 'ipc', 'uts', 'userns'] as const) expect(risky.namespaces[ns]).toEqual({ mode: 'host', target: null, raw: 'host' });
    expect(risky.restartPolicy).toEqual({ name: 'always', maximumRetryCount: 0 });
    expect(risky.healthcheck).toEqual({ configured: false, disabled: true, test: ['NONE'], status: null });
    expect(risky.cgroupParent).toBe('/custom');
    expect(risky.image).toEqual({ ref: 'nginx', id: null, repository: 'nginx', tag: null, digest: null });
    expect(risky.labels).toEqual({ 'com.example.tier': 'edge', 'com.example.bare': '' });
    expect(risky.user).toEqual({ raw: '', user: '', group: null, isRoot: true });
  });

  it('reads short and long volumes, relative host paths, bind-backed named volumes, tmpfs and devices', () => {
    const mounts = spec('mounts');
    expect(mounts.mounts).toEqual([
      { type: 'bind', source: '/etc', hostPath: '/etc', destination: '/host/etc', readOnly: true, propagation: 'rprivate' },
      { type: 'bind', source: resolve(FIXTURES, 'data'), hostPath: resolve(FIXTURES, 'data'), destination: '/data', readOnly: false, propagation: 'rprivate' },
      { type: 'volume', source: 'db', hostPath: null, destination: '/var/lib/db', readOnly: false, propagation: null },
      { type: 'bind', source: '/var/run/docker.sock', hostPath: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly: false, propagation: 'rprivate' },
      { type: 'bind', source: '/srv/shared', hostPath: '/srv/shared', destination: '/shared', readOnly: false, propagation: 'rshared' },
      { type: 'volume', source: null, hostPath: null, destination: '/cache', readOnly: false, propagation: null },
      { type: 'bind', source: '/lib/modules', hostPath: '/lib/modules', destination: '/lib/modules', readOnly: true, propagation: 'rslave' },
      { type: 'bind', source: resolve(FIXTURES, '../up'), hostPath: resolve(FIXTURES, '../up'), destination: '/up', readOnly: false, propagation: 'rprivate' },
      // A local volume with `o: bind` is its device directory on the host.
      { type: 'volume', source: 'hostdir', hostPath: '/root', destination: '/hostdir', readOnly: false, propagation: null },
      { type: 'tmpfs', source: null, hostPath: null, destination: '/scratch', readOnly: false, propagation: null },
      { type: 'tmpfs', source: null, hostPath: null, destination: '/run', readOnly: false, propagation: null },
    ]);
    expect(mounts.engineSockets).toEqual([
      { engine: 'docker', hostPath: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly: false, via: 'socket', socketPath: '/var/run/docker.sock' },
    ]);
    expect(mounts.devices).toEqual([
      { hostPath: '/dev/fuse', containerPath: '/dev/fuse', permissions: 'rwm' },
      { hostPath: '/dev/sda', containerPath: '/dev/xvda', permissions: 'r' },
      { hostPath: '/dev/net/tun', containerPath: '/dev/tun', permissions: 'rw' },
    ]);
  });

  it('merges `<<: *anchor` keys: read_only, restart, security_opt, mem_limit, cpus, pids_limit, user, healthcheck', () => {
    const mounts = spec('mounts');
    expect(mounts.readOnlyRootfs).toBe(true);
    expect(mounts.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(mounts.security.noNewPrivileges).toBe(true);
    expect(mounts.security.raw).toEqual(['no-new-privileges:true']);
    expect(mounts.security.apparmor).toEqual({ mode: 'default', profile: null });
    expect(mounts.resources).toMatchObject({ memory: 64 * 1024 ** 2, nanoCpus: 500_000_000, pidsLimit: 64 });
    expect(mounts.user).toEqual({ raw: '1000:1000', user: '1000', group: '1000', isRoot: false });
    expect(mounts.healthcheck).toEqual({ configured: true, disabled: false, test: ['CMD', 'true'], status: null });
    // The service's own key wins over the anchor's.
    expect(spec('net').restartPolicy.name).toBe('unless-stopped');
  });

  it('publishes short ports with addresses, ranges, IPv6, ephemeral host ports, and long-syntax ports', () => {
    const ports = spec('net').ports.map((p) => [p.hostIp, p.hostPort, p.containerPort, p.protocol, p.allInterfaces, p.privilegedHostPort]);
    expect(ports).toEqual([
      ['127.0.0.1', 8080, 80, 'tcp', false, false],
      ['', 443, 8443, 'tcp', true, true],
      ['', 9000, 7000, 'udp', true, false],
      ['', 9001, 7001, 'udp', true, false],
      ['::1', 8081, 81, 'tcp', false, false],
      ['', null, 3000, 'tcp', true, false],
      ['0.0.0.0', 53, 53, 'udp', true, true],
    ]);
    expect(spec('net').namespaces.ipc).toEqual({ mode: 'container', target: 'mounts', raw: 'container:mounts' });
    expect(spec('api').namespaces.network).toEqual({ mode: 'container', target: 'net', raw: 'container:net' });
  });

  it('reads security_opt, capabilities, map sysctls, ulimits, deploy limits and restart_policy, string healthcheck, map labels', () => {
    const secopts = spec('secopts');
    expect(secopts.security).toEqual({
      seccomp: { mode: 'unconfined', profile: null },
      apparmor: { mode: 'unconfined', profile: 'unconfined' },
      selinux: { disabled: false, user: null, role: null, type: 'spc_t', level: null },
      noNewPrivileges: false,
      raw: ['seccomp=unconfined', 'apparmor:unconfined', 'label=type:spc_t', 'no-new-privileges=false'],
    });
    expect(secopts.capabilities.added).toEqual(['SYS_ADMIN', 'NET_ADMIN']);
    expect(secopts.capabilities.dropped).toEqual(['MKNOD']);
    expect(secopts.capabilities.beyondDefault).toEqual(['NET_ADMIN', 'SYS_ADMIN']);
    expect(secopts.capabilities.effective).not.toContain('MKNOD');
    expect(secopts.sysctls).toEqual({ 'net.ipv4.ip_forward': '1', 'net.core.somaxconn': '1024' });
    expect(secopts.ulimits).toEqual([
      { name: 'nproc', soft: 65535, hard: 65535 },
      { name: 'nofile', soft: 1024, hard: 2048 },
    ]);
    expect(secopts.resources).toMatchObject({ memory: 128 * 1024 ** 2, nanoCpus: 250_000_000, pidsLimit: 100 });
    expect(secopts.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 10 });
    expect(secopts.healthcheck.test).toEqual(['CMD-SHELL', 'curl -f http://localhost/ || exit 1']);
    expect(secopts.labels).toEqual({ 'com.example.team': 'security' });
    expect(secopts.user.isRoot).toBe(true);
    expect(spec('sysctl-list').sysctls).toEqual({ 'kernel.shm_rmid_forced': '1', 'kernel.msgmax': '65536' });
    expect(spec('sysctl-list').capabilities.effective).toEqual(['NET_BIND_SERVICE']);
  });

  it('gives a build-only service the image compose would build, and use_api_socket the engine socket', () => {
    expect(spec('api').image.ref).toBe('demo-api');
    expect(spec('api').engineSockets.map((e) => e.hostPath)).toEqual(['/var/run/docker.sock']);
  });

  it('keeps the spec plain JSON: positions are not inside it', () => {
    const risky = spec('risky');
    expect(JSON.parse(JSON.stringify(risky))).toEqual(risky);
  });
});

describe('compose findings carry file and line of the offending key', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await auditFiles([FILE]);
  });

  it('reports the target as the compose file', () => {
    expect(report.target).toEqual({ kind: 'compose', host: SHOWN, engineVersion: null, apiVersion: null });
    expect(report.findings.every((f) => f.location?.file === SHOWN)).toBe(true);
    // `location` follows `container` in the JSON.
    expect(Object.keys(report.findings[0] as object).slice(0, 4)).toEqual(['ruleId', 'severity', 'container', 'location']);
  });

  it('points every finding at its key, or at the service when the setting is absent', () => {
    expect(locationRows(report)).toEqual(
      expectedRows(FILE, [
        ['risky', 'no-privileged', 'risky-privileged'],
        ['risky', 'capabilities', 'risky-privileged'],
        ['risky', 'seccomp-unconfined', 'risky-privileged'],
        ['risky', 'apparmor-unconfined', 'risky-privileged'],
        ['risky', 'selinux-options', 'risky-privileged'],
        ['risky', 'host-devices', 'risky-privileged'],
        ['risky', 'host-network', 'risky-network'],
        ['risky', 'host-pid', 'risky-pid'],
        ['risky', 'host-ipc', 'risky-ipc'],
        ['risky', 'host-uts', 'risky-uts'],
        ['risky', 'host-userns', 'risky-userns'],
        ['risky', 'restart-policy', 'risky-restart'],
        ['risky', 'healthcheck', 'risky-healthcheck'],
        ['risky', 'cgroup-parent', 'risky-cgroup'],
        ['risky', 'image-tag-pinned', 'risky-image'],
        ['risky', 'no-new-privileges', 'risky'],
        ['risky', 'read-only-rootfs', 'risky'],
        ['risky', 'run-as-non-root', 'risky'],
        ['risky', 'cpu-limit', 'risky'],
        ['risky', 'memory-limit', 'risky'],
        ['risky', 'pids-limit', 'risky'],
        ['mounts', 'capabilities', 'mounts'],
        ['mounts', 'docker-socket-mount', 'mounts-socket'],
        ['mounts', 'sensitive-host-mounts', 'mounts-etc'],
        ['mounts', 'sensitive-host-mounts', 'mounts-long-bind'],
        ['mounts', 'sensitive-host-mounts', 'mounts-long-volume'],
        ['mounts', 'host-bind-mounts', 'mounts-etc'],
        ['mounts', 'host-bind-mounts', 'mounts-relative'],
        ['mounts', 'host-bind-mounts', 'mounts-socket'],
        ['mounts', 'host-bind-mounts', 'mounts-rshared'],
        ['mounts', 'host-bind-mounts', 'mounts-long-bind'],
        ['mounts', 'host-bind-mounts', 'mounts-long-relative'],
        ['mounts', 'host-bind-mounts', 'mounts-long-volume'],
        ['mounts', 'mount-propagation', 'mounts-rshared'],
        ['mounts', 'host-devices', 'mounts-device-short'],
        ['mounts', 'host-devices', 'mounts-device-mapped'],
        ['mounts', 'host-devices', 'mounts-device-long'],
        ['net', 'capabilities', 'net'],
        ['net', 'privileged-ports', 'net-all'],
        ['net', 'privileged-ports', 'net-long'],
        ['net', 'ports-all-interfaces', 'net-all'],
        ['net', 'ports-all-interfaces', 'net-range'],
        ['net', 'ports-all-interfaces', 'net-range'],
        ['net', 'ports-all-interfaces', 'net-ephemeral'],
        ['net', 'ports-all-interfaces', 'net-long'],
        ['net', 'shared-namespaces', 'net-ipc'],
        ['net', 'restart-policy', 'net-restart'],
        ['secopts', 'capabilities', 'secopts-net-admin'],
        ['secopts', 'no-new-privileges', 'secopts-nnp'],
        ['secopts', 'run-as-non-root', 'secopts-user'],
        ['secopts', 'seccomp-unconfined', 'secopts-seccomp'],
        ['secopts', 'apparmor-unconfined', 'secopts-apparmor'],
        ['secopts', 'selinux-options', 'secopts-label'],
        ['secopts', 'unsafe-sysctls', 'secopts-sysctl-map'],
        ['secopts', 'unsafe-sysctls', 'secopts-sysctl-somaxconn'],
        ['secopts', 'ulimits-override', 'secopts-ulimits'],
        ['secopts', 'restart-policy', 'secopts-restart'],
        ['sysctl-list', 'unsafe-sysctls', 'sysctl-list-unsafe'],
        ['api', 'capabilities', 'api'],
        ['api', 'docker-socket-mount', 'api-socket'],
        ['api', 'host-bind-mounts', 'api-socket'],
        ['api', 'shared-namespaces', 'api-network'],
        ['api', 'image-tag-pinned', 'api'],
      ]),
    );
  });

  it('points at the anchor for a setting merged from it, and at the service key that overrides it', async () => {
    const { findings } = await auditFiles([FILE], [`${FIXTURES}policy-retries.yaml`]);
    expect(locationRows({ findings } as AuditReport)).toEqual(
      expectedRows(FILE, [
        ['risky', 'restart-policy', 'risky-restart'],
        ['mounts', 'restart-policy', 'anchor-restart'],
        ['net', 'restart-policy', 'net-restart'],
        ['secopts', 'restart-policy', 'secopts-restart'],
        ['sysctl-list', 'restart-policy', 'anchor-restart'],
        ['api', 'restart-policy', 'anchor-restart'],
      ]),
    );
  });
});
