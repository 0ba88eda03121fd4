// daemon.json, the systemd drop-in and env.sh, rendered from templates/tls/.
import { join, posix } from 'node:path';
import Handlebars from 'handlebars';
import { loadTemplate } from '../util/templates.js';
import { CLIENT_FILES, SET_FILES } from './layout.js';
import { shellQuote } from '../util/shell-quote.js';

// A private environment: JSON values and shell words need their own escaping, and
// handlebars' default HTML escaping would corrupt both.
const handlebars = Handlebars.create();
handlebars.registerHelper('json', (value: unknown) => new handlebars.SafeString(JSON.stringify(value)));
handlebars.registerHelper('sh', (value: unknown) => new handlebars.SafeString(shellQuote(String(value))));

/** One shell word, single-quoted so nothing in it expands. */

export interface DaemonSettings {
  /** Where the server files will live on the daemon host. */
  daemonDir: string;
  /** tcp:// listen address. */
  listen: string;
  /** unix:// socket the local CLI keeps using. */
  localSocket: string;
}

export function renderDaemonJson(settings: DaemonSettings): string {
  const inDaemonDir = (name: string): string => posix.join(settings.daemonDir, name);
  return loadTemplate<Record<string, string>>(handlebars, 'tls/daemon.json.hbs')({
    caCert: inDaemonDir(SET_FILES.ca),
    serverCert: inDaemonDir(SET_FILES.serverCert),
    serverKey: inDaemonDir(SET_FILES.serverKey),
    listen: settings.listen,
    localSocket: settings.localSocket,
  });
}

export function renderDropIn(settings: DaemonSettings): string {
  return loadTemplate<Record<string, string>>(handlebars, 'tls/harden-tls.conf.hbs')({ daemonJson: posix.join(settings.daemonDir, SET_FILES.daemonJson) });
}

export interface ClientConnection {
  /** tcp://host:port the client dials. */
  host: string;
  /** Absolute directory holding ca.pem, cert.pem, key.pem. */
  certPath: string;
}

/** A docker context name for the host: `harden-` plus the host name, in the characters docker allows. */
export function contextName(host: string): string {
  const hostname = host.replace(/^tcp:\/\//, '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return `harden-${hostname.replace(/[^A-Za-z0-9_.+-]/g, '-')}`;
}

/** `--docker` endpoint spec of `docker context create` for the client files. */
export function contextEndpoint(connection: ClientConnection): string {
  const file = (name: string): string => join(connection.certPath, name);
  return `host=${connection.host},ca=${file(CLIENT_FILES.ca)},cert=${file(CLIENT_FILES.cert)},key=${file(CLIENT_FILES.key)}`;
}

export function contextCommand(connection: ClientConnection): string {
  return `docker context create ${contextName(connection.host)} --docker ${shellQuote(contextEndpoint(connection))}`;
}

export function renderClientEnv(command: 'init' | 'client' | 'renew', connection: ClientConnection): string {
  return loadTemplate<Record<string, string>>(handlebars, 'tls/env.sh.hbs')({
    command,
    host: connection.host,
    certPath: connection.certPath,
    envFile: join(connection.certPath, CLIENT_FILES.env),
    contextName: contextName(connection.host),
    contextEndpoint: contextEndpoint(connection),
  });
}
