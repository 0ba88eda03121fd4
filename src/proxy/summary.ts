// What `harden proxy nginx` and `harden proxy check` print.
import type { CheckResult } from './check.js';
import type { ProxyResult } from './generate.js';
import { profilesInUse } from './render.js';
import { PROFILES } from './validate.js';

export function describeGeneratedProxy(result: ProxyResult): string {
  const { layout } = result;
  const scheme = layout.tls ? 'https' : 'http';
  const lines = [`wrote ${result.files.join(', ')}`];
  if (layout.mode === 'stream') {
    lines.push(`stream proxy with mutual TLS on ${layout.listen.host}:${layout.listen.port}: every client certificate from ${layout.tls?.ca ?? 'the CA'} is root on the daemon's host`);
  } else {
    const profiles = profilesInUse(layout);
    lines.push(`${scheme} proxy on ${layout.listen.host}:${layout.listen.port}, profiles: ${PROFILES.filter((profile) => profiles.has(profile)).join(', ')}`);
    if (profiles.has('full')) lines.push('the full profile is root on the daemon\'s host; interactive exec/attach/run need --mode stream');
  }
  lines.push(`start it: nginx -p ${result.dir} -c nginx.conf   or   cd ${result.dir} && docker compose up -d --build`);
  lines.push(`client settings: ${result.dir}/README.md`);
  return `${lines.join('\n')}\n`;
}

export function describeCheck(result: CheckResult): string {
  const lines: string[] = [];
  if (result.nginxTest === undefined) lines.push('nginx -t: skipped (nginx is not installed)');
  else lines.push(`nginx -t: ${result.nginxTest.ok ? 'ok' : 'FAILED'}`);
  for (const problem of result.problems) lines.push(`${problem.level}: ${problem.message}`);
  const errors = result.problems.filter((problem) => problem.level === 'error').length;
  const warnings = result.problems.length - errors;
  lines.push(errors === 0 ? `ok: no problems${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}` : `${errors} problem${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
