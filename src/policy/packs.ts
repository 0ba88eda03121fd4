import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../util/package-info.js';

/** The package's `policies/` directory. */
export const POLICIES_DIR = `${packageRoot}policies/`;

/** The editor schema generated from the registry (`harden policy schema` prints it). */
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

// `npm run build` writes every pack, parsed, to packs.json next to the bundle. A
// live audit under a built-in pack then needs neither the YAML parser nor the schema
// compiler, which together cost more than inspecting a hundred containers. The test
// suite validates the packs against the schema and checks packs.json equals them.
// Under vitest this module runs from src/, where no packs.json exists, so the YAML
// files are read and validated like any policy.
const PRECOMPILED_PACKS = fileURLToPath(new URL('./packs.json', import.meta.url));
let precompiled: Record<string, unknown> | null | undefined;

/** The build-time parse of a built-in pack, or undefined when running unbundled. */
export function precompiledPack(name: string): unknown {
  if (precompiled === undefined) {
    try {
      precompiled = JSON.parse(readFileSync(PRECOMPILED_PACKS, 'utf8')) as Record<string, unknown>;
    } catch {
      precompiled = null;
    }
  }
  return precompiled === null ? undefined : precompiled[name];
}
