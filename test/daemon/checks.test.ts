// Every daemon check on hand-made facts: what passes, what fails and with which
// message. The real-engine side is in engine.test.ts.
import { describe, expect, it } from 'vitest';
import { getDaemonCheck } from '../../src/daemon/checks/index.js';
import { effectiveConfig } from '../../src/daemon/config.js';
import { parseDaemonCommandLine } from '../../src/daemon/command-line.js';
import type { DaemonFacts, DaemonFile, LocalDaemon } from '../../src/daemon/types.js';

const NOW = '2027-03-01T00:00:00.000Z';

function local(argv: string[], file: Record<string, unknown> = {}, extra: Partial<LocalDaemon> = {}): LocalDaemon {
  return { pid: 42, command: argv, configFile: null, config: effectiveConfig(parseDaemonCommandLine(argv), file), files: [], certificates: [], unreadable: [], ...extra };
}

function facts(overrides: { engine?: Partial<DaemonFacts['engine']>; local?: LocalDaemon | null; endpoint?: DaemonFacts['endpoint'] } = {}): DaemonFacts {
  return {
    endpoint: overrides.endpoint ?? { url: 'unix:///var/run/docker.sock', transport: 'unix', tls: false },
    engine: {
      version: '20.10.24',
      liveRestore: true,
      loggingDriver: 'syslog',
      insecureRegistries: [],
      experimental: false,
      authorizationPlugins: ['opa-docker-authz'],
      securityOptions: ['name=seccomp,profile=default', 'name=userns'],
      ...overrides.engine,
    },
    local: overrides.local === undefined ? local(['dockerd', '--icc=false', '--no-new-privileges', '--userland-proxy=false']) : overrides.local,
    localUnavailable: null,
    checkedAt: NOW,
  };
}

const file = (role: DaemonFile['role'], path: string, mode: number, owner: [number, string | null] = [0, 'root'], group: [number, string | null] = [0, 'root']): DaemonFile => ({
  role, path, mode, uid: owner[0], owner: owner[1], gid: group[0], group: group[1],
});

function run(id: string, subject: DaemonFacts, params: object = {}): string[] {
  const check = getDaemonCheck(id);
  if (check === undefined) throw new Error(`no daemon check ${id}`);
  const results = check.evaluate(subject, { ...check.defaults, ...params });
  for (const result of results) expect(JSON.parse(JSON.stringify(result.evidence))).toEqual(result.evidence);
  return results.map((result) => result.message);
}

