// Changes between two fleet runs: engines with same-named containers stay apart, and
// each list is grouped by host in the fleet's order, as every renderer groups a fleet.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/history/changes.js';
import type { Finding, Severity } from '../../src/policy/types.js';
import type { AuditReport } from '../../src/report/types.js';
import { buildReport } from '../report/fixture.js';

const HOSTS = ['edge', 'core'];

/** A fleet finding as run-fleet.ts makes it: container id and name qualified with the host. */
function finding(host: string, ruleId: string, severity: Severity): Finding {
  return {
    ruleId,
    severity,
    host,
    container: { id: `${host}/${'a'.repeat(64)}`, name: `${host}/web` },
    message: `${ruleId} on ${host}`,
    evidence: { rule: ruleId },
    remediation: { run: 'r', compose: 'c' },
    waived: false,
  };
}

function fleetReport(generatedAt: string, findings: Finding[]): AuditReport {
  return buildReport({
    generatedAt,
    target: { kind: 'fleet', host: '/etc/harden/fleet.yaml', engineVersion: null, apiVersion: null },
    hosts: HOSTS.map((name) => ({ name, host: `tcp://${name}:2376`, reachable: true, engineVersion: '20.10.24' })),
    containers: HOSTS.map((host) => ({ id: `${host}/${'a'.repeat(64)}`, name: `${host}/web`, image: 'nginx:1.25', state: 'running' as const })),
    findings,
    waivers: { expired: [], unmatched: [] },
  });
}

const listed = (changes: { host?: string; ruleId: string; severity: Severity }[]) => changes.map((change) => `${change.host} ${change.severity} ${change.ruleId}`);

describe('changes between fleet runs', () => {
  it('keeps the same problem of two engines apart and lists each list host by host, in fleet order', () => {
    const previous = fleetReport('2026-01-01T00:00:00.000Z', [finding('core', 'host-pid', 'high'), finding('core', 'pids-limit', 'low')]);
    const current = fleetReport('2026-01-02T00:00:00.000Z', [
      finding('core', 'host-pid', 'high'),
      finding('core', 'no-privileged', 'critical'),
      finding('edge', 'pids-limit', 'low'),
      finding('edge', 'host-pid', 'high'),
    ]);
    const changes = compareRuns(previous, '2026-01-01T00-00-00.000Z', current);
    // edge comes first in the fleet file, though core's new finding is worse.
    expect(listed(changes.new)).toEqual(['edge high host-pid', 'edge low pids-limit', 'core critical no-privileged']);
    expect(listed(changes.unchanged)).toEqual(['core high host-pid']);
    expect(listed(changes.resolved)).toEqual(['core low pids-limit']);
  });
});
