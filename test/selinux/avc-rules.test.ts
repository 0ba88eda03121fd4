// Denials -> merged allow rules -> policy text, and the same denials written in every
// log shape giving the same rules.
import { describe, expect, it } from 'vitest';
import { collectAllowRules, MAX_SAMPLES, renderAllowRules, type AllowRule } from '../../src/selinux/avc-rules.js';

async function* from(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}

interface Denial {
  perms: string;
  source: string;
  target: string;
  tclass: string;
  /** Seconds since the epoch. */
  at: number;
  comm?: string;
  name?: string;
}

const DENIALS: Denial[] = [
  { perms: 'read open', source: 'httpd_t', target: 'etc_t', tclass: 'file', at: 1_700_000_000, comm: 'apache2', name: 'passwd' },
  { perms: 'getattr', source: 'httpd_t', target: 'etc_t', tclass: 'file', at: 1_700_000_100, comm: 'apache2', name: 'group' },
  { perms: 'name_bind', source: 'httpd_t', target: 'http_cache_port_t', tclass: 'tcp_socket', at: 1_700_000_050 },
  { perms: 'net_admin sys_admin', source: 'httpd_t', target: 'httpd_t', tclass: 'capability', at: 1_700_000_060, comm: 'apache2' },
  { perms: 'search', source: 'sshd_t', target: 'var_log_t', tclass: 'dir', at: 1_699_999_000, comm: 'sshd', name: 'log' },
  { perms: 'write', source: 'sshd_t', target: 'var_log_t', tclass: 'dir', at: 1_700_000_200, comm: 'sshd', name: 'log' },
];

const fields = (d: Denial): string =>
  `pid=42${d.comm === undefined ? '' : ` comm="${d.comm}"`}${d.name === undefined ? '' : ` name="${d.name}" dev="dm-0" ino=7`} scontext=system_u:system_r:${d.source}:s0:c1,c2 tcontext=system_u:object_r:${d.target}:s0 tclass=${d.tclass} permissive=1`;
const avc = (d: Denial): string => `avc:  denied  { ${d.perms} } for  ${fields(d)}`;
const two = (n: number): string => String(n).padStart(2, '0');
function interpreted(seconds: number, serial: number): string {
  const t = new Date(seconds * 1000);
  return `${two(t.getMonth() + 1)}/${two(t.getDate())}/${t.getFullYear()} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}.000:${serial}`;
}

/** The same denials as each log shape writes them, with the records around them that carry no permissions. */
const SHAPES: Record<string, (d: Denial, serial: number) => string[]> = {
  raw: (d, n) => [`type=AVC msg=audit(${d.at}.000:${n}): ${avc(d)}`, `type=SYSCALL msg=audit(${d.at}.000:${n}): arch=c000003e syscall=2 success=no exit=-13 comm="x" subj=system_u:system_r:${d.source}:s0 key=(null)`, `type=PROCTITLE msg=audit(${d.at}.000:${n}): proctitle=78`],
  'USER_AVC': (d, n) => [`type=USER_AVC msg=audit(${d.at}.000:${n}): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='${avc(d)} exe="/lib/systemd/systemd" sauid=0 hostname=? addr=? terminal=?'`],
  'ausearch -i': (d, n) => ['----', `type=PROCTITLE msg=audit(${interpreted(d.at, n)}) : proctitle=x`, `type=AVC msg=audit(${interpreted(d.at, n)}) : ${avc(d).replace(/comm="([^"]*)"/, 'comm=$1')}`],
  dmesg: (d, n) => [`[ 1234.567890] audit: type=1400 audit(${d.at}.000:${n}): ${avc(d)}`, `[ 1234.567890] audit: type=1300 audit(${d.at}.000:${n}): arch=c000003e syscall=2`],
  syslog: (d, n) => [`Nov 14 22:13:20 web01 kernel: [ 1234.567890] audit: type=1400 audit(${d.at}.000:${n}): ${avc(d)}`, 'Nov 14 22:13:20 web01 systemd[1]: Started cron.service.'],
  journald: (d, n) => [`Nov 14 22:13:20 web01 kernel: audit: type=1400 audit(${d.at}.000:${n}): ${avc(d)}`, `Nov 14 22:13:20 web01 audit[1]: SERVICE_START pid=1 uid=0 msg='unit=cron comm="systemd" res=success'`],
};

const logIn = (shape: string): string[] => DENIALS.flatMap((d, i) => SHAPES[shape]?.(d, 100 + i) ?? []);

