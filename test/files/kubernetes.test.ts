// Kubernetes manifests -> ContainerSpec per container of each workload, and findings
// located on the key that caused them. Fixture: fixtures/k8s-all.yaml (`# L:` markers).
import { beforeAll, describe, expect, it } from 'vitest';
import { collectFromFiles } from '../../src/audit/collect-files.js';
import type { ContainerSpec } from '../../src/spec/types.js';
import type { AuditReport } from '../../src/report/types.js';
import { auditFiles, expectedRows, FIXTURES, locationRows } from './support.js';

const FILE = `${FIXTURES}k8s-all.yaml`;
const SHOWN = 'test/files/fixtures/k8s-all.yaml';

describe('Kubernetes manifest -> ContainerSpec', () => {
  const specs = new Map<string, ContainerSpec>();
  let skipped: { id: string; name: string; reason: string }[] = [];
  beforeAll(() => {
    const collected = collectFromFiles([FILE]);
    for (const spec of collected.specs) specs.set(spec.name, spec);
    skipped = collected.skipped;
  });
  const spec = (name: string): ContainerSpec => specs.get(name) as ContainerSpec;

  it('reads every workload kind and container list; names are Kind/name/container, ids add the namespace', () => {
    expect([...specs.keys()]).toEqual([
      'Pod/risky/app', 'Pod/risky/sidecar', 'Pod/risky/plain',
      'Deployment/api/migrate', 'Deployment/api/api',
      'StatefulSet/db/db', 'DaemonSet/agent/agent', 'ReplicaSet/cache/cache', 'Job/once/task',
      'CronJob/nightly/report', 'CronJob/nightly/debugger',
    ]);
    expect(spec('Pod/risky/app').id).toBe(`${SHOWN}#Pod/edge/risky/app`);
    expect(spec('StatefulSet/db/db').id).toBe(`${SHOWN}#StatefulSet/data/db/db`);
    expect(spec('Deployment/api/api').source).toEqual({ kind: 'kubernetes', location: SHOWN });
  });

  it('skips objects that run no containers, and counts them', () => {
    expect(skipped).toEqual([
      { id: `${SHOWN}#Service/default/web`, name: 'Service/web', reason: 'Service is not a workload: it runs no containers' },
      { id: `${SHOWN}#ConfigMap/default/app`, name: 'ConfigMap/app', reason: 'ConfigMap is not a workload: it runs no containers' },
    ]);
  });

  it('reads host namespaces, pod runAsUser, pod seccomp, sysctls, privileged and hostNetwork ports', () => {
    const app = spec('Pod/risky/app');
    expect(app.privileged).toBe(true);
    expect(app.allDevices).toBe(true);
    expect([app.namespaces.network.mode, app.namespaces.pid.mode, app.namespaces.ipc.mode, app.namespaces.uts.mode]).toEqual(['host', 'host', 'host', 'private']);
    expect(app.user).toEqual({ raw: '0', user: '0', group: null, isRoot: true });
    expect(app.sysctls).toEqual({ 'kernel.shm_rmid_forced': '1', 'net.ipv4.ip_forward': '1' });
    // Under hostNetwork Kubernetes defaults hostPort to containerPort.
    expect(app.ports).toEqual([{ containerPort: 8080, protocol: 'tcp', hostIp: '', hostPort: 8080, allInterfaces: true, privilegedHostPort: false }]);
    expect(app.restartPolicy).toEqual({ name: 'always', maximumRetryCount: 0 });
    expect(app.image.tag).toBeNull();
  });

  it('reads container capabilities, allowPrivilegeEscalation, seLinuxOptions, Localhost AppArmor and volume mounts', () => {
    const sidecar = spec('Pod/risky/sidecar');
    expect(sidecar.capabilities.added).toEqual(['SYS_ADMIN', 'NET_RAW']);
    expect(sidecar.capabilities.dropped).toEqual(['MKNOD']);
    expect(sidecar.capabilities.beyondDefault).toEqual(['SYS_ADMIN']);
    expect(sidecar.security).toEqual({
      seccomp: { mode: 'unconfined', profile: null },
      apparmor: { mode: 'custom', profile: 'my-profile' },
      selinux: { disabled: false, user: null, role: null, type: 'spc_t', level: null },
      noNewPrivileges: false,
      raw: ['no-new-privileges=false', 'seccomp=unconfined', 'apparmor=my-profile', 'label=type:spc_t'],
    });
    expect(sidecar.mounts).toEqual([
      { type: 'bind', source: '/var/run/docker.sock', hostPath: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly: false, propagation: 'rprivate' },
      { type: 'bind', source: '/', hostPath: '/', destination: '/host', readOnly: true, propagation: 'rslave' },
      { type: 'bind', source: '/lib/modules', hostPath: '/lib/modules', destination: '/lib/modules', readOnly: false, propagation: 'rshared' },
      { type: 'tmpfs', source: null, hostPath: null, destination: '/scratch', readOnly: false, propagation: null },
      { type: 'volume', source: 'config', hostPath: null, destination: '/etc/config', readOnly: false, propagation: null },
    ]);
    expect(sidecar.engineSockets.map((e) => [e.engine, e.via, e.destination])).toEqual([
      ['docker', 'socket', '/var/run/docker.sock'],
      ['docker', 'directory', '/host'],
      ['containerd', 'directory', '/host'],
      ['podman', 'directory', '/host'],
      ['cri-o', 'directory', '/host'],
    ]);
    // hostPath + subPath is the joined host path; the annotation unconfines this container only.
    const plain = spec('Pod/risky/plain');
    expect(plain.mounts[0]).toMatchObject({ type: 'bind', hostPath: '/etc', destination: '/host-etc' });
    expect(plain.security.apparmor).toEqual({ mode: 'unconfined', profile: 'unconfined' });
  });

  it('reads pod-level runAsNonRoot, RuntimeDefault and Localhost seccomp, SELinux precedence, resources, hostPort and probes', () => {
    const migrate = spec('Deployment/api/migrate');
    const api = spec('Deployment/api/api');
    expect(migrate.user).toEqual({ raw: '', user: '', group: null, isRoot: false });
    expect(migrate.security.seccomp).toEqual({ mode: 'default', profile: null });
    // The container's seLinuxOptions replace the pod's.
    expect(migrate.security.selinux).toMatchObject({ type: 'container_t', user: null });
    expect(api.security.selinux).toMatchObject({ type: null, user: 'sysadm_u' });
    expect(api.security.seccomp).toEqual({ mode: 'custom', profile: 'profiles/api.json' });
    expect(api.security.apparmor).toEqual({ mode: 'default', profile: null });
    expect(migrate.readOnlyRootfs && migrate.security.noNewPrivileges).toBe(true);
    expect(migrate.capabilities.effective).toEqual([]);
    expect(api.capabilities.effective).toEqual(['NET_BIND_SERVICE']);
    expect(api.resources).toEqual({
      memory: 256 * 1024 ** 2, memorySwap: null, memoryReservation: 64 * 1024 ** 2,
      cpuShares: 256, nanoCpus: 1_000_000_000, cpuQuota: null, cpuPeriod: null, cpusetCpus: null, pidsLimit: null,
    });
    expect(migrate.resources).toMatchObject({ memory: 64 * 1024 ** 2, nanoCpus: 100_000_000, cpuShares: 102 });
    expect(api.ports).toEqual([{ containerPort: 443, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 443, allInterfaces: false, privilegedHostPort: true }]);
    expect(api.healthcheck).toEqual({ configured: true, disabled: false, test: ['livenessProbe:httpGet'], status: null });
    expect(api.image.digest).toMatch(/^sha256:0123/);
    expect(api.labels).toEqual({ app: 'api', tier: 'backend' });
  });

  it('reads pod-level AppArmor, runAsUser, Job backoffLimit, CronJob Never and ephemeral containers', () => {
    expect(spec('StatefulSet/db/db').security.apparmor.mode).toBe('unconfined');
    expect(spec('StatefulSet/db/db').user.isRoot).toBe(false);
    expect(spec('Job/once/task').restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 10 });
    expect(spec('CronJob/nightly/report').restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
    expect(spec('CronJob/nightly/debugger').restartPolicy.name).toBe('no');
    // Unset seccompProfile: a default kubelet runs the container Unconfined.
    expect(spec('Job/once/task').security.seccomp.mode).toBe('unconfined');
    expect(spec('ReplicaSet/cache/cache').image.tag).toBe('latest');
  });
});

