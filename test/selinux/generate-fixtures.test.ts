// `generate` from recorded inspect output, and every module it writes compiled by
// the real tools: te with the devel Makefile, CIL with secilc against the shipped
// minimal base.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModule, type GenerateOptions } from '../../src/selinux/generate.js';
import { buildModule } from '../../src/selinux/build.js';
import type { ObjectKind } from '../../src/selinux/model.js';
import { DEBIAN_FILE_CONTEXTS, FIXTURES, INSPECT_FIXTURES, scratchDir } from './selinux-fixtures.js';

let base: string;
beforeAll(async () => {
  base = await scratchDir('fixtures');
});
afterAll(() => rm(base, { recursive: true, force: true }));

/** The recording host's file kinds, so results do not depend on this machine's file system. */
function recordedKind(path: string): ObjectKind {
  if (path.endsWith('.sock')) return 'socket';
  if (path.startsWith('/dev/')) return 'character-device';
  return 'directory';
}

function generate(file: string, module: string, extra: Partial<GenerateOptions> = {}): ReturnType<typeof generateModule> {
  return generateModule({
    target: undefined,
    source: { kind: 'inspect-file', path: file },
    module,
    out: join(base, module),
    format: 'te',
    flavor: 'refpolicy',
    fileContexts: [],
    portContexts: [],
    avcLog: null,
    force: false,
    kindOf: recordedKind,
    ...extra,
  });
}

const WEB = `${FIXTURES}web.inspect.json`;

