// `harden selinux generate` against a real engine: containers made by the docker
// CLI with the flags the module must reflect, the module read back, compiled by the
// real tools, and the CLI's answers to bad input.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type TestEngine } from '../helpers/engine.js';
import { harden } from '../helpers/cli.js';
import { generateModule, type GenerateOptions } from '../../src/selinux/generate.js';
import { buildModule } from '../../src/selinux/build.js';
import { FIXTURES, scratchDir } from './selinux-fixtures.js';

let engine: TestEngine;
let dir: string;

beforeAll(async () => {
  [engine, dir] = await Promise.all([startEngine('selgen'), scratchDir('engine')]);
  // The throwaway engine has no default bridge: publishing needs a user-defined network.
  // Host ports are left to the engine, so no other test can be in the way.
  await engine.docker('network', 'create', 'selnet');
  await engine.docker(
    'run', '-d', '--name', 'web', '--network', 'selnet', '-p', '80', '-p', '127.0.0.1::53/udp', '--expose', '9090',
    '-v', '/etc:/host/etc:ro', '-v', '/var/log:/host/log', '-v', `${engine.socket}:/var/run/docker.sock`,
    '--device', '/dev/fuse', '--device', '/dev/net/tun:/dev/net/tun:r',
    '--cap-add', 'SYS_PTRACE', '--cap-add', 'SYSLOG', '--cap-add', 'AUDIT_READ', '--cap-drop', 'CHOWN', '--cap-drop', 'NET_RAW',
    'local/busybox:1', 'sleep', '3600',
  );
  await engine.docker('run', '-d', '--name', 'sockdir', '--network', 'none', '-v', `${engine.dir}:/engine:ro`, 'local/busybox:1', 'sleep', '3600');
  await engine.docker('create', '--name', 'quiet', '--network', 'none', '--expose', '8080', '--cap-drop', 'ALL', '--cap-add', 'WAKE_ALARM', 'local/busybox:1', 'true');
});

afterAll(async () => {
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
});

function generate(target: string, module: string, extra: Partial<GenerateOptions> = {}): ReturnType<typeof generateModule> {
  return generateModule({
    target,
    source: { kind: 'engine', flags: { host: engine.host }, env: {} },
    module,
    out: join(dir, module),
    format: 'te',
    flavor: 'refpolicy',
    fileContexts: [],
    portContexts: [],
    avcLog: null,
    force: false,
    ...extra,
  });
}

function rulesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('allow '));
}