describe('daemon checks', () => {
  it('a hardened daemon passes every check', async () => {
    const { daemonChecks } = await import('../../src/daemon/checks/index.js');
    for (const check of daemonChecks) expect(run(check.id, facts()), check.id).toEqual([]);
  });

  it("'daemon-tcp-without-tls': tcp hosts without tlsverify, from the configuration or from afar", () => {
    expect(run('daemon-tcp-without-tls', facts({ local: local(['dockerd', '-H', 'tcp://0.0.0.0:2375', '-H', 'unix:///var/run/docker.sock']) }))).toEqual([
      'listens on tcp://0.0.0.0:2375 without TLS client verification (plain HTTP)',
    ]);
    expect(run('daemon-tcp-without-tls', facts({ local: local(['dockerd', '--tls'], { hosts: ['tcp://10.0.0.1:2376'] }) }))).toEqual([
      'listens on tcp://10.0.0.1:2376 without TLS client verification (tls without tlsverify accepts any client)',
    ]);
    expect(run('daemon-tcp-without-tls', facts({ local: local(['dockerd', '--tlsverify', '-H=tcp://0.0.0.0:2376']) }))).toEqual([]);
    expect(run('daemon-tcp-without-tls', facts({ local: null, endpoint: { url: 'tcp://10.0.0.1:2375', transport: 'tcp', tls: false } }))).toEqual([
      'answered plain HTTP on tcp://10.0.0.1:2375: anyone who reaches the port controls the engine',
    ]);
    expect(run('daemon-tcp-without-tls', facts({ local: null, endpoint: { url: 'tcp://10.0.0.1:2376', transport: 'tcp', tls: true } }))).toEqual([]);
  });

  it("'daemon-userns-remap': userns or rootless passes", () => {
    expect(run('daemon-userns-remap', facts({ engine: { securityOptions: ['name=seccomp,profile=default'] } }))).toHaveLength(1);
    expect(run('daemon-userns-remap', facts({ engine: { securityOptions: ['name=rootless'] } }))).toEqual([]);
  });

  it("'daemon-live-restore', 'daemon-experimental', 'daemon-authorization-plugin': from /info", () => {
    expect(run('daemon-live-restore', facts({ engine: { liveRestore: false } }))).toEqual(['has live-restore off: every container stops when dockerd restarts']);
    expect(run('daemon-experimental', facts({ engine: { experimental: true } }))).toEqual(['runs with experimental features enabled']);
    expect(run('daemon-authorization-plugin', facts({ engine: { authorizationPlugins: [] } }))).toHaveLength(1);
  });

  it("'daemon-icc': on by default, moot without the default bridge, unknown without local configuration", () => {
    expect(run('daemon-icc', facts({ local: local(['dockerd']) }))).toEqual(["allows inter-container communication on the default bridge (dockerd's default)"]);
    expect(run('daemon-icc', facts({ local: local(['dockerd', '--icc']) }))).toEqual(['allows inter-container communication on the default bridge (set by a dockerd flag)']);
    expect(run('daemon-icc', facts({ local: local(['dockerd'], { icc: true, bridge: 'none' }) }))).toEqual([]);
    expect(run('daemon-icc', facts({ local: local(['dockerd'], { icc: false }) }))).toEqual([]);
    expect(run('daemon-icc', facts({ local: null }))).toEqual([]);
  });

  it("'daemon-no-new-privileges' and 'daemon-userland-proxy': from flags or daemon.json", () => {
    expect(run('daemon-no-new-privileges', facts({ local: local(['dockerd'], { 'no-new-privileges': false }) }))).toEqual([
      'does not set no-new-privileges for containers by default (set in daemon.json)',
    ]);
    expect(run('daemon-userland-proxy', facts({ local: local(['dockerd', '--userland-proxy=true']) }))).toEqual(['uses the userland proxy for published ports (set by a dockerd flag)']);
    expect(run('daemon-userland-proxy', facts({ local: local(['dockerd'], { 'userland-proxy': false }) }))).toEqual([]);
  });

  it("'daemon-centralized-logging': local drivers fail, remote ones pass, the list is a param", () => {
    expect(run('daemon-centralized-logging', facts({ engine: { loggingDriver: 'json-file' } }))).toEqual(['logs containers with the json-file driver, which keeps logs only on the host']);
    expect(run('daemon-centralized-logging', facts({ engine: { loggingDriver: 'local' } }))).toHaveLength(1);
    expect(run('daemon-centralized-logging', facts({ engine: { loggingDriver: 'journald' } }), { localDrivers: ['json-file', 'local', 'journald'] })).toHaveLength(1);
  });

  it("'daemon-insecure-registries': one finding per registry, minus the allowed ones", () => {
    const subject = facts({ engine: { insecureRegistries: ['10.9.0.0/16', 'registry.internal:5000'] } });
    expect(run('daemon-insecure-registries', subject)).toEqual([
      'trusts the insecure registry 10.9.0.0/16 (no TLS verification)',
      'trusts the insecure registry registry.internal:5000 (no TLS verification)',
    ]);
    expect(run('daemon-insecure-registries', subject, { allowed: ['10.9.0.0/16'] })).toHaveLength(1);
  });

  it("'daemon-socket-permissions': root:docker 0660 passes; bits are compared, not numbers", () => {
    const judge = (socket: DaemonFile) => run('daemon-socket-permissions', facts({ local: local(['dockerd'], {}, { files: [socket] }) }));
    expect(judge(file('socket', '/run/docker.sock', 0o660, [0, 'root'], [105, 'docker']))).toEqual([]);
    expect(judge(file('socket', '/run/docker.sock', 0o600))).toEqual([]);
    // 0466 is "less than 0660" as a number, yet gives others read access.
    expect(judge(file('socket', '/run/docker.sock', 0o466))).toEqual(['socket /run/docker.sock has mode 0466, more than 0660 allows (extra bits 0006)']);
    expect(judge(file('socket', '/run/docker.sock', 0o660, [1000, 'alice'], [1000, 'alice']))).toEqual([
      'socket /run/docker.sock is owned by alice, not root',
      'socket /run/docker.sock belongs to group alice, expected root or docker',
    ]);
  });

  it("'daemon-config-permissions' and 'daemon-tls-file-permissions': octal limits as params", () => {
    const files = [file('daemon.json', '/etc/docker/daemon.json', 0o640), file('tls-ca', '/etc/docker/ca.pem', 0o444), file('tls-cert', '/etc/docker/cert.pem', 0o664), file('tls-key', '/etc/docker/key.pem', 0o400)];
    const subject = facts({ local: local(['dockerd'], {}, { files }) });
    expect(run('daemon-config-permissions', subject)).toEqual([]);
    expect(run('daemon-config-permissions', subject, { maxMode: '0600' })).toEqual(['daemon.json /etc/docker/daemon.json has mode 0640, more than 0600 allows (extra bits 0040)']);
    expect(run('daemon-tls-file-permissions', subject)).toEqual(['TLS server certificate /etc/docker/cert.pem has mode 0664, more than 0644 allows (extra bits 0020)']);
    expect(run('daemon-tls-file-permissions', subject, { certificateMaxMode: '0664', keyMaxMode: '0400' })).toEqual([]);
  });

  it("'daemon-tls-cert-expiry': within 30 days or expired", () => {
    const certificates = [
      { role: 'tls-cert' as const, path: '/etc/docker/cert.pem', notAfter: '2027-03-21T00:00:00.000Z' },
      { role: 'tls-ca' as const, path: '/etc/docker/ca.pem', notAfter: '2027-02-27T00:00:00.000Z' },
      { role: 'tls-ca' as const, path: '/etc/docker/other-ca.pem', notAfter: '2027-05-01T00:00:00.000Z' },
    ];
    const subject = facts({ local: local(['dockerd'], {}, { certificates }) });
    expect(run('daemon-tls-cert-expiry', subject)).toEqual([
      'TLS server certificate /etc/docker/cert.pem expires in 20 day(s) (2027-03-21T00:00:00.000Z)',
      'TLS CA certificate /etc/docker/ca.pem expired 2 day(s) ago (2027-02-27T00:00:00.000Z)',
    ]);
    expect(run('daemon-tls-cert-expiry', subject, { warnDays: 10 })).toHaveLength(1);
  });
});

