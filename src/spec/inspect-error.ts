// Bad inspect input is a user error, not a crash: one line that names the file,
// the container and the field, so it can be fixed without reading a stack trace.

/** Where in an inspect document a problem was found. */
export interface InspectLocation {
  /** File path, `-` for stdin, or the engine URL for live inspect output. */
  file: string;
  /** Position of the container in the document (counted from 0, as in `jq '.[N]'`), when known. */
  index?: number;
  /** Container name without the leading slash, when already known. */
  name?: string;
}

export class InspectError extends Error {
  override readonly name = 'InspectError';
  readonly file: string;
  readonly index: number | null;
  readonly containerName: string | null;
  /** Dotted field path, e.g. `HostConfig.CapAdd`, or null for document-level problems. */
  readonly field: string | null;

  constructor(location: InspectLocation, problem: string, field: string | null = null) {
    super(`${describeLocation(location)}: ${problem}`);
    this.file = location.file;
    this.index = location.index ?? null;
    this.containerName = location.name ?? null;
    this.field = field;
  }
}

/** `containers.json: container 3 (web)`, `containers.json: container web`, or just the file. */
export function describeLocation(location: InspectLocation): string {
  const { file, index, name } = location;
  if (index !== undefined) return name ? `${file}: container ${index} (${name})` : `${file}: container ${index}`;
  return name ? `${file}: container ${name}` : file;
}