describe('generate from a live engine', () => {
  it('web: rw and ro mounts, published and exposed ports, caps added and dropped, devices, the socket', async () => {
    const result = await generate('web', 'web');
    const rules = rulesOf(await readFile(result.files[0] as string, 'utf8'));
    expect(rules).toContain('allow web_t self:capability2 { audit_read syslog };');
    expect(rules.find((rule) => rule.includes(':capability '))).toMatch(/ sys_ptrace /);
    expect(rules.find((rule) => rule.includes(':capability '))).not.toMatch(/chown|net_raw/);
    expect(rules).toContain('allow web_t etc_t:dir { getattr ioctl lock open read search };');
    expect(rules).toContain('allow web_t var_log_t:file { append create getattr ioctl lock map open read rename setattr unlink write };');
    expect(rules).toContain('allow web_t http_port_t:tcp_socket name_bind;');
    expect(rules).toContain('allow web_t dns_port_t:udp_socket name_bind;');
    expect(rules).toContain('allow web_t websm_port_t:tcp_socket name_bind;');
    expect(rules).toContain('allow web_t fuse_device_t:chr_file { append getattr ioctl lock open read write };');
    expect(rules).toContain('allow web_t tun_tap_device_t:chr_file { getattr ioctl lock open read };');
    // The engine socket lives under /tmp here: a socket file, found on this host.
    expect(rules).toContain('allow web_t tmp_t:sock_file { append getattr open read write };');
    expect(rules).toContain('allow web_t dockerd_t:unix_stream_socket connectto;');
    expect(result.runCommand).toMatch(/^docker run --security-opt label=type:web_t .*-p 127\.0\.0\.1:\d+:53\/udp -p \d+:80 --expose 9090 .*--cap-add SYS_PTRACE local\/busybox:1$/);
    expect(await buildModule({ file: result.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true, kind: 'refpolicy' });
    const cil = await generate('web', 'webcil', { format: 'cil' });
    expect(await buildModule({ file: cil.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true, kind: 'cil' });
  });

  it('sockdir: a read-only mount of the directory holding the engine socket still lets it connect, and says so loudly', async () => {
    const result = await generate('sockdir', 'sockdir');
    const text = await readFile(result.files[0] as string, 'utf8');
    expect(text).toMatch(/# !!! CONTAINER ENGINE SOCKET !!!/);
    expect(text).toContain(`# connect to ${engine.socket} (a read-only mount does not stop connecting)`);
    expect(rulesOf(text)).toEqual([
      expect.stringMatching(/^allow sockdir_t self:capability \{/),
      'allow sockdir_t tmp_t:dir { getattr ioctl lock open read search };',
      'allow sockdir_t tmp_t:file { getattr ioctl lock open read };',
      'allow sockdir_t tmp_t:sock_file { append getattr open read write };',
      'allow sockdir_t dockerd_t:unix_stream_socket connectto;',
    ]);
    expect(await buildModule({ file: result.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true });
  });

  it('quiet (created, --cap-drop ALL --cap-add WAKE_ALARM, --expose 8080): only capability2 and the exposed port', async () => {
    const result = await generate('quiet', 'quiet', { format: 'cil' });
    const text = await readFile(result.files[0] as string, 'utf8');
    expect(text.split('\n').filter((line) => line.trim().startsWith('(allow'))).toEqual([
      '\t(allow process self (capability2 (wake_alarm)))',
      '\t(allow process http_cache_port_t (tcp_socket (name_bind)))',
    ]);
    expect(await buildModule({ file: result.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true });
  });

  it('--avc folds the denials of the module\'s own type into one module, which compiles', async () => {
    const log = join(dir, 'audit.log');
    const line = (n: number, perms: string, scontext: string, tcontext: string, tclass: string): string =>
      `type=AVC msg=audit(1700000${n}.100:${n}): avc:  denied  { ${perms} } for  pid=7 comm="sh" scontext=${scontext} tcontext=${tcontext} tclass=${tclass} permissive=1`;
    await writeFile(log, [
      line(100, 'read', 'system_u:system_r:avcweb_t:s0:c1,c2', 'system_u:object_r:shadow_t:s0', 'file'),
      line(101, 'open', 'system_u:system_r:avcweb_t:s0:c1,c2', 'system_u:object_r:shadow_t:s0', 'file'),
      line(102, 'create', 'system_u:system_r:avcweb_t:s0:c1,c2', 'system_u:system_r:avcweb_t:s0:c1,c2', 'netlink_route_socket'),
      line(103, 'write', 'system_u:system_r:httpd_t:s0', 'system_u:object_r:etc_t:s0', 'file'),
      'type=SYSCALL msg=audit(1700000104.100:104): arch=c000003e syscall=2 success=yes',
      line(105, 'create', 'system_u:system_r:avcwebcil.process:s0', 'system_u:system_r:avcwebcil.process:s0', 'unix_dgram_socket'),
    ].join('\n'));
    const te = await generate('web', 'avcweb', { avcLog: log });
    expect(te.avc).toMatchObject({ rules: 2, denials: 3 });
    const text = await readFile(te.files[0] as string, 'utf8');
    expect(rulesOf(text)).toEqual(expect.arrayContaining(['allow avcweb_t http_port_t:tcp_socket name_bind;', 'allow avcweb_t shadow_t:file { open read };', 'allow avcweb_t self:netlink_route_socket { create };']));
    expect(text).not.toContain('httpd_t');
    expect(text).toMatch(/# From AVC denials in .*audit\.log for avcweb_t\n# \(3 denials, 2 rules; 6 lines read/);
    expect(await buildModule({ file: te.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true, kind: 'refpolicy' });
    const cil = await generate('web', 'avcwebcil', { avcLog: log, format: 'cil' });
    const cilText = await readFile(cil.files[0] as string, 'utf8');
    expect(cilText).toContain('\t(allow process self (unix_dgram_socket (create)))');
    expect(cilText).not.toContain('shadow_t');
    expect(await buildModule({ file: cil.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true });
  });
});

describe('harden selinux generate/build on the command line', () => {
  it('writes the module, prints the docker run line, and build exits 0', async () => {
    const out = join(dir, 'cli');
    const result = await harden(['selinux', 'generate', 'web', '-H', engine.host, '--name', 'cliweb', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`wrote ${join(out, 'cliweb.te')}\n`);
    expect(result.stdout).toMatch(/\n {2}docker run --security-opt label=type:cliweb_t -v .* local\/busybox:1\n$/);
    const build = await harden(['selinux', 'build', join(out, 'cliweb.te')]);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/^compiled reference-policy module cliweb with \/usr\/share\/selinux\/devel\/Makefile/);
  });

  it('a module that does not compile: build exits 1 with the compiler output on stderr', async () => {
    const file = join(dir, 'bad.te');
    await writeFile(file, 'module bad 1.0;\nallow bad_t;\n');
    const result = await harden(['selinux', 'build', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^harden: plain module bad does not compile \(checkmodule/);
  });

  it.each([
    [['web', '--name', 'Web-App'], /--name "Web-App": expected a module name of lower-case letters, digits and _/],
    [['web', '--name', `a${'b'.repeat(60)}`], /at most 48 are allowed/],
    [['web', '--name', 'web', '--format', 'xml'], /--format "xml": expected te or cil/],
    [['web', '--name', 'web', '--flavor', 'ubuntu'], /--flavor "ubuntu": expected refpolicy or fedora/],
    [['no-such-container', '--name', 'web'], /no container "no-such-container" on the engine at unix:\/\/.*selgen\/docker\.sock/],
    [['web', '--name', 'web', '--file-contexts', '/nonexistent/fc'], /\/nonexistent\/fc: cannot read file contexts \(no such file\)/],
  ])('%j: exit 2 with one clear line', async (args, message) => {
    const result = await harden(['selinux', 'generate', ...args, '-H', engine.host, '--out', join(dir, 'bad-input')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['not-inspect.json', '{"hello": "world"}', /not-inspect\.json: entry 0 is not a container; expected the output of `docker inspect CONTAINER`/],
    ['image.json', null, /is an image, not a container/],
    ['garbage.json', 'not json at all', /garbage\.json: invalid JSON/],
    ['two.json', 'two', /holds 2 containers \(web, sockdir\); name one of them/],
  ])('--from %s: exit 2', async (name, content, message) => {
    const file = join(dir, name);
    if (content === null) await writeFile(file, await readFile(`${FIXTURES}image.inspect.json`));
    else if (content === 'two') await writeFile(file, await engine.docker('inspect', 'web', 'sockdir'));
    else await writeFile(file, content);
    const result = await harden(['selinux', 'generate', '--from', file, '--name', 'web', '--out', join(dir, 'bad-input')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
