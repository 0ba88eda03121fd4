// Deterministic generator of realistic SELinux audit logs, for the agreement test
// with audit2allow and for `npm run bench`. Every type, class and permission exists
// in Debian's selinux-policy-default (policy.33), and every source context is valid
// there (system_u:system_r:DOMAIN), so audit2allow -p policy.33 keeps every denial.
// It mixes the shapes harden reads: raw audit.log records (AVC, USER_AVC with their
// SYSCALL, CWD, PATH, PROCTITLE noise), `ausearch -i` blocks, dmesg, syslog and
// journald lines, and a few granted AVCs and AVC notices that yield no rule.
//
//   node test/selinux/avc-log-generator.mjs LINES [SEED] > audit.log
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Distinct (source, target, class) combinations the generator draws denials from. */
export const COMBINATION_COUNT = 300;

const FILE_READ = ['read', 'open', 'getattr', 'ioctl', 'lock', 'map'];
const FILE_WRITE = ['write', 'append', 'create', 'unlink', 'rename', 'setattr'];
const DIR_PERMS = ['search', 'getattr', 'read', 'open', 'write', 'add_name', 'remove_name', 'create', 'rmdir'];
const OBJECT_CLASSES = {
  file: [...FILE_READ, ...FILE_WRITE, 'execute'],
  dir: DIR_PERMS,
  lnk_file: ['read', 'getattr'],
  sock_file: ['write', 'getattr', 'create', 'unlink'],
  fifo_file: ['read', 'write', 'getattr', 'ioctl', 'open'],
};
const SELF_CLASSES = {
  capability: ['chown', 'dac_override', 'dac_read_search', 'fowner', 'kill', 'setgid', 'setuid', 'net_bind_service', 'net_admin', 'net_raw', 'sys_admin', 'sys_chroot', 'sys_nice', 'sys_resource', 'ipc_lock'],
  capability2: ['block_suspend', 'syslog', 'wake_alarm'],
  process: ['setrlimit', 'execmem', 'getsched', 'setsched', 'signal', 'setcap', 'getcap', 'setfscreate'],
  unix_stream_socket: ['create', 'connect', 'read', 'write', 'getattr', 'setopt'],
  unix_dgram_socket: ['create', 'connect', 'write', 'getattr'],
  tcp_socket: ['create', 'bind', 'listen', 'accept', 'connect', 'getattr', 'setopt'],
  udp_socket: ['create', 'bind', 'connect', 'getattr', 'setopt'],
  netlink_route_socket: ['create', 'bind', 'getattr', 'nlmsg_read'],
  sem: ['create', 'read', 'write', 'unix_read', 'unix_write', 'associate'],
};
// Object types every daemon touches; each domain adds its own below.
const SHARED_TYPES = {
  etc_t: '/etc/ssl/openssl.cnf', var_log_t: '/var/log/messages', tmp_t: '/tmp/.X0-lock', var_lib_t: '/var/lib/misc', proc_t: '/proc/meminfo',
  sysfs_t: '/sys/kernel/mm/transparent_hugepage/enabled', usr_t: '/usr/share/zoneinfo/UTC', lib_t: '/usr/lib/x86_64-linux-gnu/libssl.so.3',
  bin_t: '/usr/bin/env', shell_exec_t: '/usr/bin/dash', cert_t: '/etc/ssl/certs/ca-certificates.crt', net_conf_t: '/etc/resolv.conf',
  locale_t: '/usr/lib/locale/C.utf8/LC_CTYPE', ld_so_cache_t: '/etc/ld.so.cache', user_home_t: '/home/alice/.profile', tmpfs_t: '/dev/shm/sem.lock',
  shadow_t: '/etc/shadow', krb5_conf_t: '/etc/krb5.conf', var_run_t: '/run/lock', user_tmp_t: '/tmp/user/1000/build',
};
const DEVICES = { null_device_t: '/dev/null', urandom_device_t: '/dev/urandom', random_device_t: '/dev/random', tty_device_t: '/dev/tty', kmsg_device_t: '/dev/kmsg', ptmx_t: '/dev/ptmx', devpts_t: '/dev/pts/0' };
const DOMAINS = [
  { type: 'httpd_t', comm: 'apache2', exe: '/usr/sbin/apache2', own: { httpd_log_t: '/var/log/apache2/access.log', httpd_sys_content_t: '/var/www/html/index.html', httpd_config_t: '/etc/apache2/apache2.conf', httpd_cache_t: '/var/cache/apache2/mod_cache_disk', httpd_runtime_t: '/run/apache2/apache2.pid' }, ports: ['http_port_t', 'http_cache_port_t', 'mysqld_port_t', 'postgresql_port_t'] },
  { type: 'sshd_t', comm: 'sshd', exe: '/usr/sbin/sshd', own: { sshd_key_t: '/etc/ssh/ssh_host_ed25519_key', sshd_exec_t: '/usr/sbin/sshd', krb5_keytab_t: '/etc/krb5.keytab' }, ports: ['ssh_port_t', 'unreserved_port_t'] },
  { type: 'named_t', comm: 'named', exe: '/usr/sbin/named', own: { named_zone_t: '/etc/bind/db.local', named_conf_t: '/etc/bind/named.conf', named_cache_t: '/var/cache/bind/managed-keys.bind', named_runtime_t: '/run/named/named.pid' }, ports: ['dns_port_t', 'reserved_port_t'] },
  { type: 'mysqld_t', comm: 'mariadbd', exe: '/usr/sbin/mariadbd', own: { mysqld_db_t: '/var/lib/mysql/ibdata1', mysqld_etc_t: '/etc/mysql/my.cnf', mysqld_log_t: '/var/log/mysql/error.log', mysqld_runtime_t: '/run/mysqld/mysqld.sock' }, ports: ['mysqld_port_t'] },
  { type: 'postgresql_t', comm: 'postgres', exe: '/usr/lib/postgresql/15/bin/postgres', own: { postgresql_db_t: '/var/lib/postgresql/15/main/PG_VERSION', postgresql_etc_t: '/etc/postgresql/15/main/postgresql.conf', postgresql_log_t: '/var/log/postgresql/postgresql-15-main.log' }, ports: ['postgresql_port_t'] },
  { type: 'postfix_master_t', comm: 'master', exe: '/usr/lib/postfix/sbin/master', own: { postfix_etc_t: '/etc/postfix/main.cf', postfix_spool_t: '/var/spool/postfix/active', postfix_public_t: '/var/spool/postfix/public/pickup' }, ports: ['smtp_port_t'] },
  { type: 'postfix_smtpd_t', comm: 'smtpd', exe: '/usr/lib/postfix/sbin/smtpd', own: { postfix_etc_t: '/etc/postfix/master.cf', postfix_spool_t: '/var/spool/postfix/incoming', mail_spool_t: '/var/mail/alice' }, ports: ['smtp_port_t', 'mail_port_t'] },
  { type: 'dovecot_t', comm: 'dovecot', exe: '/usr/sbin/dovecot', own: { dovecot_etc_t: '/etc/dovecot/dovecot.conf', dovecot_spool_t: '/var/spool/dovecot/index', dovecot_passwd_t: '/etc/dovecot/users' }, ports: ['pop_port_t', 'mail_port_t'] },
  { type: 'squid_t', comm: 'squid', exe: '/usr/sbin/squid', own: { squid_conf_t: '/etc/squid/squid.conf', squid_cache_t: '/var/spool/squid/swap.state', squid_log_t: '/var/log/squid/access.log' }, ports: ['squid_port_t', 'http_port_t', 'http_cache_port_t'] },
  { type: 'ntpd_t', comm: 'ntpd', exe: '/usr/sbin/ntpd', own: { ntp_drift_t: '/var/lib/ntpsec/ntp.drift' }, ports: ['ntp_port_t'] },
  { type: 'chronyd_t', comm: 'chronyd', exe: '/usr/sbin/chronyd', own: { chronyd_var_lib_t: '/var/lib/chrony/chrony.drift' }, ports: ['ntp_port_t'] },
  { type: 'syslogd_t', comm: 'rsyslogd', exe: '/usr/sbin/rsyslogd', own: { syslog_conf_t: '/etc/rsyslog.conf', devlog_t: '/dev/log' }, ports: ['unreserved_port_t'] },
  { type: 'crond_t', comm: 'cron', exe: '/usr/sbin/cron', own: { cron_spool_t: '/var/spool/cron/crontabs/root', crontab_exec_t: '/usr/bin/crontab' }, ports: [] },
  { type: 'cupsd_t', comm: 'cupsd', exe: '/usr/sbin/cupsd', own: { cupsd_etc_t: '/etc/cups/cupsd.conf', cupsd_log_t: '/var/log/cups/error_log', print_spool_t: '/var/spool/cups/tmp' }, ports: ['reserved_port_t'] },
  { type: 'redis_t', comm: 'redis-server', exe: '/usr/bin/redis-server', own: { redis_var_lib_t: '/var/lib/redis/dump.rdb', redis_log_t: '/var/log/redis/redis-server.log' }, ports: ['redis_port_t'] },
  { type: 'memcached_t', comm: 'memcached', exe: '/usr/bin/memcached', own: {}, ports: ['memcache_port_t'] },
  { type: 'openvpn_t', comm: 'openvpn', exe: '/usr/sbin/openvpn', own: { openvpn_etc_t: '/etc/openvpn/server.conf', openvpn_var_log_t: '/var/log/openvpn/status.log' }, ports: ['unreserved_port_t'] },
  { type: 'dnsmasq_t', comm: 'dnsmasq', exe: '/usr/sbin/dnsmasq', own: { dnsmasq_etc_t: '/etc/dnsmasq.conf', dnsmasq_lease_t: '/var/lib/misc/dnsmasq.leases' }, ports: ['dns_port_t'] },
  { type: 'snmpd_t', comm: 'snmpd', exe: '/usr/sbin/snmpd', own: { snmpd_var_lib_t: '/var/lib/snmp/snmpd.conf' }, ports: ['snmp_port_t'] },
  { type: 'rsync_t', comm: 'rsync', exe: '/usr/bin/rsync', own: { rsync_data_t: '/srv/rsync/backup.tar', public_content_t: '/srv/pub/README' }, ports: ['rsync_port_t'] },
  { type: 'varnishd_t', comm: 'varnishd', exe: '/usr/sbin/varnishd', own: { varnishd_etc_t: '/etc/varnish/default.vcl' }, ports: ['varnishd_port_t', 'http_port_t'] },
];
/** Other processes a domain signals or connects to. */
const PEERS = ['init_t', 'syslogd_t', 'unconfined_t', 'initrc_t', 'system_dbusd_t'];
const LEVELS = ['s0', 's0', 's0', 's0-s0:c0.c1023', 's0:c740,c787', 's0:c12,c951'];
const HOSTS = ['web01', 'db02', 'edge'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, items) => items[Math.floor(random() * items.length)];

