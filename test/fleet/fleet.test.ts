// A fleet of three real engines: a local unix-socket engine, a TLS engine whose
// certificates come from `harden tls init` (its client files named by certPath,
// relative to the fleet file), and a stopped engine, which is a finding, not a failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFleetAudit } from '../../src/fleet/run-fleet.js';
import { renderReport } from '../../src/report/index.js';
import type { AuditReport } from '../../src/report/types.js';
import { startCustomEngine, type CustomEngine } from '../daemon/custom-engine.js';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { freeLoopbackPort } from '../helpers/ports.js';

let alpha: TestEngine;
let bravo: CustomEngine;
let charlie: TestEngine;
let bravoHost = '';
let dir = '';
let report: AuditReport;

beforeAll(async () => {
  dir = await mkdtemp('/tmp/hd-cfleet-');
  bravoHost = `tcp://127.0.0.1:${await freeLoopbackPort()}`;
  const set = join(dir, 'bravo-tls');
  const init = await harden(['tls', 'init', '127.0.0.1', '--out', set, '--listen', bravoHost, '--local-socket', 'unix:///tmp/hd-cfb/docker.sock', '--daemon-dir', set]);
  expect(init.code, init.stderr).toBe(0);
  [alpha, bravo, charlie] = await Promise.all([
    startEngine('cfa'),
    startCustomEngine('cfb', { tlsverify: true, tlscacert: join(set, 'ca.pem'), tlscert: join(set, 'server-cert.pem'), tlskey: join(set, 'server-key.pem') }, [bravoHost]),
    startEngine('cfc'),
  ]);
  await alpha.docker('create', '--network', 'none', '--name', 'web', '--privileged', 'local/busybox:1', 'sleep', '1');
  await alpha.docker('create', '--network', 'none', '--name', 'db', 'local/busybox:1', 'sleep', '1');
  await bravo.docker('create', '--network', 'none', '--name', 'web', '--privileged', 'local/busybox:1', 'sleep', '1');
  await charlie.stop();
  const fleet = join(dir, 'fleet.yaml');
  await writeFile(
    fleet,
    [
      'hosts:',
      '  - name: alpha',
      `    host: ${alpha.host}`,
      '  - name: bravo',
      `    host: ${bravoHost}`,
      '    certPath: bravo-tls/client',
      '  - name: charlie',
      `    host: ${charlie.host}`,
      '',
    ].join('\n'),
  );
  report = await runFleetAudit({ fleetFile: fleet, runningOnly: false, policies: [], failOn: 'high', timeoutMs: 5000 });
});

afterAll(async () => {
  await Promise.all([alpha?.stop(), bravo?.stop(), charlie?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('harden audit --hosts', () => {
  it('lists every engine with its reachability, in file order', () => {
    expect(report.target).toMatchObject({ kind: 'fleet', host: join(dir, 'fleet.yaml') });
    expect(report.hosts).toEqual([
      { name: 'alpha', host: alpha.host, reachable: true, engineVersion: '20.10.24+dfsg1' },
      { name: 'bravo', host: bravoHost, reachable: true, engineVersion: '20.10.24+dfsg1' },
      { name: 'charlie', host: charlie.host, reachable: false, engineVersion: null, error: expect.stringContaining(charlie.host) },
    ]);
  });

  it('qualifies containers with their engine, so two "web" containers stay apart', () => {
    expect(report.containers.map((container) => container.name).sort()).toEqual(['alpha/db', 'alpha/web', 'bravo/web']);
    const privileged = report.findings.filter((finding) => finding.ruleId === 'no-privileged');
    expect(privileged.map((finding) => [finding.host, finding.container?.name])).toEqual([
      ['alpha', 'alpha/web'],
      ['bravo', 'bravo/web'],
    ]);
    expect(report.findings.every((finding) => finding.host !== undefined)).toBe(true);
  });

  it('reports the stopped engine as one engine-unreachable finding without a container', () => {
    const unreachable = report.findings.filter((finding) => finding.ruleId === 'engine-unreachable');
    expect(unreachable).toEqual([
      expect.objectContaining({ severity: 'high', scope: 'daemon', host: 'charlie', evidence: { host: charlie.host, reason: 'unreachable' } }),
    ]);
    expect(unreachable[0]?.container).toBeUndefined();
    expect(report.findings.filter((finding) => finding.host === 'charlie')).toHaveLength(1);
    // The advice points at the fleet file, not at -H/--host, which the user never gave.
    const fleetFile = join(dir, 'fleet.yaml');
    expect(report.hosts?.[2]?.error).toBe(`cannot connect to the Docker Engine at ${charlie.host} (host "charlie" of ${fleetFile}): no socket at ${charlie.socket} (is the engine running?); fix its entry in ${fleetFile}`);
  });

  it('checks each daemon: local details for the unix engine, /info for the TLS one', () => {
    const daemonRules = (host: string) => report.findings.filter((finding) => finding.host === host && finding.scope === 'daemon').map((finding) => finding.ruleId);
    expect(daemonRules('alpha')).toEqual(['daemon-no-new-privileges', 'daemon-userns-remap', 'daemon-authorization-plugin', 'daemon-centralized-logging', 'daemon-live-restore', 'daemon-userland-proxy']);
    expect(daemonRules('bravo')).toEqual(['daemon-userns-remap', 'daemon-authorization-plugin', 'daemon-centralized-logging', 'daemon-live-restore']);
  });

  it('groups by host in every renderer', async () => {
    const table = await renderReport(report, 'table');
    const subjects = table.split('\n').filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line)).map((line) => line.split(/\s{2,}/)[1] ?? '');
    const hostOrder = subjects.map((subject) => subject.split(/[/ ]/)[0]);
    expect(hostOrder).toEqual([...hostOrder].sort());
    expect(subjects).toContain('charlie (daemon)');
    expect(table).toContain(`Host charlie (${charlie.host}): UNREACHABLE: `);
    const junit = await renderReport(report, 'junit');
    const suites = [...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(suites.slice(0, 3)).toEqual(['alpha (daemon)', 'bravo (daemon)', 'charlie (daemon)']);
    // Container suites in the report's order: engine by engine.
    expect(suites.slice(3).map((suite) => suite.split('/')[0])).toEqual(['alpha', 'alpha', 'bravo']);
    const sarif = JSON.parse(await renderReport(report, 'sarif')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('docker/hosts/charlie/daemon');
    expect(uris).toContain('docker/containers/alpha%2Fweb');
    const markdown = await renderReport(report, 'markdown');
    expect(markdown).toMatch(/## Hosts[\s\S]*\| charlie \| unix:\/\/\/tmp\/hd-cfc\/docker\.sock \| \*\*unreachable\*\*: /);
    expect(markdown).toMatch(/## Daemon[\s\S]*### alpha \(daemon\)[\s\S]*### charlie \(daemon\)\n\n- \*\*HIGH\*\* engine-unreachable/);
    const html = await renderReport(report, 'html');
    expect(html).toContain('<h2 id="hosts">Hosts</h2>');
    expect(html).toContain('<h3>bravo (daemon)</h3>');
  });
});
