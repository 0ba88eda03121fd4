// The daemon's listen addresses (--listen, --local-socket) and the address a
// client dials, which must be one of the server certificate's names.
import { parseHost } from '../engine/address.js';
import { TlsInputError } from './errors.js';
import type { SubjectName } from './names.js';

export const DEFAULT_LISTEN = 'tcp://0.0.0.0:2376';
export const DEFAULT_LOCAL_SOCKET = 'unix:///var/run/docker.sock';

export interface ListenAddress {
  url: string;
  hostname: string;
  port: number;
}

export function parseListen(value: string): ListenAddress {
  const parsed = parseHost(value, '--listen');
  if (parsed.transport !== 'tcp' || parsed.basePath !== '') throw new TlsInputError(`--listen: expected tcp://ADDRESS:PORT, got "${value}"`);
  return { url: parsed.url, hostname: parsed.hostname, port: parsed.port };
}

export function parseLocalSocket(value: string): string {
  const path = value.startsWith('unix://') ? value.slice('unix://'.length) : value;
  if (!path.startsWith('/')) throw new TlsInputError(`--local-socket: expected unix:///absolute/path or /absolute/path, got "${value}"`);
  return `unix://${path}`;
}

function isWildcard(hostname: string): boolean {
  return hostname === '0.0.0.0' || /^[0:]+$/.test(hostname);
}

/**
 * Where clients connect: the --listen address when it is a specific name of the
 * certificate, otherwise the first NAME (a wildcard listen address cannot be dialed).
 */
export function dialAddress(listen: ListenAddress, names: readonly SubjectName[]): { url: string; warning?: string } {
  const first = names[0];
  if (!first) throw new TlsInputError('no names: give at least one DNS name or IP address of the daemon host');
  const listenIsName = names.some((name) => name.value === listen.hostname.toLowerCase());
  const hostname = !isWildcard(listen.hostname) && listenIsName ? listen.hostname : first.value;
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
  const url = `tcp://${shown}:${listen.port}`;
  if (isWildcard(listen.hostname) || listenIsName) return { url };
  return { url, warning: `--listen ${listen.url}: ${listen.hostname} is not one of the certificate's names, so clients dialing it will fail verification; add it as a NAME` };
}
