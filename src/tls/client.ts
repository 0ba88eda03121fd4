// `harden tls client NAME --ca DIR --out DIR2`: one more client certificate from an
// existing CA (one per person or pipeline), as a DOCKER_CERT_PATH bundle. The CA
// key stays in DIR.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dialAddress, parseListen } from './addresses.js';
import { loadCa } from './ca-key.js';
import { loadBackend } from './backends.js';
import { TlsInputError } from './errors.js';
import { readCertificate, subjectAltNamesOf } from './existing.js';
import { generateKey, privateKeyPem } from './keys.js';
import { CLIENT_FILES, SET_FILES, outputFiles } from './layout.js';
import { checkTargets, writeFiles } from '../util/output-files.js';
import { checkClientName } from './names.js';
import { leafRequest } from './profile.js';
import { allInOrder } from '../util/all-in-order.js';

export interface ClientOptions {
  name: string;
  caDir: string;
  out: string;
  days: number;
  /** tcp://HOST:PORT for env.sh; default: from DIR's daemon.json and server certificate. */
  host: string | undefined;
  force: boolean;
  caPassphrase: string | undefined;
}

export interface ClientResult {
  out: string;
  files: string[];
  dockerHost: string;
  contextCommand: string;
}

export const CLIENT_BUNDLE_PATHS = [CLIENT_FILES.ca, CLIENT_FILES.cert, CLIENT_FILES.key, CLIENT_FILES.env] as const;

/** The daemon address from the set's daemon.json (its tcp:// host) and server certificate names. */
async function daemonAddress(caDir: string): Promise<string> {
  const daemonJson = join(caDir, SET_FILES.daemonJson);
  const text = await readFile(daemonJson, 'utf8').catch(() => {
    throw new TlsInputError(`${daemonJson} not found: give the daemon address with -H tcp://HOST:PORT`);
  });
  let hosts: unknown;
  try {
    hosts = (JSON.parse(text) as { hosts?: unknown }).hosts;
  } catch {
    throw new TlsInputError(`${daemonJson}: not valid JSON; give the daemon address with -H tcp://HOST:PORT`);
  }
  const listen = Array.isArray(hosts) ? hosts.find((host): host is string => typeof host === 'string' && host.startsWith('tcp://')) : undefined;
  if (!listen) throw new TlsInputError(`${daemonJson}: no tcp:// address in "hosts"; give the daemon address with -H tcp://HOST:PORT`);
  const serverPath = join(caDir, SET_FILES.serverCert);
  const server = await readCertificate(serverPath, 'server certificate');
  return dialAddress(parseListen(listen), subjectAltNamesOf(server, serverPath)).url;
}

export async function issueClientBundle(options: ClientOptions): Promise<ClientResult> {
  const name = checkClientName(options.name);
  const caDir = resolve(options.caDir);
  const out = resolve(options.out);
  if (out === caDir) throw new TlsInputError(`--out ${options.out}: must not be the CA directory; a client bundle never holds the CA key`);
  // A bad --host is a usage error before any file is read.
  const givenHost = options.host ? parseListen(options.host).url : null;
  const [ca, dockerHost] = await allInOrder([loadCa(caDir, options.caPassphrase), givenHost !== null ? Promise.resolve(givenHost) : daemonAddress(caDir)]);
  await checkTargets(out, CLIENT_BUNDLE_PATHS, options.force);

  const [key, backend, render] = await Promise.all([generateKey(ca.type), loadBackend(ca.type), import('./render.js')]);
  const certificate = await backend.issue(leafRequest('client', name, [], key.publicKey, options.days), ca);
  const connection = { host: dockerHost, certPath: out };
  const contents = new Map<string, string>([
    [CLIENT_FILES.ca, ca.certificatePem],
    [CLIENT_FILES.cert, certificate],
    [CLIENT_FILES.key, privateKeyPem(key.privateKey)],
    [CLIENT_FILES.env, render.renderClientEnv('client', connection)],
  ]);
  const files = await writeFiles(out, outputFiles(contents));
  return { out, files, dockerHost, contextCommand: render.contextCommand(connection) };
}
