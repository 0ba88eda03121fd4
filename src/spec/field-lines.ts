// Where each part of a ContainerSpec built from a file was written. The spec itself
// stays plain JSON (custom checks assert over it), so the lines live beside it in a
// WeakMap keyed by the spec object.
//
// Field keys, shared by the compose and Kubernetes builders and read by
// src/audit/finding-locations.ts:
//   image, labels, privileged, readOnlyRootfs, user, cgroupParent, ulimits,
//   restartPolicy, healthcheck,
//   capabilities.added, capabilities.dropped, capability:<NAME> (one added capability),
//   namespaces.<network|pid|ipc|uts|userns|cgroupns>,
//   security.<seccomp|apparmor|selinux|noNewPrivileges>,
//   resources.<memory|cpu|pidsLimit>,
//   mount:<destination>, device:<container path>, port:<portKey()>, sysctl:<name>
import type { ContainerSpec, PortBinding } from './types.js';

export interface SpecLines {
  /** The file as given on the command line. */
  file: string;
  /** Line of the service or container itself: the fallback for anything unset. */
  line: number;
  fields: Map<string, number>;
}

const table = new WeakMap<ContainerSpec, SpecLines>();

export function specLinesOf(spec: ContainerSpec): SpecLines | undefined {
  return table.get(spec);
}

/** Collects field lines while a spec is built, then attaches them to it. */
export class FieldLines {
  readonly fields = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly line: number,
  ) {}

  /** Records the line of a field; the first line recorded for a field wins unless `override`. */
  set(field: string, line: number | undefined, override = false): void {
    if (line === undefined) return;
    if (override || !this.fields.has(field)) this.fields.set(field, line);
  }

  attach(spec: ContainerSpec): ContainerSpec {
    table.set(spec, { file: this.file, line: this.line, fields: this.fields });
    return spec;
  }
}

/** One published port, as its field key names it. */
export function portKey(port: Pick<PortBinding, 'hostIp' | 'hostPort' | 'containerPort' | 'protocol'>): string {
  return `${port.hostIp}|${port.hostPort ?? ''}|${port.containerPort}/${port.protocol}`;
}
