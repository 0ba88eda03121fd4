// The built-in packs end to end on the recorded h-* containers: real normalizer,
// real loader and evaluator, so the pack files, the params and the checks are
// judged together the way `harden audit` runs them.
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/policy/evaluate.js';
import { loadPolicies } from '../../../src/policy/loader.js';
import { atLeast, type Finding } from '../../../src/policy/types.js';
import { fromInspect } from '../../../src/spec/from-inspect.js';
import { FIXTURE_ENGINE_SOCKET, TEST_SOURCE, readFixture } from '../../spec/support.js';

async function audit(pack: string, fixture: string): Promise<Finding[]> {
  const policy = await loadPolicies([pack]);
  const spec = fromInspect(readFixture(fixture), { source: TEST_SOURCE, engineSocket: FIXTURE_ENGINE_SOCKET });
  return evaluatePolicy([spec], policy, { context: { engineSocket: FIXTURE_ENGINE_SOCKET }, today: '2026-11-28' }).findings;
}

const summary = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId} [${finding.severity}]: ${finding.message}`);

describe('the hardened container', () => {
  it('has no findings at all under baseline', async () => {
    expect(summary(await audit('baseline', 'h-hardened'))).toEqual([]);
  });

  it('has no findings at medium or above under restricted', async () => {
    const findings = await audit('restricted', 'h-hardened');
    expect(summary(findings.filter((finding) => atLeast(finding.severity, 'medium')))).toEqual([]);
  });
});

// [fixture, rule ids it must get under baseline, rule ids it must not get]
const BASELINE_EXPECTATIONS: [string, string[], string[]][] = [
  ['h-privileged', ['no-privileged', 'capabilities', 'seccomp-unconfined', 'host-devices', 'selinux-options'], ['sensitive-host-mounts']],
  ['h-cap-all', ['capabilities'], ['no-privileged']],
  ['h-cap-sys-admin', ['capabilities'], ['no-privileged']],
  ['h-drop-all-ro', [], ['capabilities', 'read-only-rootfs']],
  ['h-etc-rw', ['sensitive-host-mounts'], ['docker-socket-mount']],
  ['h-etc-ro', ['sensitive-host-mounts'], ['docker-socket-mount']],
  ['h-engine-socket', ['docker-socket-mount'], ['sensitive-host-mounts']],
  ['h-engine-socket-dir', ['docker-socket-mount'], ['sensitive-host-mounts']],
  ['h-tmpfs-usr', [], ['sensitive-host-mounts', 'docker-socket-mount']],
  ['h-pid-host', ['host-pid'], ['host-network']],
  ['h-net-host', ['host-network'], ['host-pid']],
  ['h-seccomp-unconfined', ['seccomp-unconfined'], ['no-privileged']],
  ['h-nnp-false', ['no-new-privileges'], []],
  ['h-exited', ['run-as-non-root'], ['no-privileged']],
];

describe.each(BASELINE_EXPECTATIONS)('baseline on %s', (fixture, expected, unexpected) => {
  it(`reports ${expected.join(', ') || 'only hygiene findings'}`, async () => {
    const ruleIds = new Set((await audit('baseline', fixture)).map((finding) => finding.ruleId));
    for (const id of expected) expect(ruleIds, `expected ${id}`).toContain(id);
    for (const id of unexpected) expect(ruleIds, `did not expect ${id}`).not.toContain(id);
  });
});

describe('finding wording on recorded containers', () => {
  it('names the read-only /etc mount instead of letting it pass', async () => {
    const messages = (await audit('baseline', 'h-etc-ro')).filter((f) => f.ruleId === 'sensitive-host-mounts').map((f) => f.message);
    expect(messages).toEqual(['mounts host path /etc read-only at /host/etc']);
  });

  it('reports the engine socket reached through its directory', async () => {
    const messages = (await audit('baseline', 'h-engine-socket-dir')).filter((f) => f.ruleId === 'docker-socket-mount').map((f) => f.message);
    expect(messages).toEqual([`mounts host directory /tmp/hd-t2 read-write at /engine, which exposes the docker socket ${FIXTURE_ENGINE_SOCKET}`]);
  });

  it('calls no-new-privileges=false an opt-out', async () => {
    const messages = (await audit('baseline', 'h-nnp-false')).filter((f) => f.ruleId === 'no-new-privileges').map((f) => f.message);
    expect(messages).toEqual(['sets no-new-privileges=false, so processes can gain privileges']);
  });

  it('drops ALL to nothing under restricted, but the default set is too much there', async () => {
    const dropAll = (await audit('restricted', 'h-drop-all-ro')).filter((f) => f.ruleId === 'capabilities');
    expect(dropAll).toEqual([]);
    const defaults = (await audit('restricted', 'h-exited')).filter((f) => f.ruleId === 'capabilities');
    expect(defaults.map((f) => [f.severity, f.message])).toEqual([
      ['high', 'has capabilities beyond the allowed set: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_RAW, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT'],
    ]);
  });
});
