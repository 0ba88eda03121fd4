// The one identity of a finding across runs (SARIF fingerprints, baselines, report
// changes): same rule + container name + image repository + evidence, whatever the id.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/policy/types.js';
import { findingIdentity } from '../../src/report/finding-identity.js';

const ID_A = 'a'.repeat(64);
const ID_B = 'b'.repeat(64);

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'host-pid',
    severity: 'high',
    container: { id: ID_A, name: 'web' },
    message: 'shares the host PID namespace',
    evidence: { pid: 'container:' + ID_A, mounts: [{ source: '/etc', rw: true }] },
    remediation: { run: 'r', compose: 'c' },
    waived: false,
    ...overrides,
  };
}

describe('findingIdentity', () => {
  const identity = findingIdentity(finding(), 'nginx:1.25');

  it('is a sha256 hex digest', () => {
    expect(identity).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores what changes when a container is re-created or upgraded', () => {
    // New container id (and the full ids inside evidence), new tag or digest, new wording, other severity.
    const recreated = finding({ container: { id: ID_B, name: 'web' }, evidence: { mounts: [{ rw: true, source: '/etc' }], pid: 'container:' + ID_B } });
    expect(findingIdentity(recreated, 'nginx:1.27')).toBe(identity);
    expect(findingIdentity(finding(), 'nginx@sha256:' + ID_B)).toBe(identity);
    expect(findingIdentity(finding({ message: 'reworded', severity: 'critical', waived: true }), 'nginx')).toBe(identity);
  });

  it('changes with the rule, the container name, the image repository or the evidence', () => {
    const others = [
      findingIdentity(finding({ ruleId: 'host-ipc' }), 'nginx:1.25'),
      findingIdentity(finding({ container: { id: ID_A, name: 'api' } }), 'nginx:1.25'),
      findingIdentity(finding(), 'registry.example.com/nginx:1.25'),
      findingIdentity(finding({ evidence: { pid: 'host' } }), 'nginx:1.25'),
    ];
    expect(new Set([identity, ...others]).size).toBe(5);
  });

  it('keeps daemon findings (no container) apart from container findings, and fleet engines apart', () => {
    const daemon = finding({ scope: 'daemon', container: undefined, evidence: {} });
    const daemonIdentity = findingIdentity(daemon, '');
    expect(daemonIdentity).toMatch(/^[0-9a-f]{64}$/);
    expect(daemonIdentity).not.toBe(findingIdentity(finding({ evidence: {} }), ''));
    expect(findingIdentity(finding({ host: 'edge-1' }), 'nginx:1.25')).not.toBe(findingIdentity(finding({ host: 'edge-2' }), 'nginx:1.25'));
    expect(findingIdentity(finding({ host: 'edge-1' }), 'nginx:1.25')).not.toBe(identity);
  });
});
