// Port -> SELinux port type, from `semanage port -l` output (`--port-contexts`) or
// a built-in table copied from Debian's policy. The narrowest range that contains
// the port wins (so 8080 is http_cache_port_t, not unreserved_port_t 1024-65535);
// on a tie the entry listed first wins.
import { SelinuxInputError } from './errors.js';

export interface PortContextEntry {
  type: string;
  protocol: string;
  low: number;
  high: number;
  origin: string;
}

export const PORT_PROTOCOLS = ['tcp', 'udp', 'sctp', 'dccp'] as const;

/**
 * Lines of `semanage port -l` on Debian 12 (selinux-policy-default 2:2.20221101) for
 * the services containers most often run, plus the catch-all ranges.
 * test/selinux checks every one against the real command's output.
 */
const BUILT_IN_PORTS = `
amqp_port_t                    tcp      5671-5672
amqp_port_t                    udp      5671-5672
commplex_main_port_t           tcp      5000
commplex_main_port_t           udp      5000
couchdb_port_t                 tcp      5984
couchdb_port_t                 udp      5984
dns_port_t                     tcp      53, 853
dns_port_t                     udp      53
ftp_port_t                     tcp      21, 990
ftp_port_t                     udp      990
git_port_t                     tcp      9418
git_port_t                     udp      9418
hi_reserved_port_t             sctp     512-1023
hi_reserved_port_t             tcp      512-1023
hi_reserved_port_t             udp      512-1023
http_cache_port_t              tcp      3128, 8080, 8118, 10001-10010
http_cache_port_t              udp      3130
http_port_t                    tcp      80, 443, 488, 8008, 8009, 8443, 8448
jabber_client_port_t           tcp      5222, 5223
ldap_port_t                    tcp      389, 636, 3268, 3269
ldap_port_t                    udp      389, 636
memcache_port_t                tcp      11211
memcache_port_t                udp      11211
mysqld_port_t                  tcp      1186, 3306, 63132-63164
ntop_port_t                    tcp      3000-3001
ntop_port_t                    udp      3000-3001
ntp_port_t                     udp      123
openvpn_port_t                 tcp      1194
openvpn_port_t                 udp      1194
pop_port_t                     tcp      106, 109, 110, 143, 220, 993, 995, 1109
postgresql_port_t              tcp      5432
redis_port_t                   tcp      6379, 26379
reserved_port_t                sctp     1-511
reserved_port_t                tcp      1-511
reserved_port_t                udp      1-511
rsync_port_t                   tcp      873
rsync_port_t                   udp      873
smtp_port_t                    tcp      25, 465, 587
ssh_port_t                     tcp      22
syslogd_port_t                 udp      514
tftp_port_t                    udp      69
transproxy_port_t              tcp      8081
unreserved_port_t              sctp     1024-65535
unreserved_port_t              tcp      1024-65535
unreserved_port_t              udp      1024-65535
websm_port_t                   tcp      9090
websm_port_t                   udp      9090
xserver_port_t                 tcp      6000-6020
`;

function parsePort(text: string, origin: string): number {
  const value = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= 65535)) throw new SelinuxInputError(`${origin}: ${JSON.stringify(text)} is not a port number (0-65535)`);
  return value;
}

export class PortContexts {
  private readonly entries: PortContextEntry[] = [];

  /** The table built into harden (Debian's policy). */
  static builtIn(): PortContexts {
    return new PortContexts().addText(BUILT_IN_PORTS, 'built-in table');
  }

  /** Adds the entries of `semanage port -l` output; the header line and blank lines are skipped. */
  addText(text: string, file: string): this {
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const line = (lines[index] as string).trim();
      if (line === '' || line.startsWith('SELinux Port Type')) continue;
      const origin = `${file}:${index + 1}`;
      const match = /^([A-Za-z][A-Za-z0-9_]*)\s+(\S+)\s+(\S.*)$/.exec(line);
      if (match === null) throw new SelinuxInputError(`${origin}: expected "TYPE PROTOCOL PORT[, PORT-PORT...]" as printed by semanage port -l, got ${JSON.stringify(line.slice(0, 80))}`);
      const [, type = '', protocol = '', ports = ''] = match;
      if (!(PORT_PROTOCOLS as readonly string[]).includes(protocol)) {
        throw new SelinuxInputError(`${origin}: protocol ${JSON.stringify(protocol)} must be one of ${PORT_PROTOCOLS.join(', ')}`);
      }
      for (const item of ports.split(',')) {
        const [lowText = '', highText, extra] = item.trim().split('-');
        if (extra !== undefined) throw new SelinuxInputError(`${origin}: ${JSON.stringify(item.trim())} is not a port or a LOW-HIGH range`);
        const low = parsePort(lowText, origin);
        const high = highText === undefined ? low : parsePort(highText, origin);
        if (high < low) throw new SelinuxInputError(`${origin}: range ${low}-${high} ends before it starts`);
        this.entries.push({ type, protocol, low, high, origin });
      }
    }
    return this;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The narrowest entry containing the port, or null. */
  lookup(port: number, protocol: string): PortContextEntry | null {
    let best: PortContextEntry | null = null;
    for (const entry of this.entries) {
      if (entry.protocol !== protocol || port < entry.low || port > entry.high) continue;
      if (best === null || entry.high - entry.low < best.high - best.low) best = entry;
    }
    return best;
  }
}