function someOf(random, items, min, max) {
  const pool = [...items];
  const count = Math.min(pool.length, min + Math.floor(random() * (max - min + 1)));
  const chosen = [];
  while (chosen.length < count) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

/** Every combination that makes sense for a domain; the generator keeps COMBINATION_COUNT of them. */
function candidateCombinations() {
  const candidates = [];
  const add = (domain, target, tclass, perms, object, user = false) => candidates.push({ domain, target, tclass, perms, object, user });
  for (const domain of DOMAINS) {
    for (const [target, path] of Object.entries({ ...SHARED_TYPES, ...domain.own })) {
      const socket = /\.sock$|^\/dev\/log$|\/public\//.test(path);
      for (const tclass of socket ? ['sock_file', 'dir'] : ['file', 'dir', 'lnk_file']) add(domain, target, tclass, OBJECT_CLASSES[tclass], path);
    }
    for (const [target, path] of Object.entries(DEVICES)) add(domain, target, 'chr_file', ['read', 'write', 'open', 'getattr', 'ioctl'], path);
    for (const port of domain.ports) {
      add(domain, port, 'tcp_socket', ['name_bind', 'name_connect'], null);
      add(domain, port, 'udp_socket', ['name_bind'], null);
    }
    for (const [tclass, perms] of Object.entries(SELF_CLASSES)) add(domain, domain.type, tclass, perms, null);
    for (const peer of PEERS) {
      add(domain, peer, 'process', ['signal', 'sigchld', 'sigkill', 'signull'], null);
      add(domain, peer, 'unix_stream_socket', ['connectto'], null);
      add(domain, peer, 'fifo_file', ['read', 'write', 'getattr'], `pipe:[${19000 + candidates.length}]`);
    }
    add(domain, 'proc_t', 'filesystem', ['getattr'], null);
    add(domain, 'tmpfs_t', 'filesystem', ['getattr', 'mount'], null);
    add(domain, 'kernel_t', 'system', ['module_request', 'syslog_read'], null);
    add(domain, 'node_t', 'tcp_socket', ['node_bind'], null);
    add(domain, 'security_t', 'security', ['check_context', 'compute_av'], null);
    // Userspace object managers (systemd, dbus-daemon) report these as USER_AVC.
    add(domain, 'init_t', 'system', ['status', 'start', 'stop', 'reload'], '/lib/systemd/system/cron.service', true);
    add(domain, 'systemd_unit_t', 'service', ['status', 'start', 'stop', 'reload', 'enable'], '/lib/systemd/system/ssh.service', true);
    add(domain, 'system_dbusd_t', 'dbus', ['send_msg', 'acquire_svc'], null, true);
  }
  return candidates;
}

export function avcCombinations(seed = 1) {
  const random = seededRandom(seed ^ 0x5eed);
  const candidates = candidateCombinations();
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  // Each kept combination only ever uses a few of its class's permissions, like a real service.
  return candidates.slice(0, COMBINATION_COUNT).map((c) => ({ ...c, perms: someOf(random, c.perms, 1, 4) }));
}

/** Zipf-like weights: a few combinations dominate the log, the rarest still appear at 200,000 lines. */
function weightedPicker(random, count) {
  const cumulative = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank++) cumulative.push((total += 1 / rank ** 0.8));
  return () => {
    const x = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < x) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

const two = (n) => String(n).padStart(2, '0');
const hex = (random, digits) => Array.from({ length: digits }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

function stamps(ms, serial) {
  const d = new Date(ms);
  const fraction = String(ms % 1000).padStart(3, '0');
  return {
    raw: `${Math.floor(ms / 1000)}.${fraction}:${serial}`,
    // What `ausearch -i` prints (strftime "%x %T" in en_US), here in UTC so the file is the same everywhere.
    interpreted: `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${fraction}:${serial}`,
    syslog: `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    uptime: `${(ms / 1000 - 1_699_990_000).toFixed(6)}`.padStart(12, ' '),
  };
}

/** The lines of one audit event: the AVC (or USER_AVC) record in one of the log shapes, with its companion records. */
function eventLines(random, combination, ms, serial, shape = random()) {
  const { domain, target, tclass, object } = combination;
  const pid = 1000 + Math.floor(random() * 60000);
  const perms = (shape < 0 ? combination.perms : someOf(random, combination.perms, 1, Math.min(3, combination.perms.length))).join(' ');
  const scontext = `system_u:system_r:${domain.type}:${pick(random, LEVELS)}`;
  const targetRole = target.endsWith('_t') && (PEERS.includes(target) || target === domain.type) ? 'system_r' : 'object_r';
  const tcontext = `system_u:${targetRole}:${target}:s0`;
  const objectField = object === null ? '' : object.startsWith('pipe:') ? ` path="${object}" dev="pipefs" ino=${pid}` : ` name="${object.slice(object.lastIndexOf('/') + 1)}" dev="dm-0" ino=${pid * 7}`;
  const details = `pid=${pid} comm="${domain.comm}"${objectField} scontext=${scontext} tcontext=${tcontext} tclass=${tclass} permissive=${random() < 0.7 ? 1 : 0}`;
  const s = stamps(ms, serial);
  const host = pick(random, HOSTS);
  if (combination.user) {
    const body = `pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='avc:  denied  { ${perms} } for auid=n/a uid=0 gid=0 path="${object ?? '/run/dbus/system_bus_socket'}" cmdline="/bin/systemctl status ${domain.comm}" scontext=${scontext} tcontext=${tcontext} tclass=${tclass} exe="/lib/systemd/systemd" sauid=0 hostname=? addr=? terminal=?'`;
    if (shape < 0.5) return [`type=USER_AVC msg=audit(${s.raw}): ${body}`];
    if (shape < 0.75) return [`${s.syslog} ${host} audit[1]: USER_AVC ${body}`];
    return ['----', `type=USER_AVC msg=audit(${s.interpreted}) : ${body.replace('auid=4294967295 ses=4294967295', 'auid=unset ses=unset')}`];
  }
  const avc = `avc:  denied  { ${perms} } for  ${details}`;
  const syscall = `arch=c000003e syscall=${pick(random, [2, 4, 42, 49, 257, 262])} success=no exit=-13 a0=${hex(random, 8)} a1=${hex(random, 12)} a2=80000 a3=0 items=${object === null ? 0 : 1} ppid=1 pid=${pid} auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="${domain.comm}" exe="${domain.exe}" subj=${scontext} key=(null)`;
  if (shape < 0.5) {
    const lines = [`type=AVC msg=audit(${s.raw}): ${avc}`, `type=SYSCALL msg=audit(${s.raw}): ${syscall}`];
    if (object !== null && !object.startsWith('pipe:')) {
      lines.push(`type=CWD msg=audit(${s.raw}): cwd="/"`, `type=PATH msg=audit(${s.raw}): item=0 name="${object}" inode=${pid * 7} dev=fd:00 mode=0100644 ouid=0 ogid=0 rdev=00:00 obj=${tcontext} nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`);
    }
    lines.push(`type=PROCTITLE msg=audit(${s.raw}): proctitle=${Buffer.from(domain.exe).toString('hex').toUpperCase()}`);
    return lines;
  }
  if (shape < 0.7) {
    const interpreted = syscall.replace(/arch=c000003e syscall=\d+ success=no exit=-13/, 'arch=x86_64 syscall=openat success=no exit=EACCES(Permission denied)').replace(/auid=4294967295/, 'auid=unset').replace(/ses=4294967295/, 'ses=unset').replace(/comm="([^"]*)"/, 'comm=$1');
    return ['----', `type=PROCTITLE msg=audit(${s.interpreted}) : proctitle=${domain.exe}`, `type=SYSCALL msg=audit(${s.interpreted}) : ${interpreted}`, `type=AVC msg=audit(${s.interpreted}) : ${avc.replace(/comm="([^"]*)"/, 'comm=$1')}`];
  }
  if (shape < 0.85) return [`${s.syslog} ${host} kernel: audit: type=1400 audit(${s.raw}): ${avc}`, `${s.syslog} ${host} kernel: audit: type=1300 audit(${s.raw}): ${syscall}`];
  return [`[${s.uptime}] audit: type=1400 audit(${s.raw}): ${avc}`, `[${s.uptime}] audit: type=1300 audit(${s.raw}): ${syscall}`];
}

/** Records with no rule in them: logins, service starts, a granted AVC, a policy-load notice. */
function noiseLine(random, ms, serial) {
  const s = stamps(ms, serial);
  const roll = random();
  if (roll < 0.4) return `type=SERVICE_START msg=audit(${s.raw}): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='unit=systemd-tmpfiles-clean comm="systemd" exe="/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'`;
  if (roll < 0.7) return `type=USER_LOGIN msg=audit(${s.raw}): pid=${1000 + serial % 5000} uid=0 auid=1000 ses=3 subj=system_u:system_r:sshd_t:s0-s0:c0.c1023 msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=10.0.0.5 addr=10.0.0.5 terminal=/dev/pts/0 res=success'`;
  if (roll < 0.85) return `type=AVC msg=audit(${s.raw}): avc:  granted  { setenforce } for  pid=${serial % 9000} comm="setenforce" scontext=system_u:system_r:sysadm_t:s0 tcontext=system_u:object_r:security_t:s0 tclass=security`;
  return `type=USER_AVC msg=audit(${s.raw}): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='avc:  received policyload notice (seqno=${serial % 7 + 1})  exe="/lib/systemd/systemd" sauid=0 hostname=? addr=? terminal=?'`;
}

/** Exactly `lines` log lines, the same for the same seed. */
export function* avcLogLines({ lines, seed = 1 }) {
  const random = seededRandom(seed);
  const combinations = avcCombinations(seed);
  const nextCombination = weightedPicker(random, combinations.length);
  let ms = 1_700_000_000_000 + (seed % 1000) * 86_400_000;
  let serial = 1000;
  let written = 0;
  while (written < lines) {
    ms += 1 + Math.floor(random() * 4000);
    serial++;
    const event = random() < 0.05 ? [noiseLine(random, ms, serial)] : eventLines(random, combinations[nextCombination()], ms, serial);
    for (const line of event) {
      if (written++ === lines) return;
      yield line;
    }
  }
}

/** One raw AVC or USER_AVC record per combination, with all of its permissions: checks the whole table at once. */
export function everyCombinationLines(seed = 1) {
  const random = seededRandom(seed);
  return avcCombinations(seed).map((combination, i) => eventLines(random, combination, 1_700_000_000_000 + i * 1000, 1 + i, -1)[0]);
}

/** Writes the log to `path` without holding it in memory. */
export async function writeAvcLog(path, options) {
  const out = createWriteStream(path);
  let batch = '';
  for (const line of avcLogLines(options)) {
    batch += `${line}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

/**
 * The rules of a printed module as "SOURCE TARGET CLASS PERMISSION" strings, `self`
 * resolved to the source: how harden's output and audit2allow's (which writes a
 * single permission without braces) are compared.
 */
export function permissionTuples(policy) {
  const tuples = new Set();
  for (const [, source, target, tclass, braced, single] of policy.matchAll(/^allow (\S+) (\S+):(\S+) (?:\{ ([^}]*) \}|([^\s;{]+));$/gm)) {
    for (const permission of (braced ?? single).trim().split(/\s+/)) tuples.add(`${source} ${target === 'self' ? source : target} ${tclass} ${permission}`);
  }
  return tuples;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lines = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 1);
  for (const line of avcLogLines({ lines, seed })) process.stdout.write(`${line}\n`);
}
