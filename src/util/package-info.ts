import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Works from src/util/ (vitest) and from dist/bundle/ (the esbuild bundle and its
// chunks): both sit two levels below the package root.
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

let cachedVersion: string | undefined;

export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}
