// Does a certificate name the host a client dials? Decided as Go's crypto/x509
// decides it: IP addresses only against IP SANs, names only against DNS SANs
// (one-label wildcards), and never the Common Name.
import { isIP } from 'node:net';
import type { CertificateFacts } from './cert-reader.js';

export type NameCoverage = { covered: true } | { covered: false; missing: string };

export function coversHost(cert: CertificateFacts, host: string): NameCoverage {
  const names = cert.subjectAltNames ?? { dns: [], ip: [] };
  if (isIP(host) !== 0) {
    const wanted = normalizeIp(host);
    return names.ip.some((ip) => normalizeIp(ip) === wanted) ? { covered: true } : { covered: false, missing: `IP:${host}` };
  }
  const wanted = host.toLowerCase().replace(/\.$/, '');
  return names.dns.some((dns) => dnsMatches(dns.toLowerCase(), wanted)) ? { covered: true } : { covered: false, missing: `DNS:${host}` };
}

/** `DNS:a, IP:b` as a short list for messages. */
export function describeSubjectAltNames(cert: CertificateFacts): string[] {
  const names = cert.subjectAltNames ?? { dns: [], ip: [] };
  return [...names.dns.map((dns) => `DNS:${dns}`), ...names.ip.map((ip) => `IP:${ip}`)];
}

/** Listen addresses that accept any interface say nothing about the names clients dial. */
export function isWildcardAddress(host: string): boolean {
  return host === '' || normalizeIp(host) === '0.0.0.0' || normalizeIp(host) === '::';
}

function dnsMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === pattern.slice(2);
}

function normalizeIp(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  // The WHATWG URL parser prints IPv6 addresses in their canonical compressed form.
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}