/** Rules every container without the setting reports at its own line. */
function unset(container: string, marker: string, rules: string[]): [string, string, string][] {
  return rules.map((rule) => [container, rule, marker]);
}

const NO_LIMITS = ['cpu-limit', 'memory-limit', 'pids-limit', 'healthcheck'];
const DEFAULTS = ['capabilities', 'no-new-privileges', 'read-only-rootfs', 'run-as-non-root', 'seccomp-unconfined', ...NO_LIMITS];

describe('Kubernetes findings carry file and line of the offending key', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await auditFiles([FILE]);
  });

  it('lists the non-workload objects as skipped in the report', () => {
    expect(report.target.kind).toBe('kubernetes');
    expect(report.skipped.map((s) => s.name)).toEqual(['Service/web', 'ConfigMap/app']);
  });

  it('points every finding at its key, or at the container when the setting is absent', () => {
    const podWide: [string, string, string][] = ['app', 'sidecar', 'plain'].flatMap((name) => [
      [`Pod/risky/${name}`, 'host-network', 'pod-host-network'],
      [`Pod/risky/${name}`, 'host-pid', 'pod-host-pid'],
      [`Pod/risky/${name}`, 'host-ipc', 'pod-host-ipc'],
      [`Pod/risky/${name}`, 'restart-policy', 'pod-restart'],
      [`Pod/risky/${name}`, 'run-as-non-root', 'pod-run-as-user'],
      [`Pod/risky/${name}`, 'unsafe-sysctls', 'pod-sysctl-unsafe'],
      ...unset(`Pod/risky/${name}`, `pod-${name}`, [...NO_LIMITS]),
    ]);
    expect(locationRows(report)).toEqual(
      expectedRows(FILE, [
        ...podWide,
        ['Pod/risky/app', 'no-privileged', 'pod-app-privileged'],
        ['Pod/risky/app', 'capabilities', 'pod-app-privileged'],
        ['Pod/risky/app', 'seccomp-unconfined', 'pod-app-privileged'],
        ['Pod/risky/app', 'apparmor-unconfined', 'pod-app-privileged'],
        ['Pod/risky/app', 'selinux-options', 'pod-app-privileged'],
        ['Pod/risky/app', 'host-devices', 'pod-app-privileged'],
        ['Pod/risky/app', 'ports-all-interfaces', 'pod-app-port'],
        ['Pod/risky/app', 'image-tag-pinned', 'pod-app-image'],
        ...unset('Pod/risky/app', 'pod-app', ['no-new-privileges', 'read-only-rootfs']),
        ['Pod/risky/sidecar', 'capabilities', 'pod-sidecar-add'],
        ['Pod/risky/sidecar', 'no-new-privileges', 'pod-sidecar-ape'],
        ['Pod/risky/sidecar', 'seccomp-unconfined', 'pod-seccomp'],
        ['Pod/risky/sidecar', 'selinux-options', 'pod-sidecar-selinux'],
        ['Pod/risky/sidecar', 'docker-socket-mount', 'pod-sidecar-sock'],
        ['Pod/risky/sidecar', 'docker-socket-mount', 'pod-sidecar-root'],
        ['Pod/risky/sidecar', 'docker-socket-mount', 'pod-sidecar-root'],
        ['Pod/risky/sidecar', 'docker-socket-mount', 'pod-sidecar-root'],
        ['Pod/risky/sidecar', 'docker-socket-mount', 'pod-sidecar-root'],
        ['Pod/risky/sidecar', 'host-bind-mounts', 'pod-sidecar-sock'],
        ['Pod/risky/sidecar', 'host-bind-mounts', 'pod-sidecar-root'],
        ['Pod/risky/sidecar', 'host-bind-mounts', 'pod-sidecar-modules'],
        ['Pod/risky/sidecar', 'sensitive-host-mounts', 'pod-sidecar-root'],
        ['Pod/risky/sidecar', 'sensitive-host-mounts', 'pod-sidecar-modules'],
        ['Pod/risky/sidecar', 'mount-propagation', 'pod-sidecar-modules'],
        ['Pod/risky/sidecar', 'read-only-rootfs', 'pod-sidecar'],
        ['Pod/risky/plain', 'apparmor-unconfined', 'pod-apparmor-annotation'],
        ['Pod/risky/plain', 'seccomp-unconfined', 'pod-seccomp'],
        ['Pod/risky/plain', 'host-bind-mounts', 'pod-plain-etc'],
        ['Pod/risky/plain', 'sensitive-host-mounts', 'pod-plain-etc'],
        ...unset('Pod/risky/plain', 'pod-plain', ['capabilities', 'no-new-privileges', 'read-only-rootfs']),
        ...unset('Deployment/api/migrate', 'deploy-init', ['pids-limit', 'healthcheck', 'restart-policy']),
        ...unset('Deployment/api/api', 'deploy-api', ['pids-limit', 'restart-policy']),
        ['Deployment/api/api', 'privileged-ports', 'deploy-api-host-port'],
        ['Deployment/api/api', 'selinux-options', 'deploy-selinux'],
        ['StatefulSet/db/db', 'host-ipc', 'sts-host-ipc'],
        ['StatefulSet/db/db', 'apparmor-unconfined', 'sts-apparmor'],
        ['StatefulSet/db/db', 'read-only-rootfs', 'sts-db-rofs'],
        ...unset('StatefulSet/db/db', 'sts-db', ['capabilities', 'no-new-privileges', 'seccomp-unconfined', 'restart-policy', ...NO_LIMITS]),
        ['DaemonSet/agent/agent', 'no-privileged', 'ds-agent-privileged'],
        ['DaemonSet/agent/agent', 'capabilities', 'ds-agent-privileged'],
        ['DaemonSet/agent/agent', 'seccomp-unconfined', 'ds-agent-privileged'],
        ['DaemonSet/agent/agent', 'apparmor-unconfined', 'ds-agent-privileged'],
        ['DaemonSet/agent/agent', 'selinux-options', 'ds-agent-privileged'],
        ['DaemonSet/agent/agent', 'host-devices', 'ds-agent-privileged'],
        ...unset('DaemonSet/agent/agent', 'ds-agent', ['no-new-privileges', 'read-only-rootfs', 'run-as-non-root', 'restart-policy', ...NO_LIMITS]),
        ['ReplicaSet/cache/cache', 'host-pid', 'rs-host-pid'],
        ['ReplicaSet/cache/cache', 'image-tag-pinned', 'rs-cache-image'],
        ...unset('ReplicaSet/cache/cache', 'rs-cache', [...DEFAULTS, 'restart-policy']),
        ['Job/once/task', 'restart-policy', 'job-restart'],
        ...unset('Job/once/task', 'job-task', DEFAULTS),
        ['CronJob/nightly/report', 'seccomp-unconfined', 'cron-seccomp'],
        ...unset('CronJob/nightly/report', 'cron-report', DEFAULTS.filter((rule) => rule !== 'seccomp-unconfined')),
        ...unset('CronJob/nightly/debugger', 'cron-debugger', DEFAULTS),
      ]),
    );
  });
});
