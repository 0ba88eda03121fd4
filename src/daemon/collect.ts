// Gathers DaemonFacts for one engine: /info and /version for any engine; for a
// unix-socket engine also the daemon process behind the socket, its command line,
// the daemon.json it was started with (--config-file, default /etc/docker/daemon.json)
// and the files it uses.
import { readFileSync, realpathSync } from 'node:fs';
import { parseHost } from '../engine/address.js';
import type { EngineClient } from '../engine/client.js';
import type { EngineEndpoint } from '../engine/host.js';
import { isJsonObject } from '../engine/json.js';
import { describeFsError } from '../util/fs-errors.js';
import { valueOr } from '../util/value-or.js';
import { parseDaemonCommandLine } from './command-line.js';
import { DEFAULT_CONFIG_FILE, effectiveConfig, parseDaemonJson } from './config.js';
import { readDaemonFiles } from './files.js';
import { daemonPath, findDaemonProcess, hostView, type DaemonProcess } from './process.js';
import type { DaemonConfig, DaemonFacts, DaemonFileRole, EngineInfo, LocalDaemon } from './types.js';

/** dockerd always trusts loopback registries without TLS; only what an operator added counts. */
const IMPLICIT_INSECURE = new Set(['127.0.0.0/8', '::1/128']);

export async function readDaemonFacts(client: EngineClient, endpoint: EngineEndpoint, now: Date = new Date()): Promise<DaemonFacts> {
  const [info, local] = await Promise.all([client.info(), endpoint.transport === 'unix' ? readLocalDaemon(endpoint.socketPath) : null]);
  return {
    endpoint: { url: endpoint.url, transport: endpoint.transport, tls: endpoint.tls !== null },
    engine: engineInfo(info),
    local: local !== null && 'pid' in local ? local : null,
    localUnavailable: local !== null && 'reason' in local ? local.reason : null,
    checkedAt: now.toISOString(),
  };
}

export function engineInfo(info: Record<string, unknown>): EngineInfo {
  const registry = isJsonObject(info.RegistryConfig) ? info.RegistryConfig : {};
  const cidrs = strings(registry.InsecureRegistryCIDRs).filter((cidr) => !IMPLICIT_INSECURE.has(cidr));
  const indexes = isJsonObject(registry.IndexConfigs) ? Object.values(registry.IndexConfigs) : [];
  const names = indexes.flatMap((index) => (isJsonObject(index) && index.Secure === false && typeof index.Name === 'string' ? [index.Name] : []));
  const plugins = isJsonObject(info.Plugins) ? info.Plugins : {};
  return {
    // /info says the version too: no /version request (dockerd runs processes to answer it).
    version: typeof info.ServerVersion === 'string' ? info.ServerVersion : '',
    liveRestore: info.LiveRestoreEnabled === true,
    loggingDriver: typeof info.LoggingDriver === 'string' ? info.LoggingDriver : '',
    insecureRegistries: [...cidrs, ...names],
    experimental: info.ExperimentalBuild === true,
    authorizationPlugins: strings(plugins.Authorization),
    securityOptions: strings(info.SecurityOptions),
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

async function readLocalDaemon(socketPath: string): Promise<LocalDaemon | { reason: string }> {
  let process: DaemonProcess;
  try {
    process = findDaemonProcess(valueOr(() => realpathSync(socketPath), socketPath));
  } catch (error) {
    return { reason: (error as Error).message };
  }
  const flags = parseDaemonCommandLine(process.argv);
  const explicit = flags.get('config-file')?.at(-1);
  const configFile = daemonPath(process, explicit ?? DEFAULT_CONFIG_FILE);
  let fileSettings: Record<string, unknown> = {};
  let configInUse: string | null = configFile;
  try {
    fileSettings = parseDaemonJson(readFileSync(hostView(process, configFile), 'utf8'), configFile);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    // Without --config-file a missing default is normal: dockerd runs on flags alone.
    if (missing && explicit === undefined) configInUse = null;
    else return { reason: error instanceof Error && !('code' in error) ? error.message : `${configFile}: ${describeFsError(error)}` };
  }
  const config = effectiveConfig(flags, fileSettings);
  const readings = await readDaemonFiles(process, daemonFiles(process, config, configInUse, socketPath));
  return { pid: process.pid, command: process.argv, configFile: configInUse, config, ...readings };
}

function daemonFiles(process: DaemonProcess, config: DaemonConfig, configFile: string | null, socketPath: string): { role: DaemonFileRole; path: string }[] {
  const sockets = new Set<string>();
  for (const host of config.hosts.value) {
    try {
      const parsed = parseHost(host, 'the daemon hosts');
      if (parsed.transport === 'unix') sockets.add(daemonPath(process, parsed.socketPath));
    } catch {
      // fd:// (systemd socket activation) and other forms name no path; the socket harden used is added below.
    }
  }
  sockets.add(socketPath);
  const wanted: { role: DaemonFileRole; path: string }[] = [...sockets].map((path) => ({ role: 'socket', path }));
  if (configFile !== null) wanted.push({ role: 'daemon.json', path: configFile });
  if (config.tls.value) {
    const tlsFiles: [DaemonFileRole, string | null][] = [['tls-ca', config.tlscacert.value], ['tls-cert', config.tlscert.value], ['tls-key', config.tlskey.value]];
    for (const [role, path] of tlsFiles) if (path !== null) wanted.push({ role, path: daemonPath(process, path) });
  }
  return wanted;
}
