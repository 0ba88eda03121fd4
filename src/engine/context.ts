// Docker contexts as the docker CLI stores them (docker/cli context/store):
//   <config>/contexts/meta/<sha256(name)>/meta.json        {"Endpoints":{"docker":{"Host","SkipTLSVerify"}}}
//   <config>/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem
// and the `currentContext` key of <config>/config.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HostError } from './errors.js';
import { isJsonObject } from './json.js';

export const DEFAULT_CONTEXT = 'default';

export interface StoredContext {
  name: string;
  host: string;
  skipTlsVerify: boolean;
  /** Directory holding the context's ca.pem, cert.pem and key.pem (each optional). */
  tlsDir: string;
}

/** The `currentContext` of `<configDir>/config.json`, or null when unset or the file is absent. */
export async function readCurrentContext(configDir: string): Promise<string | null> {
  const file = join(configDir, 'config.json');
  const config = await readJsonObject(file, 'the Docker CLI config');
  if (config === null) return null;
  const current = config.currentContext;
  if (current === undefined || current === '') return null;
  if (typeof current !== 'string') throw new HostError(file, `${file}: "currentContext" must be a string`);
  return current;
}

/** Reads a named context; `setBy` says who chose it, for the error message. */
export async function readContext(configDir: string, name: string, setBy: string): Promise<StoredContext> {
  // Loaded here: only context users pay for node:crypto.
  const { createHash } = await import('node:crypto');
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = join(configDir, 'contexts', 'meta', id, 'meta.json');
  const meta = await readJsonObject(metaFile, `docker context "${name}"`);
  if (meta === null) {
    throw new HostError(name, `docker context "${name}" (set by ${setBy}) does not exist: no ${metaFile}; list contexts with \`docker context ls\``);
  }
  const endpoints = meta.Endpoints;
  const docker = isJsonObject(endpoints) ? endpoints.docker : undefined;
  if (!isJsonObject(docker) || typeof docker.Host !== 'string' || docker.Host === '') {
    throw new HostError(name, `${metaFile}: docker context "${name}" has no Endpoints.docker.Host`);
  }
  return {
    name,
    host: docker.Host,
    skipTlsVerify: docker.SkipTLSVerify === true,
    tlsDir: join(configDir, 'contexts', 'tls', id, 'docker'),
  };
}

async function readJsonObject(file: string, what: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new HostError(file, `${file}: cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HostError(file, `${file}: ${what} is not valid JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(parsed)) throw new HostError(file, `${file}: ${what} must be a JSON object`);
  return parsed;
}
