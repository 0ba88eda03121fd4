// Every value a user supplies that ends up in nginx.conf, compose.yaml or the README
// passes one of these strict patterns first. None of them admits `;`, `{`, `}`,
// quotes, `$`, `\`, whitespace or newlines, so no value can close a directive or
// start a new one.
import { isAbsolute, resolve } from 'node:path';
import { ProxyInputError } from './errors.js';

export const PROFILES = ['readonly', 'operator', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

export const MODES = ['http', 'stream'] as const;
export type Mode = (typeof MODES)[number];

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const SAFE_PATH = /^\/[A-Za-z0-9._+@/-]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function fail(flag: string, value: string, expected: string): never {
  throw new ProxyInputError(`${flag} ${JSON.stringify(value)}: expected ${expected}`);
}

/** A user name for htpasswd and the role map: letters, digits and `. _ @ -`, at most 64 characters. */
export function parseUserName(value: string, flag: string): string {
  if (!USER_NAME.test(value)) fail(flag, value, 'a user name of letters, digits and . _ @ - (starting with a letter or digit, at most 64 characters; no ":" or control characters)');
  return value;
}

export function parseProfile(value: string, flag = '--profile'): Profile {
  if (!(PROFILES as readonly string[]).includes(value)) fail(flag, value, `one of ${PROFILES.join(', ')}`);
  return value as Profile;
}

export function parseMode(value: string): Mode {
  if (!(MODES as readonly string[]).includes(value)) fail('--mode', value, `one of ${MODES.join(', ')}`);
  return value as Mode;
}

export interface Role {
  user: string;
  profile: Profile;
}

/** `--role NAME=PROFILE`. */
export function parseRole(value: string): Role {
  const separator = value.indexOf('=');
  if (separator < 0) fail('--role', value, 'NAME=PROFILE, e.g. alice=operator');
  return { user: parseUserName(value.slice(0, separator), '--role'), profile: parseProfile(value.slice(separator + 1), '--role') };
}

/** An absolute path (resolved against the working directory) in the characters nginx and compose take literally. */
export function parseSafePath(value: string, flag: string): string {
  const absolute = isAbsolute(value) ? value : resolve(value);
  if (!SAFE_PATH.test(absolute) || absolute.split('/').includes('..')) {
    fail(flag, value, 'a path of letters, digits and . _ + @ - / only (it is written into nginx.conf and compose.yaml)');
  }
  return absolute;
}

function parsePort(text: string, flag: string, value: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) fail(flag, value, 'a port between 1 and 65535');
  return port;
}

export interface ListenAddress {
  /** As nginx writes it: `127.0.0.1` or `[::1]`. */
  host: string;
  port: number;
  loopback: boolean;
}

/** `--listen ADDR:PORT` with an IPv4 or bracketed IPv6 literal: a host name would make the loopback check a guess. */
export function parseListen(value: string): ListenAddress {
  const match = /^(\[([^\]]*)\]|[^:[\]]*):([^:]*)$/.exec(value);
  const expected = 'ADDR:PORT with an IP address, e.g. 127.0.0.1:2375 or [::1]:2375';
  if (!match) fail('--listen', value, expected);
  const ipv6 = match[2];
  const host = match[1] ?? '';
  if (ipv6 !== undefined ? !(IPV6.test(ipv6) && ipv6.includes(':')) : !IPV4.test(host)) fail('--listen', value, expected);
  const port = parsePort(match[3] ?? '', '--listen', value);
  const loopback = ipv6 !== undefined ? /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(ipv6) : host.startsWith('127.');
  return { host, port, loopback };
}

export type Upstream = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

/** `--upstream unix:///path` or `tcp://host:port` (a daemon listening without TLS on a private address). */
export function parseUpstream(value: string): Upstream {
  if (value.startsWith('unix://')) {
    const path = value.slice('unix://'.length);
    if (!path.startsWith('/')) fail('--upstream', value, 'unix:///absolute/path/to/docker.sock');
    return { kind: 'unix', path: parseSafePath(path, '--upstream') };
  }
  const match = /^tcp:\/\/(\[[0-9A-Fa-f:.]+\]|[^:/[\]]+):(\d+)$/.exec(value);
  const host = match?.[1] ?? '';
  const bracketed = host.startsWith('[') && IPV6.test(host.slice(1, -1));
  if (!match || !(bracketed || IPV4.test(host) || HOST_NAME.test(host))) {
    fail('--upstream', value, 'unix:///path/to/docker.sock or tcp://HOST:PORT');
  }
  return { kind: 'tcp', host, port: parsePort(match[2] ?? '', '--upstream', value) };
}

export function describeUpstream(upstream: Upstream): string {
  return upstream.kind === 'unix' ? `unix://${upstream.path}` : `tcp://${upstream.host}:${upstream.port}`;
}
