import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The package's `policies/` directory. This module sits at `src/policy/` under vitest
 * and at `dist/policy/` after tsc: both are two levels below the package root.
 */
export const POLICIES_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

/** The editor schema generated from the registry (see write-schema.ts). */
export const POLICY_SCHEMA_PATH = `${POLICIES_DIR}policy.schema.json`;

/** Built-in pack names: the `.yaml` files in `policies/`. */
export function builtInPackNames(): string[] {
  try {
    return readdirSync(POLICIES_DIR)
      .filter((entry) => entry.endsWith('.yaml'))
      .map((entry) => entry.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

export function packPath(name: string): string {
  return `${POLICIES_DIR}${name}.yaml`;
}

export const DEFAULT_PACK = 'baseline';
