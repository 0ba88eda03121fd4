// The container `harden proxy nginx` describes, run for real: the image its Dockerfile
// describes (see container-image.ts for how it is built without a registry), started
// by docker-compose from the generated compose.yaml exactly as written, in front of
// a throwaway engine, then probed with curl and the docker CLI, inspected through
// the engine, and audited by harden itself.
import { chmod, chown, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AuditReport } from '../../src/report/types.js';
import { harden } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { buildProxyImage, type ImageRecipe } from './container-image.js';
import { basicAuthorization, DockerClient, freeLoopbackPort, generateProxy, outcome, probe, scratchDirectory, type Outcome } from './nginx-harness.js';

interface ComposeService {
  image: string;
  tmpfs: string[];
}

interface ContainerInspect {
  Id: string;
  Name: string;
  State: { Pid: number; Running: boolean };
  Config: { Image: string; User: string; Entrypoint: string[]; StopSignal?: string };
  HostConfig: { ReadonlyRootfs: boolean; CapDrop: string[] | null; SecurityOpt: string[] | null; GroupAdd: string[] | null; NetworkMode: string };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
}

const user = 'alice';
const password = 'container pass: 1';
const project = 'hpxcontainer';

let engine: TestEngine | undefined;
let work = '';
let out = '';
let port = 0;
let socketGid = 0;
let service: ComposeService;
let recipe: ImageRecipe;
let proxy: ContainerInspect;

function dockerCompose(...args: string[]): Promise<Outcome> {
  const env = { PATH: process.env.PATH ?? '', HOME: work, DOCKER_HOST: engine?.host ?? '' };
  return outcome('docker-compose', ['-p', project, '-f', join(out, 'compose.yaml'), ...args], env, { timeoutMs: 120_000 });
}

const url = (path: string): string => `http://127.0.0.1:${port}${path}`;

