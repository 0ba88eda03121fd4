// Compose values that need more than a type check: sizes, restart policies,
// healthchecks, ulimits, resource limits, and the `list or dict` shape of labels and sysctls.
import type { HealthcheckSetting, Resources, RestartPolicy, Ulimit } from './types.js';
import { limitOrNull } from './resources.js';
import type { FieldLines } from './field-lines.js';
import type { FieldReader } from './yaml-fields.js';
import { isYamlMap, type YamlMap, type YamlValue } from './yaml-positions.js';

const BYTE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const BYTE_SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp]?)i?b?$/i;

/** Docker's RAMInBytes: `256m`, `1.5g`, `512kb`, `1GiB` (binary multiples); a plain number is bytes. */
export function parseByteSize(text: string): number | null {
  const match = BYTE_SIZE.exec(text.trim());
  if (match === null) return null;
  const unit = BYTE_UNITS[(match[2] as string).toLowerCase()] as number;
  return Math.floor(Number(match[1]) * unit);
}

function byteSize(reader: FieldReader, parent: YamlMap, key: string): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  const bytes = typeof value === 'string' ? (value.trim() === '-1' ? -1 : parseByteSize(value)) : null;
  if (bytes === null) return reader.expected(parent, key, 'a size such as 512m or 2g', value);
  return bytes;
}

/** `mem_limit`, `cpus`, `pids_limit` and friends, with `deploy.resources` as the fallback. */
export function composeResources(reader: FieldReader, service: YamlMap, lines: FieldLines): Resources {
  const deployResources = (() => {
    const deploy = reader.map(service, 'deploy');
    return deploy === undefined ? undefined : reader.map(deploy, 'resources');
  })();
  const limits = deployResources === undefined ? undefined : reader.map(deployResources, 'limits');
  const reservations = deployResources === undefined ? undefined : reader.map(deployResources, 'reservations');
  /** The first of (parent, key) that is set, its line recorded under `field`. */
  const first = <T>(field: string | null, read: (parent: YamlMap, key: string) => T | undefined, ...places: [YamlMap | undefined, string][]): T | undefined => {
    for (const [parent, key] of places) {
      if (parent === undefined) continue;
      const value = read(parent, key);
      if (value === undefined) continue;
      if (field !== null) lines.set(field, reader.line(parent, key));
      return value;
    }
    return undefined;
  };
  const size = (parent: YamlMap, key: string) => byteSize(reader, parent, key);
  const number = (parent: YamlMap, key: string) => reader.number(parent, key);
  const memory = first('resources.memory', size, [service, 'mem_limit'], [limits, 'memory']) ?? null;
  const cpus = first('resources.cpu', number, [service, 'cpus'], [limits, 'cpus']);
  const cpuShares = first('resources.cpu', number, [service, 'cpu_shares']) ?? null;
  const cpuQuota = first('resources.cpu', number, [service, 'cpu_quota']) ?? null;
  const cpusetCpus = first('resources.cpu', (parent, key) => reader.string(parent, key), [service, 'cpuset']) ?? '';
  const swap = first(null, size, [service, 'memswap_limit']);
  return {
    memory: limitOrNull(memory),
    memorySwap: swap === undefined || swap === 0 ? null : swap,
    memoryReservation: limitOrNull(first(null, size, [service, 'mem_reservation'], [reservations, 'memory']) ?? null),
    cpuShares: limitOrNull(cpuShares),
    nanoCpus: cpus === undefined ? null : limitOrNull(Math.round(cpus * 1e9)),
    cpuQuota: limitOrNull(cpuQuota),
    cpuPeriod: limitOrNull(first(null, number, [service, 'cpu_period']) ?? null),
    cpusetCpus: cpusetCpus === '' ? null : cpusetCpus,
    pidsLimit: limitOrNull(first('resources.pidsLimit', number, [service, 'pids_limit'], [limits, 'pids']) ?? null),
  };
}

const RESTART_NAMES: ReadonlySet<string> = new Set(['no', 'always', 'unless-stopped', 'on-failure']);
/** Swarm's `deploy.restart_policy.condition` as the engine's restart policy name. */
const RESTART_CONDITIONS: ReadonlyMap<string, string> = new Map(Object.entries({ none: 'no', 'on-failure': 'on-failure', any: 'always' }));

