// The files of a harden TLS set and their modes; src/util/output-files.ts writes them.
import type { OutputFile } from '../util/output-files.js';

export const SET_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server-cert.pem',
  serverKey: 'server-key.pem',
  daemonJson: 'daemon.json',
  dropIn: 'docker.service.d/harden-tls.conf',
  clientDir: 'client',
} as const;

/** What DOCKER_CERT_PATH wants, plus env.sh; the same names in `client/` and in a `tls client` bundle. */
export const CLIENT_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem', env: 'env.sh' } as const;

export const PRIVATE_MODE = 0o600;
export const PUBLIC_MODE = 0o644;

/** Private keys 0600, everything else 0644. */
export function modeFor(relativePath: string): number {
  return relativePath.endsWith('key.pem') ? PRIVATE_MODE : PUBLIC_MODE;
}

/** Output files in the given order, each with the mode its name calls for. */
export function outputFiles(contents: ReadonlyMap<string, string>): OutputFile[] {
  return [...contents].map(([path, content]) => ({ path, content, mode: modeFor(path) }));
}

