// `harden selinux build` with the real compilers: which tool each kind of module
// goes to, what a failure looks like, and what happens when the tools are missing.
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModule, classifyTe, describeBuild, installedCilModules } from '../../src/selinux/build.js';
import { requireTools } from '../../src/selinux/tools.js';
import { scratchDir } from './selinux-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await scratchDir('build');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const PLAIN = `module plainmod 1.0;

require {
	type etc_t;
	class file { getattr open read };
	class capability2 { syslog bpf };
}

type plainmod_t;
allow plainmod_t etc_t:file { getattr open read };
allow plainmod_t self:capability2 { syslog bpf };
`;

describe('harden selinux build', () => {
  it('a plain module goes through checkmodule -M -m and semodule_package, whatever the file is called', async () => {
    const result = await buildModule({ file: await file('some-name.te', PLAIN), fullPolicy: false });
    expect(result).toMatchObject({ ok: true, kind: 'plain', module: 'plainmod', output: join(dir, 'plainmod.pp') });
    expect(result.steps.map((step) => step.command.split(' ')[0])).toEqual(['checkmodule', 'semodule_package']);
    expect(existsSync(join(dir, 'plainmod.pp'))).toBe(true);
    expect(describeBuild(result)).toMatch(/^compiled plain module plainmod with checkmodule -M -m \+ semodule_package .* in \d+\.\d\d s; wrote .*plainmod\.pp\n$/);
  });

  it('a module that does not compile: not ok, with the compiler\'s own words', async () => {
    const result = await buildModule({ file: await file('broken.te', PLAIN.replace('allow plainmod_t etc_t:file', 'allow plainmod_t etc_t:file {')), fullPolicy: false });
    expect(result.ok).toBe(false);
    expect(describeBuild(result)).toMatch(/^harden: plain module plainmod does not compile \(checkmodule .* exited 1; .*\)\n.*syntax error/s);
  });

  it('a reference-policy module with a class the policy lacks fails in the devel Makefile', async () => {
    const result = await buildModule({ file: await file('refbad.te', 'policy_module(refbad, 1.0)\ntype refbad_t;\nallow refbad_t self:no_such_class read;\n'), fullPolicy: false });
    expect(result).toMatchObject({ ok: false, kind: 'refpolicy', output: null });
    expect(describeBuild(result)).toMatch(/make -f \/usr\/share\/selinux\/devel\/Makefile refbad\.pp exited 2/);
  });

  it('a CIL module naming a type no policy declares fails against the minimal base', async () => {
    const result = await buildModule({ file: await file('cilbad.cil', '(block cilbad (type process) (allow process no_such_type_t (file (read))))\n'), fullPolicy: false });
    expect(result).toMatchObject({ ok: false, kind: 'cil' });
    expect(describeBuild(result)).toMatch(/secilc .*minimal-base\.cil .*cilbad\.cil exited \d+;[^\n]*\n[\s\S]*Failed to resolve/);
  });

  it.each([
    ['notes.txt', 'hello', /expected a \.te or \.cil policy module/],
    ['empty.te', '# only a comment\n', /not a policy module; expected "policy_module\(NAME, VERSION\)" or "module NAME VERSION;"/],
  ])('%s is not a module: a one-line input error', async (name, text, message) => {
    await expect(buildModule({ file: await file(name, text), fullPolicy: false })).rejects.toThrow(message);
  });

  it('a missing file is named', async () => {
    await expect(buildModule({ file: join(dir, 'missing.te'), fullPolicy: false })).rejects.toThrow(/missing\.te: cannot read it \(no such file\)/);
  });

  it('classifies by the first statement, comments aside', () => {
    expect(classifyTe('# header\npolicy_module(web, 1.0)\n', 'x.te')).toEqual({ kind: 'refpolicy', module: 'web' });
    expect(classifyTe('\n# policy_module(no, 1)\nmodule web_local 1.0;\n', 'x.te')).toEqual({ kind: 'plain', module: 'web_local' });
  });

  it('names the Debian and Fedora packages when the tools are missing', async () => {
    expect(() => requireTools(['checkmodule', 'semodule_package', 'secilc'], { PATH: '/nonexistent' })).toThrow(
      /^checkmodule \(checkpolicy .*\), semodule_package \(semodule-utils \(Debian\) \/ policycoreutils \(Fedora\)\), secilc \(secilc\) not found: .*apt-get install checkpolicy semodule-utils secilc selinux-policy-dev .*dnf install checkpolicy policycoreutils secilc selinux-policy-devel/,
    );
    await expect(buildModule({ file: await file('nopath.te', PLAIN), fullPolicy: false, env: { PATH: '/nonexistent' } })).rejects.toThrow(/not found: install the SELinux policy tools/);
  });
});

describe('harden selinux build --full-policy (Debian\'s installed policy, ~7 s each)', () => {
  it('reads the active store: the highest priority of each module, no disabled ones', async () => {
    const modules = await installedCilModules();
    expect(modules.length).toBeGreaterThan(300);
    expect(modules.some((path) => path.endsWith('/base/cil'))).toBe(true);
    expect(modules.some((path) => path.includes('/amtu/'))).toBe(false);
  });

  it('a module using only Debian types, with its own file type and file context, links into the real policy', async () => {
    const cil = await file('fullok.cil', [
      '(block fullok',
      '  (type process)',
      '  (roletype system_r process)',
      '  (type data)',
      '  (roletype object_r data)',
      '  (typeattributeset file_type (data))',
      '  (filecon "/srv/fullok(/.*)?" any (system_u object_r data ((s0) (s0))))',
      '  (allow process etc_t (file (read open getattr)))',
      '  (allow process data (dir (search read)))',
      '  (allow process http_port_t (tcp_socket (name_bind)))',
      ')',
    ].join('\n'));
    const result = await buildModule({ file: cil, fullPolicy: true });
    expect(result.ok, result.steps[0]?.output).toBe(true);
    expect(describeBuild(result)).toMatch(/with the installed policy \(\d+ modules\)/);
  });

  it("a module joining refpolicy's container_domain fails there, because Debian does not install the container module", async () => {
    const cil = await file('needscontainer.cil', '(block needscontainer (type process) (roletype system_r process) (typeattributeset container_domain (process)))\n');
    const result = await buildModule({ file: cil, fullPolicy: true });
    expect(result.ok).toBe(false);
    expect(describeBuild(result)).toMatch(/secilc <the installed policy's \d+ modules> .*needscontainer\.cil exited \d+[\s\S]*typeattributeset/);
  });
});
