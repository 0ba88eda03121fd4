// The policy compilers `harden selinux build` runs, and the packages that bring them.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SelinuxInputError } from './errors.js';

export const DEVEL_MAKEFILE = '/usr/share/selinux/devel/Makefile';
export const DEVEL_INCLUDE = '/usr/share/selinux/devel/include';

const INSTALL_HINT =
  'install the SELinux policy tools: apt-get install checkpolicy semodule-utils secilc selinux-policy-dev (Debian, Ubuntu) ' +
  'or dnf install checkpolicy policycoreutils secilc selinux-policy-devel (Fedora, RHEL)';

/** Which package brings each tool, by distribution. */
const PACKAGES: Record<string, string> = {
  checkmodule: 'checkpolicy (Debian and Fedora)',
  semodule_package: 'semodule-utils (Debian) / policycoreutils (Fedora)',
  secilc: 'secilc',
  bzip2: 'bzip2',
  make: 'make',
  m4: 'm4',
  [DEVEL_MAKEFILE]: 'selinux-policy-dev (Debian) / selinux-policy-devel (Fedora)',
};

function onPath(tool: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Fails with the packages to install when a tool (or the devel Makefile) is missing. */
export function requireTools(tools: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const missing = tools.filter((tool) => {
    if (!tool.startsWith('/')) return !onPath(tool, env);
    try {
      accessSync(tool, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const what = missing.map((tool) => `${tool} (${PACKAGES[tool] ?? tool})`).join(', ');
  throw new SelinuxInputError(`${what} not found: ${INSTALL_HINT}`);
}

export interface ToolRun {
  command: string;
  code: number;
  output: string;
}

/** Runs a tool to completion; a non-zero exit is a result, not an error. */
export function runTool(file: string, args: readonly string[], cwd: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const command = [file, ...args].join(' ');
      if (error && typeof error.code !== 'number') {
        reject(new SelinuxInputError(`${file}: cannot run it (${error.code ?? error.message}): ${INSTALL_HINT}`));
        return;
      }
      resolve({ command, code: error ? Number(error.code) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}