describe('collectAllowRules', () => {
  it('merges permissions per (source, target, class), counts denials and keeps first and last seen', async () => {
    const summary = await collectAllowRules(from(logIn('raw')));
    expect(summary).toMatchObject({ lines: 18, denials: 6, ignored: 12, malformed: 0 });
    expect(summary.rules.map((r) => [r.source, r.target, r.tclass, r.permissions.join(' '), r.denials])).toEqual([
      ['httpd_t', 'etc_t', 'file', 'getattr open read', 2],
      ['httpd_t', 'http_cache_port_t', 'tcp_socket', 'name_bind', 1],
      ['httpd_t', 'httpd_t', 'capability', 'net_admin sys_admin', 1],
      ['sshd_t', 'var_log_t', 'dir', 'search write', 2],
    ]);
    const sshd = summary.rules[3];
    expect([sshd?.firstSeen, sshd?.lastSeen]).toEqual(['2023-11-14T21:56:40.000Z', '2023-11-14T22:16:40.000Z']);
    expect(summary.rules[0]?.samples).toEqual([{ comm: 'apache2', object: 'passwd' }, { comm: 'apache2', object: 'group' }]);
    expect(sshd?.samples).toEqual([{ comm: 'sshd', object: 'log' }]);
  });

  it.each(Object.keys(SHAPES).filter((shape) => shape !== 'raw'))('gives the same rules for %s as for the raw audit.log', async (shape) => {
    const strip = (rules: AllowRule[]) => rules.map(({ source, target, tclass, permissions, denials, firstSeen, lastSeen }) => ({ source, target, tclass, permissions, denials, firstSeen, lastSeen }));
    const raw = await collectAllowRules(from(logIn('raw')));
    const other = await collectAllowRules(from(logIn(shape)));
    expect(other.denials).toBe(DENIALS.length);
    expect(strip(other.rules)).toEqual(strip(raw.rules));
  });

  it('with a domain keeps only that source type and counts the rest as ignored', async () => {
    const summary = await collectAllowRules(from(logIn('raw')), { domain: 'sshd_t' });
    expect(summary.rules.map((r) => r.source)).toEqual(['sshd_t']);
    expect(summary).toMatchObject({ lines: 18, denials: 2, ignored: 16, malformed: 0 });
  });

  it(`keeps at most ${MAX_SAMPLES} distinct samples per rule however many denials it merges`, async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `type=AVC msg=audit(1700000000.000:${i}): ${avc({ ...DENIALS[0]!, name: `f${i % 7}` })}`);
    const [rule] = (await collectAllowRules(from(lines))).rules;
    expect(rule?.denials).toBe(500);
    expect(rule?.samples.map((s) => s.object)).toEqual(['f0', 'f1', 'f2']);
  });
});

describe('renderAllowRules', () => {
  it('prints a sorted require block and rules, self for source = target, whatever order the rules come in', async () => {
    const { rules } = await collectAllowRules(from(logIn('raw')));
    const text = renderAllowRules(rules);
    expect(text).toBe(`require {
\ttype etc_t;
\ttype http_cache_port_t;
\ttype httpd_t;
\ttype sshd_t;
\ttype var_log_t;
\tclass capability { net_admin sys_admin };
\tclass dir { search write };
\tclass file { getattr open read };
\tclass tcp_socket { name_bind };
}

#============= httpd_t ==============
allow httpd_t etc_t:file { getattr open read };
allow httpd_t http_cache_port_t:tcp_socket { name_bind };
allow httpd_t self:capability { net_admin sys_admin };

#============= sshd_t ==============
allow sshd_t var_log_t:dir { search write };
`);
    expect(renderAllowRules([...rules].reverse())).toBe(text);
  });

  it('with why explains each rule above it: count, first and last seen, samples', async () => {
    const { rules } = await collectAllowRules(from(logIn('raw')));
    const text = renderAllowRules(rules, { why: true });
    expect(text).toContain(`# why: 2 denials, first 2023-11-14T21:56:40.000Z, last 2023-11-14T22:16:40.000Z; e.g.
#   comm="sshd" object="log"
allow sshd_t var_log_t:dir { search write };`);
    expect(text).toContain(`# why: 1 denial, seen 2023-11-14T22:14:10.000Z; e.g.
#   (no comm or path)
allow httpd_t http_cache_port_t:tcp_socket { name_bind };`);
  });

  it('keeps log text in comments on one line', () => {
    const rule: AllowRule = { source: 'a_t', target: 'b_t', tclass: 'file', permissions: ['read'], denials: 1, firstSeen: null, lastSeen: null, samples: [{ comm: 'x\ny', object: 'p\u2028allow a_t b_t:file write;' }] };
    const text = renderAllowRules([rule], { why: true });
    expect(text.split('\n').filter((line) => line.startsWith('allow'))).toEqual(['allow a_t b_t:file { read };']);
  });

  it('refuses rules that would put anything but identifiers into the policy, and prints nothing for no rules', () => {
    const rule: AllowRule = { source: 'a_t', target: 'b_t', tclass: 'file', permissions: ['read'], denials: 1, firstSeen: null, lastSeen: null, samples: [] };
    expect(() => renderAllowRules([{ ...rule, target: 'b_t; allow x_t' }])).toThrow(/not a policy identifier/);
    expect(() => renderAllowRules([{ ...rule, permissions: [] }])).toThrow(/no permissions/);
    expect(renderAllowRules([])).toBe('');
  });
});