describe('dockerd command line', () => {
  it('reads long, short, inline and boolean flags the way pflag does', () => {
    const flags = parseDaemonCommandLine(['dockerd', '-H', 'fd://', '-Hunix:///a.sock', '--host=tcp://0.0.0.0:2375', '--live-restore', '--icc=false', '--config-file', '/etc/x.json', '--debug', '--log-level', 'warn']);
    expect(Object.fromEntries(flags)).toEqual({
      host: ['fd://', 'unix:///a.sock', 'tcp://0.0.0.0:2375'],
      'live-restore': ['true'],
      icc: ['false'],
      'config-file': ['/etc/x.json'],
      debug: ['true'],
      'log-level': ['warn'],
    });
  });

  it('merges flags over daemon.json over defaults, remembering where each came from', () => {
    const config = effectiveConfig(parseDaemonCommandLine(['dockerd', '--tlsverify']), { icc: false, hosts: ['unix:///x.sock'], tlscert: '/c.pem' });
    expect(config.tls).toEqual({ value: true, source: 'flag' });
    expect(config.icc).toEqual({ value: false, source: 'daemon.json' });
    expect(config.userlandProxy).toEqual({ value: true, source: 'default' });
    expect(config.hosts).toEqual({ value: ['unix:///x.sock'], source: 'daemon.json' });
    expect(config.tlscert).toEqual({ value: '/c.pem', source: 'daemon.json' });
  });
});
