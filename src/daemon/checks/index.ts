// The registry of daemon checks: one module per check, each exporting `check`.
import type { AnyDaemonCheck } from '../types.js';
import { check as authorizationPlugin } from './daemon-authorization-plugin.js';
import { check as centralizedLogging } from './daemon-centralized-logging.js';
import { check as configPermissions } from './daemon-config-permissions.js';
import { check as experimental } from './daemon-experimental.js';
import { check as icc } from './daemon-icc.js';
import { check as insecureRegistries } from './daemon-insecure-registries.js';
import { check as liveRestore } from './daemon-live-restore.js';
import { check as noNewPrivileges } from './daemon-no-new-privileges.js';
import { check as socketPermissions } from './daemon-socket-permissions.js';
import { check as tcpWithoutTls } from './daemon-tcp-without-tls.js';
import { check as tlsCertExpiry } from './daemon-tls-cert-expiry.js';
import { check as tlsFilePermissions } from './daemon-tls-file-permissions.js';
import { check as userlandProxy } from './daemon-userland-proxy.js';
import { check as usernsRemap } from './daemon-userns-remap.js';

/** Every daemon check, sorted by id. */
export const daemonChecks: readonly AnyDaemonCheck[] = Object.freeze(
  [
    authorizationPlugin,
    centralizedLogging,
    configPermissions,
    experimental,
    icc,
    insecureRegistries,
    liveRestore,
    noNewPrivileges,
    socketPermissions,
    tcpWithoutTls,
    tlsCertExpiry,
    tlsFilePermissions,
    userlandProxy,
    usernsRemap,
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

const byId: ReadonlyMap<string, AnyDaemonCheck> = new Map(daemonChecks.map((check) => [check.id, check]));

export function getDaemonCheck(id: string): AnyDaemonCheck | undefined {
  return byId.get(id);
}
