// Parses a Docker host string the way the docker CLI does (docker/cli opts/hosts.go):
// no scheme means tcp, `tcp://` fills in localhost and port 2375 (even with TLS:
// the CLI only picks 2376 when no host is given at all), `unix://` alone means the
// default socket, and a tcp path is kept as an API prefix.
import { HostError } from './errors.js';

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
export const DEFAULT_TCP_HOSTNAME = 'localhost';
export const DEFAULT_HTTP_PORT = 2375;
export const DEFAULT_TLS_PORT = 2376;

export type ParsedHost =
  | { transport: 'unix'; socketPath: string; url: string }
  | {
      transport: 'tcp';
      hostname: string;
      port: number;
      /** API path prefix from `tcp://host:port/prefix`, without a trailing slash; usually empty. */
      basePath: string;
      url: string;
      /** `https://` was written: TLS is on whatever the flags say. */
      impliesTls: boolean;
    };

const EXPECTED_FORMS = 'expected unix:///path/to/docker.sock, tcp://host:port, http://host:port or https://host:port';
const HOSTNAME = /^[A-Za-z0-9._-]+$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?$/;

/** Parses a non-empty host value; `origin` says where it came from, for the error message. */
export function parseHost(value: string, origin: string): ParsedHost {
  // Control characters shown escaped: the error stays one line whatever the value holds.
  const shown = value.replace(/[\u0000-\u001f\u007f]/g, (char) => JSON.stringify(char).slice(1, -1));
  const fail = (why: string): HostError => new HostError(value, `invalid Docker host "${shown}" (${origin}): ${why}; ${EXPECTED_FORMS}`);
  const trimmed = value.trim();
  const separator = trimmed.indexOf('://');
  const scheme = separator === -1 ? 'tcp' : trimmed.slice(0, separator).toLowerCase();
  const rest = separator === -1 ? trimmed : trimmed.slice(separator + 3);
  switch (scheme) {
    case 'unix': {
      if (rest.includes('://')) throw fail('the socket path contains "://"');
      const socketPath = rest === '' ? DEFAULT_UNIX_SOCKET : rest;
      return { transport: 'unix', socketPath, url: `unix://${socketPath}` };
    }
    case 'tcp':
    case 'http':
    case 'https':
      return parseTcp(rest, scheme === 'https', fail);
    case 'ssh':
      throw fail('ssh:// is not supported; forward the socket with `ssh -nNL /tmp/docker.sock:/var/run/docker.sock user@host` and use unix:///tmp/docker.sock');
    case 'npipe':
      throw fail('npipe:// (Windows named pipes) is not supported');
    case 'fd':
      throw fail('fd:// is a daemon listen address, not something a client can dial');
    default:
      throw fail(`unknown scheme "${scheme}://"`);
  }
}

function parseTcp(address: string, isHttps: boolean, fail: (why: string) => HostError): ParsedHost {
  const slash = address.indexOf('/');
  const authority = slash === -1 ? address : address.slice(0, slash);
  const path = slash === -1 ? '' : address.slice(slash).replace(/\/+$/, '');
  // The path goes into every request line as written: only URL path characters (RFC 3986 pchar, %-escapes).
  if (!/^(?:\/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*$/.test(path)) throw fail(`invalid path ${JSON.stringify(path)}: use only URL path characters, %-escaped where needed`);
  let hostname: string;
  let portText: string;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) throw fail('unclosed "[" in an IPv6 address');
    hostname = authority.slice(1, close);
    const afterBracket = authority.slice(close + 1);
    if (afterBracket !== '' && !afterBracket.startsWith(':')) throw fail(`unexpected "${afterBracket}" after "]"`);
    portText = afterBracket.slice(1);
    if (!IPV6.test(hostname)) throw fail(`"${hostname}" is not an IPv6 address`);
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon !== authority.indexOf(':')) throw fail('write IPv6 addresses in brackets, e.g. tcp://[::1]:2376');
    hostname = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? '' : authority.slice(colon + 1);
    if (hostname !== '' && !HOSTNAME.test(hostname)) throw fail(`"${hostname}" is not a valid host name`);
  }
  if (hostname === '') hostname = DEFAULT_TCP_HOSTNAME;
  const port = portText === '' ? (isHttps ? DEFAULT_TLS_PORT : DEFAULT_HTTP_PORT) : Number(portText);
  if (!/^\d*$/.test(portText) || !Number.isInteger(port) || port < 1 || port > 65535) throw fail(`invalid port "${portText}"`);
  const shownHost = hostname.includes(':') ? `[${hostname}]` : hostname;
  return { transport: 'tcp', hostname, port, basePath: path, url: `tcp://${shownHost}:${port}${path}`, impliesTls: isHttps };
}
