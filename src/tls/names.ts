// Classifies each NAME of `harden tls init` as an IP address or a DNS name, the way
// mkcert does, and refuses the forms that produce certificates the Docker CLI or
// dockerd reject (see shared reference docker-tls.md).
import { isIPv4, isIPv6 } from 'node:net';
import { TlsInputError } from './errors.js';

export type SubjectName = { kind: 'ip'; value: string } | { kind: 'dns'; value: string };

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** One NAME as a SAN, or a TlsInputError naming it and saying what is wrong. */
export function classifyName(raw: string): SubjectName {
  const bad = (why: string): TlsInputError => new TlsInputError(`invalid name "${raw}": ${why}`);
  if (raw.trim() === '') throw bad('empty; expected a DNS name or an IP address');
  if (/\s/.test(raw)) throw bad('contains whitespace; give each name as its own argument');
  if (raw.includes('://')) throw bad('has a scheme; give the bare host name or IP (the port goes in --listen)');
  const ipVersion = ipVersionOf(raw);
  if (ipVersion !== 0) {
    if (raw.includes('%')) throw bad('has an IPv6 zone (%...); certificates cannot carry one');
    if (isUnspecifiedAddress(raw)) throw bad('is a wildcard address that clients cannot dial; name the host\'s real IP');
    return { kind: 'ip', value: raw.toLowerCase() };
  }
  if (/^\[.*\]$/.test(raw) && ipVersionOf(raw.slice(1, -1)) === 6) throw bad('has brackets; give the IPv6 address without them');
  if (/:\d+$/.test(raw)) throw bad('has a port; give the bare host name or IP (the port goes in --listen)');
  if (raw.includes(':')) throw bad('is neither an IP address nor a DNS name');
  if (raw.endsWith('.')) throw bad('ends with a dot; dockerd refuses DNS names with a trailing dot');
  const name = raw.toLowerCase();
  if (name.length > 253) throw bad('is longer than 253 characters');
  const labels = name.split('.');
  if (labels.some((label) => label === '')) throw bad('has an empty label (two dots in a row or a leading dot)');
  labels.forEach((label, index) => {
    if (label === '*' && index === 0 && labels.length > 2) return;
    if (label.includes('*')) throw bad('has a wildcard that is not a whole leftmost label of a name with at least three labels');
    if (!LABEL.test(label)) throw bad(`label "${label}" is not a DNS label (letters, digits, "-" and "_", 1-63 characters, no "-" at either end)`);
  });
  return { kind: 'dns', value: name };
}

// Node compiles its large IPv6 pattern on first use (~5 ms); only text that could
// be IPv6 pays for it.
function ipVersionOf(text: string): 0 | 4 | 6 {
  if (/^[0-9.]+$/.test(text)) return isIPv4(text) ? 4 : 0;
  if (text.includes(':')) return isIPv6(text) ? 6 : 0;
  return 0;
}

function isUnspecifiedAddress(address: string): boolean {
  if (ipVersionOf(address) === 4) return address.split('.').every((octet) => Number(octet) === 0);
  // Every group zero (::, ::0, 0:0:...:0), optionally written with an embedded IPv4 tail.
  return address.split(/[:.]/).every((group) => group === '' || /^0+$/.test(group));
}

/**
 * The SANs of a server certificate: the NAMEs in order, then localhost and
 * 127.0.0.1 unless left out, without duplicates.
 */
export function serverNames(rawNames: readonly string[], includeLocalhost: boolean): SubjectName[] {
  const names = rawNames.map(classifyName);
  if (includeLocalhost) names.push({ kind: 'dns', value: 'localhost' }, { kind: 'ip', value: '127.0.0.1' });
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = `${name.kind}:${name.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A client certificate's Common Name: any printable text up to the X.509 limit of 64 characters. */
export function checkClientName(name: string): string {
  if (name.trim() === '') throw new TlsInputError('invalid client name "": expected a non-empty Common Name (for example a person or pipeline)');
  if (name.length > 64) throw new TlsInputError(`invalid client name "${name}": longer than the 64 characters a Common Name allows`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new TlsInputError(`invalid client name ${JSON.stringify(name)}: contains control characters`);
  return name;
}