describe('generate from recorded inspect output (rw/ro mounts, ports, caps added and dropped, devices, socket)', () => {
  it('writes the rules the container needs, and nothing it does not', async () => {
    const result = await generate(WEB, 'web');
    const te = await readFile(result.files[0] as string, 'utf8');
    expect(result.files).toEqual([join(base, 'web', 'web.te')]);
    expect(te).toMatch(/^policy_module\(web, 1\.0\)\n/);
    expect(te).toContain('\ncontainer_domain_template(web)\n');
    const rules = te.split('\n').filter((line) => line.startsWith('allow '));
    expect(rules).toEqual([
      'allow web_t self:capability { audit_write dac_override fowner fsetid kill mknod net_bind_service setfcap setgid setpcap setuid sys_chroot sys_ptrace };',
      'allow web_t self:capability2 { audit_read syslog };',
      'allow web_t etc_t:dir { getattr ioctl lock open read search };',
      'allow web_t etc_t:file { getattr ioctl lock open read };',
      'allow web_t var_log_t:dir { add_name create getattr ioctl lock open read remove_name rmdir search setattr write };',
      'allow web_t var_log_t:file { append create getattr ioctl lock map open read rename setattr unlink write };',
      'allow web_t tmp_t:sock_file { append getattr open read write };',
      'allow web_t dns_port_t:udp_socket name_bind;',
      'allow web_t http_port_t:tcp_socket name_bind;',
      'allow web_t websm_port_t:tcp_socket name_bind;',
      'allow web_t fuse_device_t:chr_file { append getattr ioctl lock open read write };',
      'allow web_t tun_tap_device_t:chr_file { getattr ioctl lock open read };',
      'allow web_t tmp_t:sock_file { append getattr open read write };',
      'allow web_t dockerd_t:unix_stream_socket connectto;',
    ]);
    expect(te).toMatch(/# !!! CONTAINER ENGINE SOCKET !!!\n# !!! GRANTED ONLY BECAUSE THE SOCKET IS MOUNTED/);
    expect(te).toContain("Debian's default policy does not install the container module");
    expect(result.runCommand).toBe(
      'docker run --security-opt label=type:web_t -v /etc:/host/etc:ro -v /var/log:/host/log -v /tmp/hd-selx/docker.sock:/var/run/docker.sock ' +
        '--device /dev/fuse:/dev/fuse --device /dev/net/tun:/dev/net/tun:r -p 127.0.0.1:5353:53/udp -p 8080:80 --expose 9090 ' +
        '--cap-drop CHOWN --cap-drop NET_RAW --cap-add AUDIT_READ --cap-add SYSLOG --cap-add SYS_PTRACE local/busybox:1',
    );
    const build = await buildModule({ file: result.files[0] as string, fullPolicy: false });
    expect(build.steps.map((step) => step.output).join('\n')).not.toMatch(/error/i);
    expect(build).toMatchObject({ ok: true, kind: 'refpolicy', module: 'web', output: join(base, 'web', 'web.pp') });
  });

  it('the CIL block carries the same rules and compiles against the minimal base', async () => {
    const result = await generate(WEB, 'webcil', { format: 'cil' });
    const cil = await readFile(result.files[0] as string, 'utf8');
    expect(cil).toContain('(allow process self (capability2 (audit_read syslog)))');
    expect(cil).toContain('(allow process http_port_t (tcp_socket (name_bind)))');
    expect(cil).toContain('(allow process dockerd_t (unix_stream_socket (connectto)))');
    expect(result.runCommand).toMatch(/^docker run --security-opt label=type:webcil\.process /);
    expect(await buildModule({ file: result.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true, kind: 'cil' });
  });

  it('with Debian file_contexts and the fedora flavor: Fedora type names, the Fedora template', async () => {
    const result = await generate(WEB, 'webfed', { flavor: 'fedora', fileContexts: [DEBIAN_FILE_CONTEXTS] });
    const te = await readFile(result.files[0] as string, 'utf8');
    expect(te).toContain('\nvirt_sandbox_domain_template(webfed)\n');
    expect(te).toContain('allow webfed_t docker_t:unix_stream_socket connectto;');
    expect(te).toMatch(/# \/etc -> \/host\/etc \(read-only, directory\): etc_t from file_contexts \/etc\/selinux\/default\/contexts\/files\/file_contexts:\d+ \(\/etc\)/);
    // Debian lacks the Fedora template: build says so instead of failing in m4.
    await expect(buildModule({ file: result.files[0] as string, fullPolicy: false })).rejects.toThrow(/virt_sandbox_domain_template, which comes from Fedora's container-selinux/);
    // Everything but the template line is plain refpolicy: with Debian's template in its place it compiles.
    const swapped = join(base, 'webfed', 'webfedx.te');
    await writeFile(swapped, te.replace('policy_module(webfed,', 'policy_module(webfedx,').replace('virt_sandbox_domain_template(webfed)', 'container_domain_template(webfed)'));
    expect(await buildModule({ file: swapped, fullPolicy: false })).toMatchObject({ ok: true, kind: 'refpolicy' });
    const cil = await generate(WEB, 'webfedcil', { flavor: 'fedora', format: 'cil' });
    expect(await buildModule({ file: cil.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true });
  });

  it('a host path no policy labels gets the module its own type, labeled in NAME.fc, managed through NAME.if', async () => {
    const raw = JSON.parse(await readFile(WEB, 'utf8')) as [{ Mounts: object[] }];
    raw[0].Mounts.push({ Type: 'bind', Source: '/data/app', Destination: '/app', Mode: '', RW: true, Propagation: 'rprivate' });
    const file = join(base, 'data.inspect.json');
    await writeFile(file, JSON.stringify(raw));
    const result = await generate(file, 'dataapp', { fileContexts: [DEBIAN_FILE_CONTEXTS] });
    expect(result.files.map((path) => path.slice(base.length))).toEqual(['/dataapp/dataapp.te', '/dataapp/dataapp.fc', '/dataapp/dataapp.if']);
    const [te, fc, ifFile] = await Promise.all(result.files.map((path) => readFile(path, 'utf8')));
    expect(te).toContain('\ntype dataapp_data_t;\nfiles_type(dataapp_data_t)\n');
    expect(te).toContain('allow dataapp_t dataapp_data_t:dir { add_name create getattr ioctl lock open read remove_name rmdir search setattr write };');
    expect(te).not.toContain('default_t:');
    expect(fc).toContain('/data/app(/.*)?\t\tgen_context(system_u:object_r:dataapp_data_t,s0)');
    expect(ifFile).toContain("interface(`dataapp_manage_data',`");
    expect(await buildModule({ file: result.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true });
    const cil = await generate(file, 'datacil', { fileContexts: [DEBIAN_FILE_CONTEXTS], format: 'cil' });
    const cilText = await readFile(cil.files[0] as string, 'utf8');
    expect(cilText).toContain('(filecon "/data/app(/.*)?" any (system_u object_r data ((s0) (s0))))');
    expect(await buildModule({ file: cil.files[0] as string, fullPolicy: false })).toMatchObject({ ok: true });
  });

  it('refuses to overwrite without --force', async () => {
    await generate(WEB, 'again');
    await expect(generate(WEB, 'again')).rejects.toThrow(/already exists; nothing was written \(use --force/);
    await expect(generate(WEB, 'again', { force: true })).resolves.toMatchObject({ domain: 'again_t' });
  });
});

// The audit test set, recorded from the real engine (test/fixtures/inspect/).
const AUDIT_SET = ['h-etc-rw', 'h-etc-ro', 'h-cap-sys-admin', 'h-drop-all-ro', 'h-engine-socket', 'h-engine-socket-dir', 'h-privileged', 'h-cap-all', 'h-hardened'];

describe.each(AUDIT_SET)('%s', (name) => {
  const file = `${INSPECT_FIXTURES}${name}.json`;
  const module = name.replace(/-/g, '_').slice(2);

  it('te and CIL both compile', async () => {
    const te = await generate(file, module);
    const cil = await generate(file, `${module}_cil`, { format: 'cil' });
    const [teBuild, cilBuild] = await Promise.all([buildModule({ file: te.files[0] as string, fullPolicy: false }), buildModule({ file: cil.files[0] as string, fullPolicy: false })]);
    expect([teBuild.ok, cilBuild.ok], [...teBuild.steps, ...cilBuild.steps].map((step) => step.output).join('\n')).toEqual([true, true]);
    const text = await readFile(te.files[0] as string, 'utf8');
    if (name === 'h-etc-rw') expect(text).toContain('allow etc_rw_t etc_t:file { append create getattr ioctl lock map open read rename setattr unlink write };');
    if (name === 'h-etc-ro') expect(text).toContain('allow etc_ro_t etc_t:file { getattr ioctl lock open read };');
    if (name === 'h-cap-sys-admin') expect(text).toMatch(/allow cap_sys_admin_t self:capability \{[^}]* sys_admin [^}]*\};/);
    if (name === 'h-drop-all-ro' || name === 'h-hardened') expect(text).toContain('# None: every capability is dropped.');
    if (name === 'h-drop-all-ro' || name === 'h-hardened') expect(text).not.toContain(':capability');
    // An inspect file does not say where its engine's socket was: a mounted docker.sock is
    // recognized, a mounted directory holding it only on the live engine (generate-engine.test.ts).
    if (name === 'h-engine-socket') expect(text).toMatch(/!!! CONTAINER ENGINE SOCKET !!![\s\S]*allow \w+_t dockerd_t:unix_stream_socket connectto;/);
    else expect(text).not.toContain('connectto');
    expect(text).not.toMatch(/# PORTS\n#\n/);
    if (name === 'h-privileged' || name === 'h-cap-all') expect(text).toMatch(/allow \w+_t self:capability2 \{ audit_read block_suspend bpf checkpoint_restore mac_admin mac_override perfmon syslog wake_alarm \};/);
    if (name === 'h-privileged') expect(te.policy.warnings.join('\n')).toMatch(/privileged: Docker runs it as spc_t/);
  });
});
