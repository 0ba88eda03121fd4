// Daemon checks against real dockerd processes: the sandbox engine (flags only, no
// daemon.json), a TLS engine started with --config-file from its own daemon.json
// (live-restore, icc, insecure registries, a certificate that expires in 10 days),
// and a plain-TCP engine with experimental features.
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import type { Finding } from '../../src/policy/types.js';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { freeLoopbackPort } from '../helpers/ports.js';
import { startCustomEngine, type CustomEngine } from './custom-engine.js';

const summary = (findings: Finding[]) => findings.filter((finding) => finding.scope === 'daemon').map((finding) => `${finding.ruleId}: ${finding.message}`);

async function audit(host: string, extra: { tlsVerify?: boolean; tlsCaCert?: string; tlsCert?: string; tlsKey?: string } = {}, policies: string[] = []) {
  return runAudit({ source: { kind: 'engine', flags: { host, ...extra }, env: {} }, runningOnly: false, policies, failOn: 'high' });
}

describe('the sandbox engine (flags only, no daemon.json)', () => {
  let engine: TestEngine;
  const policyDir = '/tmp/hd-cdsb-policy';
  beforeAll(async () => {
    engine = await startEngine('cdsb');
    await engine.docker('create', '--network', 'none', '--name', 'plain', 'local/busybox:1', 'sleep', '1');
  });
  afterAll(async () => {
    await engine.stop();
    const { rm } = await import('node:fs/promises');
    await rm(policyDir, { recursive: true, force: true });
  });

  it('reports exactly the daemon settings it runs with, worst first, without a container', async () => {
    const report = await audit(engine.host);
    expect(summary(report.findings)).toEqual([
      "daemon-no-new-privileges: does not set no-new-privileges for containers by default (dockerd's default)",
      'daemon-userns-remap: runs containers without user namespace remapping: root in a container is root on the host',
      'daemon-authorization-plugin: has no authorization plugin: every client with API access may do anything',
      'daemon-centralized-logging: logs containers with the json-file driver, which keeps logs only on the host',
      'daemon-live-restore: has live-restore off: every container stops when dockerd restarts',
      "daemon-userland-proxy: uses the userland proxy for published ports (dockerd's default)",
    ]);
    const daemon = report.findings.filter((finding) => finding.scope === 'daemon');
    expect(daemon.every((finding) => finding.container === undefined && finding.host === undefined)).toBe(true);
    expect(daemon[0]?.evidence).toEqual({ setting: 'no-new-privileges', value: false, source: 'default' });
    expect(daemon[0]?.remediation).toEqual({ run: '--no-new-privileges', compose: '"no-new-privileges": true' });
    // The container is still audited next to the daemon.
    expect(report.findings.some((finding) => finding.container?.name === 'plain')).toBe(true);
    expect(report.rules.filter((rule) => rule.scope === 'daemon')).toHaveLength(14);
  });

  it('judges the socket by octal bits: 0666 and 0606 fail, 0600 passes', async () => {
    try {
      await chmod(engine.socket, 0o666);
      expect(summary((await audit(engine.host)).findings).filter((line) => line.startsWith('daemon-socket'))).toEqual([
        `daemon-socket-permissions: socket ${engine.socket} has mode 0666, more than 0660 allows (extra bits 0006)`,
      ]);
      await chmod(engine.socket, 0o606);
      expect(summary((await audit(engine.host)).findings).filter((line) => line.startsWith('daemon-socket'))).toEqual([
        `daemon-socket-permissions: socket ${engine.socket} has mode 0606, more than 0660 allows (extra bits 0006)`,
      ]);
      await chmod(engine.socket, 0o600);
      expect(summary((await audit(engine.host)).findings).filter((line) => line.startsWith('daemon-socket'))).toEqual([]);
    } finally {
      await chmod(engine.socket, 0o660);
    }
  });

  it('lets a policy turn a daemon check off and change another one\'s severity', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(policyDir, { recursive: true });
    const policy = join(policyDir, 'policy.yaml');
    await writeFile(policy, 'name: daemon-tuning\nextends: baseline\nchecks:\n  daemon-userns-remap: false\n  daemon-live-restore:\n    severity: high\n');
    const report = await audit(engine.host, {}, [policy]);
    const ids = report.findings.filter((finding) => finding.scope === 'daemon').map((finding) => `${finding.severity} ${finding.ruleId}`);
    expect(ids).toEqual(['high daemon-live-restore', 'medium daemon-no-new-privileges', 'low daemon-authorization-plugin', 'low daemon-centralized-logging', 'low daemon-userland-proxy']);
  });
});