export function composeRestart(reader: FieldReader, service: YamlMap, lines: FieldLines): RestartPolicy {
  const restart = reader.string(service, 'restart');
  if (restart !== undefined) {
    lines.set('restartPolicy', reader.line(service, 'restart'));
    const [name = '', count] = restart.split(':');
    const retries = count === undefined ? 0 : Number(count);
    if (!RESTART_NAMES.has(name) || !Number.isInteger(retries) || (count !== undefined && name !== 'on-failure')) {
      reader.expected(service, 'restart', 'no, always, unless-stopped, on-failure or on-failure:N', restart);
    }
    return { name, maximumRetryCount: retries };
  }
  const deploy = reader.map(service, 'deploy');
  const policy = deploy === undefined ? undefined : reader.map(deploy, 'restart_policy');
  if (policy === undefined) return { name: 'no', maximumRetryCount: 0 };
  lines.set('restartPolicy', reader.line(deploy as YamlMap, 'restart_policy'));
  const condition = reader.string(policy, 'condition') ?? 'any';
  const name = RESTART_CONDITIONS.get(condition);
  if (name === undefined) reader.expected(policy, 'condition', 'none, on-failure or any', condition);
  return { name, maximumRetryCount: reader.number(policy, 'max_attempts') ?? 0 };
}

/** Unset means whatever the image defines, which a file cannot tell: counted as none. */
export function composeHealthcheck(reader: FieldReader, service: YamlMap, lines: FieldLines): HealthcheckSetting {
  const healthcheck = reader.map(service, 'healthcheck');
  if (healthcheck === undefined) return { configured: false, disabled: false, test: [], status: null };
  lines.set('healthcheck', reader.line(service, 'healthcheck'));
  if (reader.boolean(healthcheck, 'disable') === true) {
    lines.set('healthcheck', reader.line(healthcheck, 'disable'), true);
    return { configured: false, disabled: true, test: ['NONE'], status: null };
  }
  const rawTest = healthcheck.test;
  const test = typeof rawTest === 'string' ? ['CMD-SHELL', rawTest] : (reader.stringList(healthcheck, 'test') ?? []);
  const disabled = test[0] === 'NONE';
  if (disabled) lines.set('healthcheck', reader.line(healthcheck, 'test'), true);
  return { configured: test.length > 0 && !disabled, disabled, test, status: null };
}

/** `nofile: 1024` (soft and hard) or `nofile: {soft: 1024, hard: 2048}`. */
export function composeUlimits(reader: FieldReader, service: YamlMap, lines: FieldLines): Ulimit[] {
  const ulimits = reader.map(service, 'ulimits');
  if (ulimits === undefined) return [];
  lines.set('ulimits', reader.line(service, 'ulimits'));
  const result: Ulimit[] = [];
  for (const name in ulimits) {
    const value = ulimits[name];
    if (isYamlMap(value)) {
      const soft = reader.number(value, 'soft');
      const hard = reader.number(value, 'hard');
      if (soft === undefined || hard === undefined) reader.fail(value, soft === undefined ? 'soft' : 'hard', `ulimit ${name} needs soft and hard`);
      result.push({ name, soft, hard });
    } else {
      const limit = reader.number(ulimits, name);
      if (limit === undefined) reader.expected(ulimits, name, 'a number or {soft, hard}', value);
      result.push({ name, soft: limit, hard: limit });
    }
  }
  return result;
}

/** Labels and sysctls: a mapping, or a list of `KEY=VALUE` (a bare `KEY` has an empty value). */
export function listOrDict(reader: FieldReader, parent: YamlMap, key: string, onEntry: (name: string, value: string, line: number) => void): void {
  const value: YamlValue | undefined = parent[key];
  if (value === undefined || value === null) return;
  if (isYamlMap(value)) {
    for (const name in value) {
      const entry = value[name];
      onEntry(name, entry === null || entry === undefined ? '' : typeof entry === 'object' ? reader.expected(value, name, 'a string', entry) : String(entry), reader.line(value, name));
    }
    return;
  }
  const list = reader.stringList(parent, key);
  if (list === undefined) return reader.expected(parent, key, 'a mapping or a list of KEY=VALUE', value);
  list.forEach((item, index) => {
    const equals = item.indexOf('=');
    onEntry(equals === -1 ? item : item.slice(0, equals), equals === -1 ? '' : item.slice(equals + 1), reader.line(value as YamlValue[], index));
  });
}