async function inspectProxy(): Promise<ContainerInspect> {
  const id = await engine?.docker('ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${project}`);
  const [inspect] = JSON.parse((await engine?.docker('inspect', id ?? '')) ?? '[]') as ContainerInspect[];
  if (!inspect) throw new Error(`docker-compose up started no container for project ${project}`);
  return inspect;
}

async function waitForListener(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    // curl reports 000 (here 0) while nothing listens.
    if ((await probe(url('/_ping'))).status !== 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const logs = await outcome('docker', ['-H', engine?.host ?? '', 'logs', proxy.Id], { PATH: process.env.PATH ?? '' });
  throw new Error(`the proxy container did not listen on ${port}: ${logs.stderr}`);
}

beforeAll(async () => {
  engine = await startEngine('px-ctr');
  await engine.docker('run', '-d', '--network', 'none', '--name', 'ctr-target', 'local/busybox:1', 'sleep', '3600');
  // The layout the generator aims for on a real host: the socket's directory open to
  // the socket's group (engine.sh makes it 0700), so the generator picks nobody plus
  // that group rather than root. In the container the runtime creates the mount
  // point's parents itself: there the socket's own mode and group_add decide.
  socketGid = (await stat(engine.socket)).gid;
  await chown(engine.dir, 0, socketGid);
  await chmod(engine.dir, 0o750);
  work = await scratchDirectory('ctr');
  out = join(work, 'proxy');
  port = await freeLoopbackPort();
  await generateProxy(out, ['--upstream', engine.host, '--listen', `127.0.0.1:${port}`, '--user', user, '--profile', 'readonly'], password);
  const compose = parse(await readFile(join(out, 'compose.yaml'), 'utf8')) as { services: Record<string, ComposeService> };
  const services = Object.values(compose.services);
  expect(services).toHaveLength(1);
  service = services[0] as ComposeService;
  recipe = await buildProxyImage({
    host: engine.host,
    dockerfile: await readFile(join(out, 'Dockerfile'), 'utf8'),
    nginxConf: await readFile(join(out, 'nginx.conf'), 'utf8'),
    image: service.image,
    work,
  });
  const up = await dockerCompose('up', '-d', '--no-build');
  if (up.code !== 0) throw new Error(`docker-compose up exited ${up.code}: ${up.stderr}`);
  proxy = await inspectProxy();
  await waitForListener();
});

afterAll(async () => {
  if (engine && out) await dockerCompose('down', '--timeout', '5');
  await engine?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function processStatus(pid: number): Promise<Record<string, string>> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Object.fromEntries(status.split('\n').map((line) => line.split(/:\s*/, 2).map((part) => part.trim())));
}

async function nginxProcesses(): Promise<number[]> {
  const master = proxy.State.Pid;
  const children = await readFile(`/proc/${master}/task/${master}/children`, 'utf8');
  return [master, ...children.trim().split(/\s+/).filter(Boolean).map(Number)];
}

describe('the generated compose.yaml, run by docker-compose on a real engine', () => {
  it('runs the image compose.yaml names, with the Dockerfile\'s user, entrypoint and stop signal', () => {
    expect(proxy.State.Running).toBe(true);
    expect(proxy.Config.Image).toBe(service.image);
    const instruction = (keyword: string): string => recipe.config.find((line) => line.startsWith(`${keyword} `))?.slice(keyword.length + 1) ?? '';
    expect(proxy.Config.User).toBe(instruction('USER'));
    expect(proxy.Config.StopSignal).toBe(instruction('STOPSIGNAL'));
    expect(proxy.Config.Entrypoint).toEqual(JSON.parse(instruction('ENTRYPOINT')));
  });

  it('right password 200, wrong or missing 401, create 403 and nothing created', async () => {
    const ping = await probe(url('/_ping'), { user: [user, password] });
    expect(ping).toEqual({ status: 200, body: 'OK' });
    expect((await probe(url('/_ping'), { user: [user, `${password}x`] })).status).toBe(401);
    expect((await probe(url('/_ping'))).status).toBe(401);
    const before = await engine?.docker('ps', '-aq');
    const create = await probe(url('/v1.41/containers/create'), { method: 'POST', user: [user, password], headers: ['Content-Type: application/json'], curl: ['--data', '{"Image":"local/busybox:1"}'] });
    expect(create.status).toBe(403);
    expect(await engine?.docker('ps', '-aq')).toBe(before);
  });

  it('docker ps through the proxy container works with DOCKER_CUSTOM_HEADERS', async () => {
    const client = await DockerClient.create(join(work, 'home'), {
      DOCKER_HOST: `tcp://127.0.0.1:${port}`,
      DOCKER_CUSTOM_HEADERS: `Authorization=${basicAuthorization(user, password)}`,
    });
    const ps = await client.run('ps', '--format', '{{.Names}}');
    expect(ps.stderr).toBe('');
    expect(ps.stdout.trim().split('\n').sort()).toEqual(['ctr-target', proxy.Name.slice(1)].sort());
  });

  it('the engine reports a read-only root fs, no capabilities, no-new-privileges, user 65534 in the socket group', () => {
    expect(proxy.HostConfig.ReadonlyRootfs).toBe(true);
    expect(proxy.HostConfig.CapDrop).toEqual(['ALL']);
    expect(proxy.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(proxy.Config.User).toBe('65534:65534');
    expect(proxy.HostConfig.GroupAdd).toEqual([String(socketGid)]);
    const mount = (destination: string) => proxy.Mounts.find((entry) => entry.Destination === destination);
    expect(mount('/proxy/htpasswd')).toMatchObject({ Type: 'bind', Source: join(out, 'htpasswd'), RW: false });
    expect(mount('/proxy/nginx.conf')).toMatchObject({ Type: 'bind', Source: join(out, 'nginx.conf'), RW: false });
    expect(mount(engine?.socket ?? '')).toMatchObject({ Type: 'bind', Source: engine?.socket });
  });

  it('every nginx process really runs as 65534 with the socket group, no capabilities and no-new-privileges', async () => {
    const pids = await nginxProcesses();
    // The master and at least one worker.
    expect(pids.length).toBeGreaterThan(1);
    for (const pid of pids) {
      const status = await processStatus(pid);
      expect(status.Uid?.split(/\s+/), `pid ${pid}`).toEqual(['65534', '65534', '65534', '65534']);
      expect(status.Gid?.split(/\s+/), `pid ${pid}`).toEqual(['65534', '65534', '65534', '65534']);
      expect(status.Groups?.split(/\s+/).sort(), `pid ${pid}`).toEqual([String(socketGid), '65534'].sort());
      expect(status.CapEff, `pid ${pid}`).toBe('0000000000000000');
      expect(status.CapBnd, `pid ${pid}`).toBe('0000000000000000');
      expect(status.NoNewPrivs, `pid ${pid}`).toBe('1');
    }
  });

  it('the root fs is mounted read-only, and each tmpfs gets the owner and mode compose.yaml asks for', async () => {
    const mounts = (await readFile(`/proc/${proxy.State.Pid}/mountinfo`, 'utf8')).split('\n').map((line) => line.split(' '));
    const mountOptions = (point: string): string[] => mounts.find((fields) => fields[4] === point)?.[5]?.split(',') ?? [];
    expect(mountOptions('/')).toContain('ro');
    expect(service.tmpfs.length).toBeGreaterThan(0);
    for (const entry of service.tmpfs) {
      const [path = '', options = ''] = entry.split(':');
      const wanted = Object.fromEntries(options.split(',').map((option) => option.split('=')));
      expect(mountOptions(path), path).toContain('rw');
      const actual = await stat(`/proc/${proxy.State.Pid}/root${path}`);
      expect({ uid: actual.uid, gid: actual.gid, mode: (actual.mode & 0o7777).toString(8).padStart(4, '0') }, path).toEqual({
        uid: Number(wanted.uid),
        gid: Number(wanted.gid),
        mode: wanted.mode,
      });
    }
  });

  it('access and error logs reach docker logs through the Dockerfile\'s symlinks', async () => {
    const logs = await outcome('docker', ['-H', engine?.host ?? '', 'logs', proxy.Id], { PATH: process.env.PATH ?? '' });
    expect(logs.stdout).toMatch(/"GET \/_ping HTTP\/1\.1" 200 /);
    expect(logs.stderr).toContain(`user "${user}": password mismatch`);
  });

  it('harden audit flags the proxy container only for the socket mount and the host network at high or above', async () => {
    const audit = await harden(['audit', '-H', engine?.host ?? '', '-f', 'json']);
    // The default --fail-on high: the two findings below make it exit 1.
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(1);
    const report = JSON.parse(audit.stdout) as AuditReport;
    expect(report.containers.map((container) => container.id)).toContain(proxy.Id);
    const severe = report.findings.filter((finding) => finding.container?.id === proxy.Id && ['critical', 'high'].includes(finding.severity));
    // Both by design: nginx must reach the socket, and network_mode host lets
    // nginx.conf's listen address mean the host's, the same file as outside a container.
    expect(severe.map((finding) => `${finding.ruleId} ${finding.severity}`).sort()).toEqual(['docker-socket-mount critical', 'host-network high']);
    expect(severe.find((finding) => finding.ruleId === 'docker-socket-mount')?.evidence).toMatchObject({ hostPath: engine?.socket, destination: engine?.socket });
    // compose.yaml sets limits and a bounded restart policy: none of those checks fire.
    const mine = report.findings.filter((finding) => finding.container?.id === proxy.Id).map((finding) => finding.ruleId);
    for (const ruleId of ['memory-limit', 'pids-limit', 'cpu-limit', 'restart-policy', 'read-only-rootfs', 'run-as-non-root', 'no-new-privileges', 'capabilities']) {
      expect(mine).not.toContain(ruleId);
    }
  });
});
