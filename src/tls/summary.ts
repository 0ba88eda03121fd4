// What `harden tls init|client|renew` print: the files, how to install the server
// side on the daemon host, and how a client connects.
import { posix, relative } from 'node:path';
import type { ClientResult } from './client.js';
import type { InitResult } from './init.js';
import { SET_FILES } from './layout.js';
import type { SubjectName } from './names.js';
import type { RenewResult } from './renew.js';

function nameList(names: readonly SubjectName[]): string {
  return names.map((name) => name.value).join(', ');
}

function fileList(root: string, files: readonly string[]): string {
  return files.map((file) => `  ${relative(root, file)}`).join('\n');
}

/** Shell commands that put the server files where daemon.json expects them. */
export function installSteps(out: string, daemonDir: string): string[] {
  const from = (name: string): string => posix.join(out, name);
  return [
    `install -d -m 0755 ${daemonDir} /etc/systemd/system/docker.service.d`,
    `install -m 0644 ${from(SET_FILES.ca)} ${from(SET_FILES.serverCert)} ${daemonDir}/`,
    `install -m 0600 ${from(SET_FILES.serverKey)} ${daemonDir}/`,
    `install -m 0644 ${from(SET_FILES.daemonJson)} ${daemonDir}/   # merge by hand if ${daemonDir}/daemon.json exists`,
    `install -m 0644 ${from(SET_FILES.dropIn)} /etc/systemd/system/docker.service.d/`,
    'systemctl daemon-reload && systemctl restart docker',
  ];
}

export function describeInit(result: InitResult, keyType: string, days: number, daemonDir: string): string {
  return [
    `wrote a TLS set (${keyType}) for ${nameList(result.names)} to ${result.out}; server and client certificates valid ${days} days:`,
    fileList(result.out, result.files),
    `Keep ${posix.join(result.out, SET_FILES.caKey)} off the daemon host and out of client bundles.`,
    '',
    'On the daemon host (as root):',
    ...installSteps(result.out, daemonDir).map((step) => `  ${step}`),
    '',
    `From a client (${result.dockerHost}):`,
    `  . ${posix.join(result.out, SET_FILES.clientDir, 'env.sh')} && docker version`,
    `  or: ${result.contextCommand}`,
    '',
  ].join('\n');
}

export function describeClient(result: ClientResult, name: string): string {
  return [
    `wrote a client certificate for "${name}" to ${result.out}:`,
    fileList(result.out, result.files),
    '',
    `Use it (${result.dockerHost}):`,
    `  . ${posix.join(result.out, 'env.sh')} && docker version`,
    `  or: ${result.contextCommand}`,
    '',
  ].join('\n');
}

export function describeRenew(result: RenewResult, dir: string): string {
  const daemonDir = result.daemonDir;
  const client = result.clientName === null ? 'no client/cert.pem found, so no client certificate' : `client "${result.clientName}"`;
  return [
    `renewed the server certificate (${nameList(result.serverNames)}) and ${client} in ${dir}, valid until ${result.notAfter.toISOString().slice(0, 10)}:`,
    fileList(dir, result.files),
    '',
    'dockerd does not reload TLS files on SIGHUP: copy the server files and restart it:',
    `  install -m 0644 ${posix.join(dir, SET_FILES.serverCert)} ${daemonDir}/`,
    `  install -m 0600 ${posix.join(dir, SET_FILES.serverKey)} ${daemonDir}/`,
    '  systemctl restart docker   # with "live-restore": true containers keep running',
    'Client bundles made with `harden tls client` keep working until they expire (same CA).',
    '',
  ].join('\n');
}
