// `harden tls renew DIR`: new keys and certificates for the server and the client
// of a set, from the same CA, with the same names, so nothing else changes.
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadCa } from './ca-key.js';
import { loadBackend } from './backends.js';
import { checkIssuedBy, commonNameOf, readCertificate, subjectAltNamesOf } from './existing.js';
import { generateKey, privateKeyPem } from './keys.js';
import { CLIENT_FILES, SET_FILES, outputFiles } from './layout.js';
import { checkTargets, writeFiles } from '../util/output-files.js';
import type { SubjectName } from './names.js';
import { leafRequest } from './profile.js';

export interface RenewOptions {
  dir: string;
  days: number;
  caPassphrase: string | undefined;
}

export interface RenewResult {
  files: string[];
  serverNames: SubjectName[];
  clientName: string | null;
  notAfter: Date;
  /** Where daemon.json says the server files live on the daemon host. */
  daemonDir: string;
  warnings: string[];
}

const CLIENT_CERT = `${SET_FILES.clientDir}/${CLIENT_FILES.cert}`;
const CLIENT_KEY = `${SET_FILES.clientDir}/${CLIENT_FILES.key}`;

export async function renewTlsSet(options: RenewOptions): Promise<RenewResult> {
  const dir = resolve(options.dir);
  const ca = await loadCa(dir, options.caPassphrase);
  const caPath = join(dir, SET_FILES.ca);
  const serverPath = join(dir, SET_FILES.serverCert);
  const clientPath = join(dir, CLIENT_CERT);
  const server = await readCertificate(serverPath, 'server certificate');
  checkIssuedBy(server, serverPath, ca, caPath);
  const names = subjectAltNamesOf(server, serverPath);
  const serverCommonName = commonNameOf(server, serverPath);
  // A set whose client/ was moved away still renews its server certificate.
  const client = (await exists(clientPath)) ? await readCertificate(clientPath, 'client certificate') : null;
  if (client) checkIssuedBy(client, clientPath, ca, caPath);
  const clientName = client ? commonNameOf(client, clientPath) : null;
  const paths = [SET_FILES.serverCert, SET_FILES.serverKey, ...(client ? [CLIENT_CERT, CLIENT_KEY] : [])];
  await checkTargets(dir, paths, true);

  const [serverKey, clientKey, backend] = await Promise.all([
    generateKey(ca.type), client ? generateKey(ca.type) : Promise.resolve(null), loadBackend(ca.type),
  ]);
  const serverRequest = leafRequest('server', serverCommonName, names, serverKey.publicKey, options.days);
  const contents = new Map<string, string>([
    [SET_FILES.serverCert, await backend.issue(serverRequest, ca)],
    [SET_FILES.serverKey, privateKeyPem(serverKey.privateKey)],
  ]);
  if (clientKey && clientName !== null) {
    contents.set(CLIENT_CERT, await backend.issue(leafRequest('client', clientName, [], clientKey.publicKey, options.days), ca));
    contents.set(CLIENT_KEY, privateKeyPem(clientKey.privateKey));
  }
  const files = await writeFiles(dir, outputFiles(contents));
  const warnings: string[] = [];
  if (new Date(ca.certificate.validTo) < serverRequest.notAfter) {
    warnings.push(`the CA in ${caPath} expires ${new Date(ca.certificate.validTo).toISOString().slice(0, 10)}, before the renewed certificates; clients will reject them from then on (make a new set with \`harden tls init\`)`);
  }
  return { files, serverNames: names, clientName, notAfter: serverRequest.notAfter, daemonDir: await daemonDirOf(dir), warnings };
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function daemonDirOf(dir: string): Promise<string> {
  try {
    const config = JSON.parse(await readFile(join(dir, SET_FILES.daemonJson), 'utf8')) as { tlscert?: unknown };
    if (typeof config.tlscert === 'string') return dirname(config.tlscert);
  } catch {
    // No or unreadable daemon.json: the install hint falls back to the default.
  }
  return '/etc/docker';
}
