// Resource limits. The engine writes 0 (and for some fields -1) for "no limit";
// the spec says null so a check cannot mistake "unset" for a tiny limit.
import type { Resources, Ulimit } from './types.js';
import type { InspectReader, JsonObject } from './inspect-reader.js';

/** Null for 0 and negative values (unset or unlimited). */
export function limitOrNull(value: number | null): number | null {
  return value === null || value <= 0 ? null : value;
}

export function resourcesFromInspect(reader: InspectReader, hostConfig: JsonObject): Resources {
  const cpusetCpus = reader.string(hostConfig.CpusetCpus, 'HostConfig.CpusetCpus', '');
  return {
    memory: limitOrNull(reader.number(hostConfig.Memory, 'HostConfig.Memory', 0)),
    // -1 is "unlimited swap": a setting worth showing, unlike 0 (unset).
    memorySwap: nonZeroOrNull(reader.number(hostConfig.MemorySwap, 'HostConfig.MemorySwap', 0)),
    memoryReservation: limitOrNull(reader.number(hostConfig.MemoryReservation, 'HostConfig.MemoryReservation', 0)),
    cpuShares: limitOrNull(reader.number(hostConfig.CpuShares, 'HostConfig.CpuShares', 0)),
    nanoCpus: limitOrNull(reader.number(hostConfig.NanoCpus, 'HostConfig.NanoCpus', 0)),
    cpuQuota: limitOrNull(reader.number(hostConfig.CpuQuota, 'HostConfig.CpuQuota', 0)),
    cpuPeriod: limitOrNull(reader.number(hostConfig.CpuPeriod, 'HostConfig.CpuPeriod', 0)),
    cpusetCpus: cpusetCpus === '' ? null : cpusetCpus,
    pidsLimit: limitOrNull(reader.number(hostConfig.PidsLimit, 'HostConfig.PidsLimit', 0)),
  };
}

function nonZeroOrNull(value: number): number | null {
  return value === 0 ? null : value;
}

export function ulimitsFromInspect(reader: InspectReader, hostConfig: JsonObject): Ulimit[] {
  const entries = reader.objectArray(hostConfig.Ulimits, 'HostConfig.Ulimits');
  const ulimits: Ulimit[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as JsonObject;
    const field = `HostConfig.Ulimits[${i}]`;
    ulimits.push({
      name: reader.requiredString(entry.Name, `${field}.Name`),
      soft: reader.number(entry.Soft, `${field}.Soft`, 0),
      hard: reader.number(entry.Hard, `${field}.Hard`, 0),
    });
  }
  return ulimits;
}
