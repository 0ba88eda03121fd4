// State, restart policy and healthcheck: how the container lives and is watched.
import type { ContainerState, HealthcheckSetting, RestartPolicy, StateInfo } from './types.js';
import type { InspectReader, JsonObject } from './inspect-reader.js';

/** Go's zero time: the engine's "never". */
const ZERO_TIME = '0001-01-01T00:00:00Z';

const STATES: ReadonlySet<string> = new Set(['running', 'created', 'exited', 'paused', 'restarting', 'removing', 'dead']);

export function stateFromInspect(reader: InspectReader, state: JsonObject): StateInfo {
  const running = reader.boolean(state.Running, 'State.Running', false);
  const startedAtRaw = reader.string(state.StartedAt, 'State.StartedAt', '');
  const startedAt = startedAtRaw === '' || startedAtRaw === ZERO_TIME ? null : startedAtRaw;
  const status = reader.string(state.Status, 'State.Status', '');
  const exitCode = state.ExitCode == null ? null : reader.number(state.ExitCode, 'State.ExitCode', 0);
  return {
    status: status === '' ? statusFromFlags(reader, state, running, startedAt) : STATES.has(status) ? (status as ContainerState) : 'unknown',
    running,
    exitCode,
    startedAt,
  };
}

/** API versions before `State.Status` only have the flags. */
function statusFromFlags(reader: InspectReader, state: JsonObject, running: boolean, startedAt: string | null): ContainerState {
  if (reader.boolean(state.Paused, 'State.Paused', false)) return 'paused';
  if (reader.boolean(state.Restarting, 'State.Restarting', false)) return 'restarting';
  if (running) return 'running';
  if (reader.boolean(state.Dead, 'State.Dead', false)) return 'dead';
  return startedAt === null ? 'created' : 'exited';
}

export function restartPolicyFromInspect(reader: InspectReader, hostConfig: JsonObject): RestartPolicy {
  const policy = reader.object(hostConfig.RestartPolicy, 'HostConfig.RestartPolicy');
  const name = reader.string(policy.Name, 'HostConfig.RestartPolicy.Name', '');
  return {
    name: name === '' ? 'no' : name,
    maximumRetryCount: reader.number(policy.MaximumRetryCount, 'HostConfig.RestartPolicy.MaximumRetryCount', 0),
  };
}

/** `Config.Healthcheck` already merges the image's healthcheck with the run's. */
export function healthcheckFromInspect(reader: InspectReader, config: JsonObject, state: JsonObject): HealthcheckSetting {
  const healthcheck = reader.object(config.Healthcheck, 'Config.Healthcheck');
  const test = reader.stringArray(healthcheck.Test, 'Config.Healthcheck.Test') ?? [];
  const disabled = test.length > 0 && test[0] === 'NONE';
  const health = reader.object(state.Health, 'State.Health');
  const status = reader.string(health.Status, 'State.Health.Status', '');
  return { configured: test.length > 0 && !disabled, disabled, test, status: status === '' || status === 'none' ? null : status };
}
