// The one normalized container model every check reads.
// It is built from live inspect JSON, inspect files, compose files and Kubernetes
// manifests, and it must stay plain JSON: custom policy checks are JSON Schema
// assertions over it, and reports may embed parts of it as evidence.

export type ContainerState =
  | 'running'
  | 'created'
  | 'exited'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'dead'
  | 'unknown';

/** Where a spec came from; reports use it to point at the finding. */
export interface SpecSource {
  kind: 'engine' | 'inspect-file' | 'compose' | 'kubernetes';
  /** Engine host URL, file path, or manifest path. */
  location: string;
}

/**
 * How a namespace is set up.
 * - `private`: the container has its own (Docker's default for pid, ipc, uts, userns; `bridge`/user network for net).
 * - `host`: shared with the host.
 * - `container`: joined to another container's namespace (`target` names it).
 * - `none`: network only, `--network none`.
 */
export interface NamespaceSetting {
  mode: 'private' | 'host' | 'container' | 'none';
  /** For `container` mode: the other container's name or id. */
  target: string | null;
  /** The value as Docker stores it, e.g. `host`, `container:abc`, `bridge`, `shareable`, `my-net`. */
  raw: string;
}

export interface Namespaces {
  network: NamespaceSetting;
  pid: NamespaceSetting;
  ipc: NamespaceSetting;
  uts: NamespaceSetting;
  userns: NamespaceSetting;
  cgroupns: NamespaceSetting;
}

export interface Capabilities {
  /** Effective bounding set after defaults + add - drop (or privileged), upper case, no `CAP_` prefix, sorted. */
  effective: string[];
  /** CapAdd as normalized names (`ALL` kept as `ALL`). */
  added: string[];
  /** CapDrop as normalized names (`ALL` kept as `ALL`). */
  dropped: string[];
  /** Effective capabilities that are not in Docker's default set, sorted. */
  beyondDefault: string[];
}

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster' | 'unknown';

export interface MountSpec {
  type: MountType;
  /** Host path for bind mounts, volume name for volumes, null for tmpfs. */
  source: string | null;
  /** Host path that backs the mount when it is a host-path (bind) mount; null otherwise. A tmpfs never has one. */
  hostPath: string | null;
  destination: string;
  readOnly: boolean;
  /** `private`, `rprivate`, `shared`, `rshared`, `slave`, `rslave`, or null when not set. */
  propagation: string | null;
}

/** A mount that gives the container a container engine's API socket. */
export interface EngineSocketExposure {
  engine: 'docker' | 'containerd' | 'podman' | 'cri-o';
  /** The host path that is mounted. */
  hostPath: string;
  destination: string;
  readOnly: boolean;
  /** `socket`: the socket file itself; `directory`: a directory that contains it. */
  via: 'socket' | 'directory';
  /** The socket path on the host that becomes reachable. */
  socketPath: string;
}

export interface SeccompSetting {
  /** `default`: Docker's built-in profile; `unconfined`: no filter; `custom`: a profile given by the user. */
  mode: 'default' | 'unconfined' | 'custom';
  /** The profile value for `custom` (a path, or `<inline JSON>` when the engine stored the JSON). */
  profile: string | null;
}

export interface AppArmorSetting {
  /**
   * `default`: docker-default (or engine default);
   * `unconfined`: explicitly unconfined or privileged;
   * `custom`: a named profile;
   * `unavailable`: the host has no AppArmor (profile empty, nothing requested).
   */
  mode: 'default' | 'unconfined' | 'custom' | 'unavailable';
  profile: string | null;
}

export interface SelinuxSetting {
  /** `label=disable` (or privileged, which runs as spc_t). */
  disabled: boolean;
  user: string | null;
  role: string | null;
  type: string | null;
  level: string | null;
}

export interface SecuritySettings {
  seccomp: SeccompSetting;
  apparmor: AppArmorSetting;
  selinux: SelinuxSetting;
  /** True when `no-new-privileges` (or `=true` / `:true`) is the last word in SecurityOpt. */
  noNewPrivileges: boolean;
  /** SecurityOpt entries exactly as stored. */
  raw: string[];
}

export interface UserSetting {
  /** As configured (`Config.User`); empty string means the image default, which is root unless the image says otherwise. */
  raw: string;
  /** User part (name or number) before any `:group`. Empty when unset. */
  user: string;
  group: string | null;
  /** True for empty, `root`, `0`, and any `0:...` / `root:...`. */
  isRoot: boolean;
}

export interface DeviceMapping {
  hostPath: string;
  containerPath: string;
  permissions: string;
}

export interface PortBinding {
  containerPort: number;
  protocol: string;
  /** As configured: `''`, `0.0.0.0`, `::`, `127.0.0.1`, ... */
  hostIp: string;
  /** Null when Docker picks an ephemeral port. */
  hostPort: number | null;
  /** True for `''`, `0.0.0.0` and `::` (every interface). */
  allInterfaces: boolean;
  /** True when the host port is below 1024. */
  privilegedHostPort: boolean;
}

export interface Resources {
  /** Bytes, null when unlimited (0). */
  memory: number | null;
  memorySwap: number | null;
  memoryReservation: number | null;
  /** Null when unset (0). 1024 is Docker's default weight. */
  cpuShares: number | null;
  nanoCpus: number | null;
  cpuQuota: number | null;
  cpuPeriod: number | null;
  cpusetCpus: string | null;
  /** Null when unlimited (null, 0 or -1). */
  pidsLimit: number | null;
}

export interface RestartPolicy {
  /** `no`, `always`, `unless-stopped`, `on-failure`. Empty is normalized to `no`. */
  name: string;
  maximumRetryCount: number;
}

export interface HealthcheckSetting {
  /** A healthcheck is configured (by the image or the run) and not disabled. */
  configured: boolean;
  /** `--no-healthcheck` / `test: [NONE]`. */
  disabled: boolean;
  test: string[];
  /** `healthy`, `unhealthy`, `starting`, or null when not running a check. */
  status: string | null;
}

export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

export interface ImageRef {
  /** As configured, e.g. `nginx:1.25`, `local/busybox:1`, `sha256:...`. */
  ref: string;
  /** Image id (`sha256:...`) when known. */
  id: string | null;
  repository: string;
  /** Tag, or null when the reference has none (which Docker resolves as `latest`) or is a digest. */
  tag: string | null;
  digest: string | null;
}

export interface StateInfo {
  status: ContainerState;
  running: boolean;
  exitCode: number | null;
  startedAt: string | null;
}

export interface ContainerSpec {
  /** Full container id (or a synthetic id for compose/Kubernetes sources). */
  id: string;
  /** Name without the leading slash. */
  name: string;
  source: SpecSource;
  image: ImageRef;
  labels: Record<string, string>;
  state: StateInfo;
  privileged: boolean;
  capabilities: Capabilities;
  mounts: MountSpec[];
  engineSockets: EngineSocketExposure[];
  namespaces: Namespaces;
  security: SecuritySettings;
  user: UserSetting;
  readOnlyRootfs: boolean;
  devices: DeviceMapping[];
  /** True when the container sees every host device (privileged). */
  allDevices: boolean;
  ports: PortBinding[];
  resources: Resources;
  restartPolicy: RestartPolicy;
  healthcheck: HealthcheckSetting;
  ulimits: Ulimit[];
  sysctls: Record<string, string>;
  /** Null when unset (Docker's default parent). */
  cgroupParent: string | null;
}
