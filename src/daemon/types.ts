// The normalized model of one Docker daemon that daemon checks judge, and the
// shape of a daemon check: the same metadata as a container check, with a fix
// that names the daemon.json key and the dockerd flag.
import type { CheckReferences, CheckResult, JsonSchema, Severity } from '../policy/types.js';

/** Where an effective setting came from: a dockerd flag, daemon.json, or dockerd's built-in default. */
export type SettingSource = 'flag' | 'daemon.json' | 'default';

export interface Setting<T> {
  value: T;
  source: SettingSource;
}

/** dockerd's effective configuration: flags and daemon.json merged (dockerd refuses a key given in both). */
export interface DaemonConfig {
  hosts: Setting<string[]>;
  tls: Setting<boolean>;
  tlsverify: Setting<boolean>;
  tlscacert: Setting<string | null>;
  tlscert: Setting<string | null>;
  tlskey: Setting<string | null>;
  icc: Setting<boolean>;
  /** `none` disables the default bridge (and with it what `icc` governs). */
  bridge: Setting<string | null>;
  userlandProxy: Setting<boolean>;
  noNewPrivileges: Setting<boolean>;
  usernsRemap: Setting<string | null>;
}

export type DaemonFileRole = 'socket' | 'daemon.json' | 'tls-ca' | 'tls-cert' | 'tls-key';

/** Ownership and mode of a file the daemon uses, as seen from the daemon's mount namespace. */
export interface DaemonFile {
  role: DaemonFileRole;
  path: string;
  uid: number;
  gid: number;
  /** User and group names from /etc/passwd and /etc/group; null when the id has no name. */
  owner: string | null;
  group: string | null;
  /** Permission bits only (`mode & 0o7777`). */
  mode: number;
}

export interface DaemonCertificate {
  role: 'tls-ca' | 'tls-cert';
  path: string;
  /** ISO timestamp. */
  notAfter: string;
}

/** What only a local daemon shows: its process, configuration file and files on disk. */
export interface LocalDaemon {
  pid: number;
  /** The daemon's command line (argv). */
  command: string[];
  /** The configuration file in use (`--config-file`, default /etc/docker/daemon.json); null when that default does not exist. */
  configFile: string | null;
  config: DaemonConfig;
  files: DaemonFile[];
  certificates: DaemonCertificate[];
  /** Files the daemon names that could not be read (path and reason), so checks can say what was not verified. */
  unreadable: { path: string; reason: string }[];
}

/** What `/info` and `/version` say, available for any engine, local or remote. */
export interface EngineInfo {
  version: string;
  liveRestore: boolean;
  loggingDriver: string;
  /** Registries the daemon talks to without TLS verification, as /info lists them (CIDRs and names). */
  insecureRegistries: string[];
  experimental: boolean;
  authorizationPlugins: string[];
  /** `name=seccomp,profile=default`, `name=userns`, `name=rootless`, ... */
  securityOptions: string[];
}

export interface DaemonFacts {
  /** How harden reached the engine. */
  endpoint: { url: string; transport: 'unix' | 'tcp'; tls: boolean };
  engine: EngineInfo;
  /** Null when the engine is remote, or its process or configuration could not be read. */
  local: LocalDaemon | null;
  /** Why `local` is null for a unix-socket engine; null otherwise. */
  localUnavailable: string | null;
  /** ISO timestamp the facts were read at (certificate expiry is judged against it). */
  checkedAt: string;
}

export interface DaemonRemediation {
  /** The dockerd command-line flag to set, e.g. `--live-restore`. */
  dockerd: string;
  /** The daemon.json key and value to set, e.g. `"live-restore": true`. */
  daemonJson: string;
}

export interface DaemonCheckDefinition<P extends object = Record<string, never>> {
  /** Kebab-case id starting with `daemon-`, equal to the module's file name. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  refs: CheckReferences;
  fix: DaemonRemediation;
  /** JSON Schema of the parameters (an object schema with `additionalProperties: false`). */
  params: JsonSchema;
  defaults: P;
  evaluate(facts: DaemonFacts, params: P): CheckResult[];
}

export type AnyDaemonCheck = DaemonCheckDefinition<object>;

export function defineDaemonCheck<P extends object = Record<string, never>>(check: DaemonCheckDefinition<P>): DaemonCheckDefinition<P> {
  return check;
}
