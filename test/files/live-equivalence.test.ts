// One policy gates both: a container created on a real engine and the compose
// service that asks for the same settings produce the same findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { auditFiles, FIXTURES, RESTRICTED } from './support.js';

let engine: TestEngine;

beforeAll(async () => {
  engine = await startEngine('files-eq');
  await engine.docker(
    'create', '--name', 'equiv', '--network', 'none',
    '--cap-add', 'NET_ADMIN', '--cap-drop', 'MKNOD',
    '-v', '/etc:/host/etc:ro', '-v', '/var/run/docker.sock:/var/run/docker.sock',
    '--pid', 'host', '--ipc', 'host', '--uts', 'host',
    '--security-opt', 'seccomp=unconfined', '--security-opt', 'no-new-privileges=false', '--security-opt', 'label=type:spc_t',
    '--user', '0', '--device', '/dev/null:/dev/xnull:rw',
    '--memory', '64m', '--pids-limit', '100', '--restart', 'always',
    '--sysctl', 'kernel.msgmax=65536', '--ulimit', 'nofile=1024:2048', '--cgroup-parent', '/custom',
    '--no-healthcheck', '--label', 'team=security',
    'local/busybox:1', 'sleep', '3600',
  );
});

afterAll(async () => {
  await engine?.stop();
});

describe('live container and compose service under one policy', () => {
  it('give the same rule ids, messages and evidence', async () => {
    const live = await runAudit({ source: { kind: 'engine', flags: { host: engine.host } }, runningOnly: false, policies: [RESTRICTED], failOn: 'high', today: '2025-01-01' });
    const file = await auditFiles([`${FIXTURES}compose-equivalent.yaml`]);
    const summarize = (findings: typeof live.findings) =>
      findings
        .filter((finding) => finding.container?.name === 'equiv')
        .map((finding) => ({ ruleId: finding.ruleId, message: finding.message, evidence: finding.evidence }))
        .sort((a, b) => (a.ruleId + a.message < b.ruleId + b.message ? -1 : 1));
    const fromEngine = summarize(live.findings);
    expect(fromEngine.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining(['docker-socket-mount', 'host-pid', 'host-ipc', 'host-uts', 'seccomp-unconfined', 'selinux-options', 'host-devices', 'unsafe-sysctls', 'cgroup-parent', 'healthcheck', 'capabilities']),
    );
    expect(summarize(file.findings)).toEqual(fromEngine);
    // Only the file's findings have a location.
    expect(live.findings.some((finding) => finding.location !== undefined)).toBe(false);
    expect(file.findings.every((finding) => finding.location?.file === 'test/files/fixtures/compose-equivalent.yaml')).toBe(true);
  });
});
