// The built-in tables against the real policy: port types against `semanage port -l`
// (live when it runs, else its recorded output), path and device types against
// matchpathcon and the type names Debian's policy declares.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PortContexts } from '../../src/selinux/port-contexts.js';
import { builtInPathType, ENGINE_TYPES, resolvePathType } from '../../src/selinux/path-types.js';
import { capabilityPermission } from '../../src/selinux/permissions.js';
import { ALL_CAPABILITIES } from '../../src/spec/capabilities.js';
import { loadFileContexts } from '../../src/selinux/generate.js';
import { DEBIAN_FILE_CONTEXTS, debianTypes } from './selinux-fixtures.js';

const run = promisify(execFile);
const RECORDED_PORTS = new URL('./fixtures/semanage-port-l.txt', import.meta.url);

async function realPortTable(): Promise<{ text: string; live: boolean }> {
  try {
    const { stdout } = await run('semanage', ['port', '-l'], { timeout: 30_000 });
    return { text: stdout, live: true };
  } catch {
    return { text: readFileSync(RECORDED_PORTS, 'utf8'), live: false };
  }
}

describe('port contexts', () => {
  it('the recorded fixture is what semanage prints here (when it runs)', async () => {
    const real = await realPortTable();
    if (real.live) expect(real.text).toBe(readFileSync(RECORDED_PORTS, 'utf8'));
    // 344 lines, 479 port entries on Debian 12.
    expect(new PortContexts().addText(real.text, 'semanage').size).toBeGreaterThan(400);
  });

  it('every port of the built-in table maps to the type the full real table gives it', async () => {
    const real = new PortContexts().addText((await realPortTable()).text, 'semanage');
    const builtIn = PortContexts.builtIn();
    // The catch-all ranges stand for "no specific type in this table"; the real table has more specific ones.
    const catchAll = new Set(['reserved_port_t', 'hi_reserved_port_t', 'unreserved_port_t']);
    const disagreements: string[] = [];
    for (const protocol of ['tcp', 'udp', 'sctp']) {
      for (let port = 1; port <= 65535; port++) {
        const mine = builtIn.lookup(port, protocol);
        if (mine === null || catchAll.has(mine.type)) continue;
        const theirs = real.lookup(port, protocol)?.type;
        if (mine.type !== theirs) disagreements.push(`${port}/${protocol}: ${mine.type} vs ${theirs}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('the narrowest range wins, per protocol', () => {
    const ports = PortContexts.builtIn();
    expect(ports.lookup(80, 'tcp')?.type).toBe('http_port_t');
    expect(ports.lookup(8080, 'tcp')?.type).toBe('http_cache_port_t');
    expect(ports.lookup(53, 'udp')?.type).toBe('dns_port_t');
    expect(ports.lookup(5432, 'tcp')?.type).toBe('postgresql_port_t');
    expect(ports.lookup(12345, 'tcp')?.type).toBe('unreserved_port_t');
    expect(ports.lookup(600, 'udp')?.type).toBe('hi_reserved_port_t');
    expect(ports.lookup(80, 'udp')?.type).toBe('reserved_port_t');
    expect(ports.lookup(80, 'dccp')).toBeNull();
    const custom = new PortContexts().addText('SELinux Port Type   Proto   Port Number\n\nwide_t tcp 8000-9000\nnarrow_t tcp 8080-8081\nexact_t tcp 8081\n', 'custom');
    expect(custom.lookup(8081, 'tcp')?.type).toBe('exact_t');
    expect(custom.lookup(8080, 'tcp')?.type).toBe('narrow_t');
    expect(custom.lookup(8500, 'tcp')).toMatchObject({ type: 'wide_t', origin: 'custom:3' });
  });

  it.each([
    ['http_port_t', 'no protocol or ports'],
    ['http_port_t tcpx 80', 'an unknown protocol'],
    ['http_port_t tcp 80-70', 'a backwards range'],
    ['http_port_t tcp 70000', 'a port above 65535'],
    ['http_port_t tcp 1-2-3', 'a broken range'],
  ])('rejects %j (%s), naming file and line', (line) => {
    expect(() => new PortContexts().addText(`SELinux Port Type Proto Port Number\n${line}\n`, 'ports.txt')).toThrow(/^ports\.txt:2: /);
  });
});

describe('built-in path and device table', () => {
  it('names only types Debian declares, besides the container module types it does not install', async () => {
    const types = await debianTypes();
    const paths = ['/', '/etc', '/var/log/x', '/var/lib/x', '/var/tmp', '/var/x', '/run/x', '/home', '/home/a', '/home/a/b', '/root', '/root/x', '/tmp/x', '/usr/x', '/opt/x', '/srv/x', '/mnt/x', '/media/x', '/boot/x', '/sys/x', '/proc/x',
      '/dev/fuse', '/dev/kvm', '/dev/net/tun', '/dev/vhost-net', '/dev/null', '/dev/zero', '/dev/random', '/dev/urandom', '/dev/mem', '/dev/dri/card0', '/dev/snd/pcm', '/dev/bus/usb/001/002', '/dev/sda', '/dev/nvme0n1p1', '/dev/ttyUSB0', '/dev/video0', '/dev/other'];
    const missing = paths.map((path) => builtInPathType(path, 'refpolicy')?.type ?? 'none').filter((type) => !types.has(type));
    expect(missing).toEqual([]);
    const containerTypes = ['/var/lib/docker', '/run/docker.sock', '/var/run/docker.sock', '/run/docker/x'].flatMap((path) => [builtInPathType(path, 'refpolicy')?.type, builtInPathType(path, 'fedora')?.type]);
    expect(new Set(containerTypes)).toEqual(new Set(['container_var_lib_t', 'docker_var_lib_t', 'container_runtime_t', 'docker_var_run_t']));
    expect(containerTypes.filter((type) => type !== undefined && types.has(type))).toEqual([]);
    expect(types.has(ENGINE_TYPES.refpolicy.daemon) || types.has(ENGINE_TYPES.fedora.daemon)).toBe(false);
  });

  it('agrees with matchpathcon wherever Debian labels the path itself', async () => {
    const contexts = loadFileContexts([DEBIAN_FILE_CONTEXTS]);
    const paths = ['/', '/etc', '/var/log', '/var/lib', '/var/tmp', '/var', '/run', '/home', '/home/alice', '/home/alice/src', '/root', '/tmp', '/usr', '/opt', '/srv', '/mnt', '/media', '/boot', '/sys',
      '/dev/fuse', '/dev/kvm', '/dev/net/tun', '/dev/vhost-net', '/dev/null', '/dev/zero', '/dev/urandom', '/dev/mem', '/dev/dri/card0', '/dev/sda', '/dev/nvme0n1', '/dev/ttyS0', '/dev/video0'];
    for (const path of paths) {
      const kind = path.startsWith('/dev/') ? 'character-device' : 'directory';
      const real = contexts?.lookup(path, path === '/dev/sda' || path === '/dev/nvme0n1' ? 'block-device' : kind)?.type ?? null;
      if (real !== null) expect([path, builtInPathType(path, 'refpolicy')?.type]).toEqual([path, real]);
    }
  });

  it('falls back to the table where the policy says <<none>>, and to default_t (unlabeled) where neither knows the path', () => {
    const contexts = loadFileContexts([DEBIAN_FILE_CONTEXTS]);
    expect(resolvePathType('/tmp/build/cache', 'directory', 'refpolicy', contexts)).toMatchObject({ type: 'tmp_t', unlabeled: false, via: expect.stringMatching(/says <<none>>.*built-in table/) });
    expect(resolvePathType('/var/run/docker.sock', 'socket', 'refpolicy', contexts)).toMatchObject({ type: 'container_runtime_t', unlabeled: false });
    expect(resolvePathType('/data/app', 'directory', 'refpolicy', contexts)).toMatchObject({ type: 'default_t', unlabeled: true });
    expect(resolvePathType('/data/app', 'directory', 'fedora', null)).toMatchObject({ type: 'default_t', unlabeled: true, via: 'no built-in entry' });
  });
});

describe('capability classes', () => {
  it('puts capabilities 0-31 in capability and 32-40 in capability2, as the kernel and Debian policy do', () => {
    const policy = readFileSync('/usr/share/selinux/devel/include/support/all_perms.spt', 'utf8');
    const permsOf = (name: string): string[] => (new RegExp(`define\\(\`all_${name}_perms',\`\\{ ([^}]*) \\}'\\)`).exec(policy)?.[1] ?? '').split(' ');
    const mapped = ALL_CAPABILITIES.map((name) => capabilityPermission(name));
    expect(mapped.filter((m) => m?.tclass === 'capability').map((m) => m?.permission)).toEqual(permsOf('capability'));
    expect(mapped.filter((m) => m?.tclass === 'capability2').map((m) => m?.permission)).toEqual(permsOf('capability2'));
    expect(capabilityPermission('NOT_A_CAP')).toBeNull();
  });
});
