// dockerd's effective configuration from its flags and daemon.json. dockerd refuses
// to start when a key is set both ways, so each setting has exactly one source.
import { parseGoBool, type DaemonFlags } from './command-line.js';
import type { DaemonConfig, Setting } from './types.js';

/** The daemon.json dockerd reads when `--config-file` is not given (rootful Linux daemon). */
export const DEFAULT_CONFIG_FILE = '/etc/docker/daemon.json';
export const DEFAULT_DAEMON_SOCKET = 'unix:///var/run/docker.sock';

export class DaemonConfigError extends Error {
  override name = 'DaemonConfigError';
}

/** Parses daemon.json text; a file dockerd could not read either is a one-line error. */
export function parseDaemonJson(text: string, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DaemonConfigError(`${path}: invalid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DaemonConfigError(`${path}: expected a JSON object of dockerd settings`);
  }
  return parsed as Record<string, unknown>;
}

export function effectiveConfig(flags: DaemonFlags, file: Record<string, unknown>): DaemonConfig {
  const tlsverify = booleanSetting(flags, file, 'tlsverify', false);
  const tls = booleanSetting(flags, file, 'tls', false);
  return {
    hosts: listSetting(flags, file, 'host', 'hosts', [DEFAULT_DAEMON_SOCKET]),
    // --tlsverify implies --tls.
    tls: tlsverify.value && !tls.value ? { value: true, source: tlsverify.source } : tls,
    tlsverify,
    tlscacert: stringSetting(flags, file, 'tlscacert'),
    tlscert: stringSetting(flags, file, 'tlscert'),
    tlskey: stringSetting(flags, file, 'tlskey'),
    icc: booleanSetting(flags, file, 'icc', true),
    bridge: stringSetting(flags, file, 'bridge'),
    userlandProxy: booleanSetting(flags, file, 'userland-proxy', true),
    noNewPrivileges: booleanSetting(flags, file, 'no-new-privileges', false),
    usernsRemap: stringSetting(flags, file, 'userns-remap'),
  };
}

function booleanSetting(flags: DaemonFlags, file: Record<string, unknown>, key: string, fallback: boolean): Setting<boolean> {
  const flagValue = flags.get(key)?.at(-1);
  if (flagValue !== undefined) return { value: parseGoBool(flagValue) ?? fallback, source: 'flag' };
  const fileValue = file[key];
  if (typeof fileValue === 'boolean') return { value: fileValue, source: 'daemon.json' };
  return { value: fallback, source: 'default' };
}

function stringSetting(flags: DaemonFlags, file: Record<string, unknown>, key: string): Setting<string | null> {
  const flagValue = flags.get(key)?.at(-1);
  if (flagValue !== undefined) return { value: flagValue, source: 'flag' };
  const fileValue = file[key];
  if (typeof fileValue === 'string' && fileValue !== '') return { value: fileValue, source: 'daemon.json' };
  return { value: null, source: 'default' };
}

function listSetting(flags: DaemonFlags, file: Record<string, unknown>, flag: string, key: string, fallback: string[]): Setting<string[]> {
  const flagValues = flags.get(flag);
  if (flagValues !== undefined && flagValues.length > 0) return { value: [...flagValues], source: 'flag' };
  const fileValue = file[key];
  if (Array.isArray(fileValue) && fileValue.length > 0) {
    return { value: fileValue.filter((entry): entry is string => typeof entry === 'string'), source: 'daemon.json' };
  }
  return { value: fallback, source: 'default' };
}
