// `harden tls init`: a CA, a server and a first client certificate, daemon.json,
// the systemd drop-in and the client environment, written in one checked step.
import { resolve } from 'node:path';
import { dialAddress, parseListen, parseLocalSocket } from './addresses.js';
import { caKeyPem } from './ca-key.js';
import { loadBackend } from './backends.js';
import { generateKey, privateKeyPem, type KeyType } from './keys.js';
import { CLIENT_FILES, SET_FILES, outputFiles } from './layout.js';
import { checkTargets, writeFiles } from '../util/output-files.js';
import { checkClientName, serverNames, type SubjectName } from './names.js';
import { caRequest, leafRequest } from './profile.js';
import type { DaemonSettings } from './render.js';

export interface InitOptions {
  names: readonly string[];
  out: string;
  keyType: KeyType;
  days: number;
  caDays: number;
  clientName: string;
  includeLocalhost: boolean;
  listen: string;
  localSocket: string;
  daemonDir: string;
  force: boolean;
  /** Encrypts ca-key.pem when set. */
  caPassphrase: string | undefined;
}

export interface InitResult {
  out: string;
  files: string[];
  names: SubjectName[];
  dockerHost: string;
  contextCommand: string;
  warnings: string[];
}

const inClient = (name: string): string => `${SET_FILES.clientDir}/${name}`;

/** Every file `tls init` writes, in the order it lists them. */
export const INIT_PATHS = [
  SET_FILES.ca, SET_FILES.caKey, SET_FILES.serverCert, SET_FILES.serverKey, SET_FILES.daemonJson, SET_FILES.dropIn,
  inClient(CLIENT_FILES.ca), inClient(CLIENT_FILES.cert), inClient(CLIENT_FILES.key), inClient(CLIENT_FILES.env),
] as const;

export async function initTlsSet(options: InitOptions): Promise<InitResult> {
  const names = serverNames(options.names, options.includeLocalhost);
  const clientName = checkClientName(options.clientName);
  const listen = parseListen(options.listen);
  const daemon: DaemonSettings = { daemonDir: options.daemonDir, listen: listen.url, localSocket: parseLocalSocket(options.localSocket) };
  const dial = dialAddress(listen, names);
  const out = resolve(options.out);
  await checkTargets(out, INIT_PATHS, options.force);

  // The three key searches run on the thread pool while the encoder and the
  // templates load on the main thread.
  const [caKey, serverKey, clientKey, backend, render] = await Promise.all([
    generateKey(options.keyType), generateKey(options.keyType), generateKey(options.keyType), loadBackend(options.keyType), import('./render.js'),
  ]);
  const caCommonName = `harden CA ${names[0]?.value ?? ''}`.trim();
  const caPem = await backend.createCa(caRequest(caCommonName, caKey.publicKey, options.caDays), caKey.privateKey);
  const issuer = { certificatePem: caPem, privateKey: caKey.privateKey };
  const [serverPem, clientPem] = await Promise.all([
    backend.issue(leafRequest('server', names[0]?.value ?? 'docker', names, serverKey.publicKey, options.days), issuer),
    backend.issue(leafRequest('client', clientName, [], clientKey.publicKey, options.days), issuer),
  ]);

  const connection = { host: dial.url, certPath: resolve(out, SET_FILES.clientDir) };
  const contents = new Map<string, string>([
    [SET_FILES.ca, caPem],
    [SET_FILES.caKey, caKeyPem(caKey.privateKey, options.caPassphrase)],
    [SET_FILES.serverCert, serverPem],
    [SET_FILES.serverKey, privateKeyPem(serverKey.privateKey)],
    [SET_FILES.daemonJson, render.renderDaemonJson(daemon)],
    [SET_FILES.dropIn, render.renderDropIn(daemon)],
    [inClient(CLIENT_FILES.ca), caPem],
    [inClient(CLIENT_FILES.cert), clientPem],
    [inClient(CLIENT_FILES.key), privateKeyPem(clientKey.privateKey)],
    [inClient(CLIENT_FILES.env), render.renderClientEnv('init', connection)],
  ]);
  const written = await writeFiles(out, outputFiles(contents));
  return { out, files: written, names, dockerHost: dial.url, contextCommand: render.contextCommand(connection), warnings: dial.warning ? [dial.warning] : [] };
}