describe('a TLS engine started with --config-file (its own daemon.json)', () => {
  let engine: CustomEngine;
  let set = '';
  let tcpHost = '';
  beforeAll(async () => {
    const port = await freeLoopbackPort();
    tcpHost = `tcp://127.0.0.1:${port}`;
    set = '/tmp/hd-cdtls-set';
    const { rm } = await import('node:fs/promises');
    await rm(set, { recursive: true, force: true });
    const init = await harden(['tls', 'init', '127.0.0.1', '--days', '10', '--out', set, '--listen', tcpHost, '--local-socket', 'unix:///tmp/hd-cdtls/docker.sock', '--daemon-dir', set]);
    expect(init.code, init.stderr).toBe(0);
    engine = await startCustomEngine(
      'cdtls',
      {
        tlsverify: true,
        tlscacert: join(set, 'ca.pem'),
        tlscert: join(set, 'server-cert.pem'),
        tlskey: join(set, 'server-key.pem'),
        'live-restore': true,
        icc: true,
        'no-new-privileges': true,
        'userland-proxy': false,
        'insecure-registries': ['registry.internal:5000', '10.9.0.0/16'],
      },
      [tcpHost],
    );
  });
  afterAll(async () => {
    await engine.stop();
    const { rm } = await import('node:fs/promises');
    await rm(set, { recursive: true, force: true });
  });

  it('reads the daemon.json named by --config-file and its files: exact findings', async () => {
    const report = await audit(engine.host);
    const lines = summary(report.findings);
    const expiry = lines.find((line) => line.startsWith('daemon-tls-cert-expiry')) ?? '';
    expect(expiry).toMatch(new RegExp(`^daemon-tls-cert-expiry: TLS server certificate ${set}/server-cert.pem expires in (9|10) day\\(s\\) \\(20\\d\\d-`));
    expect(lines).toEqual([
      'daemon-insecure-registries: trusts the insecure registry 10.9.0.0/16 (no TLS verification)',
      'daemon-insecure-registries: trusts the insecure registry registry.internal:5000 (no TLS verification)',
      expiry,
      'daemon-userns-remap: runs containers without user namespace remapping: root in a container is root on the host',
      'daemon-authorization-plugin: has no authorization plugin: every client with API access may do anything',
      'daemon-centralized-logging: logs containers with the json-file driver, which keeps logs only on the host',
    ]);
  });

  it('flags daemon.json, the server key and the CA by octal bits once their modes are loosened', async () => {
    try {
      await chmod(engine.configFile, 0o664);
      await chmod(join(set, 'server-key.pem'), 0o640);
      await chmod(join(set, 'ca.pem'), 0o466);
      const lines = summary((await audit(engine.host)).findings).filter((line) => /permissions/.test(line));
      expect(lines).toEqual([
        `daemon-config-permissions: daemon.json ${engine.configFile} has mode 0664, more than 0644 allows (extra bits 0020)`,
        `daemon-tls-file-permissions: TLS CA certificate ${set}/ca.pem has mode 0466, more than 0644 allows (extra bits 0022)`,
        `daemon-tls-file-permissions: TLS server key ${set}/server-key.pem has mode 0640, more than 0600 allows (extra bits 0040)`,
      ]);
    } finally {
      await chmod(engine.configFile, 0o644);
      await chmod(join(set, 'server-key.pem'), 0o600);
      await chmod(join(set, 'ca.pem'), 0o644);
    }
  });

  it('over TLS from afar, judges only what /info shows', async () => {
    const client = join(set, 'client');
    const report = await audit(tcpHost, { tlsVerify: true, tlsCaCert: join(client, 'ca.pem'), tlsCert: join(client, 'cert.pem'), tlsKey: join(client, 'key.pem') });
    expect(report.findings.map((finding) => finding.ruleId)).toEqual([
      'daemon-insecure-registries',
      'daemon-insecure-registries',
      'daemon-userns-remap',
      'daemon-authorization-plugin',
      'daemon-centralized-logging',
    ]);
  });
});

describe('an engine listening on plain TCP', () => {
  let engine: CustomEngine;
  let tcpHost = '';
  beforeAll(async () => {
    tcpHost = `tcp://127.0.0.1:${await freeLoopbackPort()}`;
    engine = await startCustomEngine('cdplain', { experimental: true }, [tcpHost]);
  });
  afterAll(async () => engine.stop());

  it('is critical locally (from the configuration) and from afar (it answers plain HTTP)', async () => {
    const local = (await audit(engine.host)).findings;
    expect(local[0]).toMatchObject({
      ruleId: 'daemon-tcp-without-tls',
      severity: 'critical',
      message: `listens on ${tcpHost} without TLS client verification (plain HTTP)`,
      evidence: { host: tcpHost, tls: false, tlsverify: false, hostsSource: 'daemon.json' },
    });
    expect(local.map((finding) => finding.ruleId)).toContain('daemon-experimental');
    const remote = (await audit(tcpHost)).findings;
    expect(remote.map((finding) => finding.ruleId)).toEqual([
      'daemon-tcp-without-tls',
      'daemon-userns-remap',
      'daemon-authorization-plugin',
      'daemon-centralized-logging',
      'daemon-experimental',
      'daemon-live-restore',
    ]);
    expect(remote[0]?.message).toBe(`answered plain HTTP on ${tcpHost}: anyone who reaches the port controls the engine`);
  });
});
