// The keys the Compose Specification allows (compose-spec schema), so a typo such as
// `privilegd: true` is an error at its line, as `docker compose` itself rejects it,
// rather than a silently unaudited setting. `x-` extension keys are always allowed.
import { didYouMean } from '../policy/suggest.js';
import type { FieldReader } from './yaml-fields.js';
import type { YamlMap } from './yaml-positions.js';

export const UNRESOLVED_HINT = 'audit the output of `docker compose config` instead, which resolves it';

export const COMPOSE_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  'version', 'name', 'include', 'services', 'models', 'networks', 'volumes', 'secrets', 'configs',
]);

export const COMPOSE_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'annotations', 'attach', 'blkio_config', 'build', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent',
  'command', 'configs', 'container_name', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota',
  'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpus', 'cpuset', 'credential_spec', 'depends_on',
  'deploy', 'develop', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt', 'dns_search', 'domainname',
  'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links', 'extra_hosts', 'gpus',
  'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'label_file', 'labels',
  'links', 'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit',
  'models', 'network_mode', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit',
  'platform', 'ports', 'post_start', 'pre_stop', 'privileged', 'profiles', 'provider', 'pull_policy',
  'pull_refresh_after', 'read_only', 'restart', 'runtime', 'scale', 'secrets', 'security_opt',
  'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs',
  'tty', 'ulimits', 'use_api_socket', 'user', 'userns_mode', 'uts', 'volumes', 'volumes_from',
  'working_dir',
]);

/** Fails at the first key of `map` that is neither known nor an `x-` extension. */
export function checkKnownKeys(reader: FieldReader, map: YamlMap, known: ReadonlySet<string>, what: string): void {
  for (const key in map) {
    if (known.has(key) || key.startsWith('x-')) continue;
    reader.fail(map, key, `unknown ${what} ${JSON.stringify(key)}${didYouMean(key, known)}`);
  }
}
