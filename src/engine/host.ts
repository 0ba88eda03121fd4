// Which engine to talk to, and how, decided exactly as the docker CLI decides it
// (docker/cli cli/command/cli.go resolveContextName + cli/flags/options.go):
//   --context (conflicts with -H) > -H/--host > DOCKER_HOST > DOCKER_CONTEXT
//   > currentContext in config.json > unix:///var/run/docker.sock
// (tcp://localhost:2376 when TLS is on and no host is given). The context named
// `default` means "no context": flags and environment apply.
import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TCP_HOSTNAME, DEFAULT_TLS_PORT, parseHost, type ParsedHost } from './address.js';
import { DEFAULT_CONTEXT, readContext, readCurrentContext } from './context.js';
import { EngineError, HostError } from './errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { allInOrder } from '../util/all-in-order.js';

export { DEFAULT_UNIX_SOCKET } from './address.js';

/** The docker CLI's connection flags; unset means "not given on the command line". */
export interface HostFlags {
  host?: string;
  tls?: boolean;
  tlsVerify?: boolean;
  tlsCaCert?: string;
  tlsCert?: string;
  tlsKey?: string;
  context?: string;
  /** Where `host` came from when not the command line (a fleet file's entry), for messages. */
  hostGivenBy?: { origin: string; howToChoose: string };
}

export type HostSource = 'flag' | 'env' | 'context' | 'default';

export interface EngineTls {
  /** Check the server certificate (against `ca`, or the system roots when `ca` is null). */
  verify: boolean;
  caFile: string | null;
  certFile: string | null;
  keyFile: string | null;
  /** PEM contents of the files above. */
  ca: string | null;
  cert: string | null;
  key: string | null;
}

interface EndpointCommon {
  /** Display URL: `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2376`. */
  url: string;
  /** TLS settings; always null for unix sockets. */
  tls: EngineTls | null;
  source: HostSource;
  /** How the engine was chosen, for messages: `set by DOCKER_HOST`, `from docker context "x" (set by --context)`. */
  origin: string;
  /** Name of the docker context in use, null for the default context. */
  context: string | null;
  /** How to pick another engine, for messages; unset means -H/--host or DOCKER_HOST. */
  howToChoose?: string;
}

export interface UnixEndpoint extends EndpointCommon {
  transport: 'unix';
  socketPath: string;
}

export interface TcpEndpoint extends EndpointCommon {
  transport: 'tcp';
  hostname: string;
  port: number;
  /** API path prefix (from `tcp://host:port/prefix`); usually empty. */
  basePath: string;
}

export type EngineEndpoint = UnixEndpoint | TcpEndpoint;

const TLS_FILES_HINT = 'pass --tlscacert/--tlscert/--tlskey or put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH';

/** Resolves the engine endpoint from CLI flags, the environment and the Docker config directory. */
export async function resolveEndpoint(flags: HostFlags = {}, env: NodeJS.ProcessEnv = process.env, home?: string): Promise<EngineEndpoint> {
  const configDir = nonEmpty(env.DOCKER_CONFIG) ?? join(home ?? homedir(), '.docker');
  const flagHost = nonEmpty(flags.host);
  const flagContext = nonEmpty(flags.context);
  if (flagHost !== undefined && flagContext !== undefined) {
    throw new HostError(flagHost, `conflicting options: -H/--host "${flagHost}" and --context "${flagContext}"; give only one`);
  }
  const envHost = nonEmpty(env.DOCKER_HOST);
  const chosen = flagContext !== undefined
    ? { name: flagContext, setBy: '--context' }
    : flagHost !== undefined || envHost !== undefined
      ? null
      : await chooseContextFromEnvOrConfig(env, configDir);
  if (chosen !== null && chosen.name !== DEFAULT_CONTEXT) return contextEndpoint(configDir, chosen.name, chosen.setBy);
  if (flagHost !== undefined) {
    const givenBy = flags.hostGivenBy;
    return defaultContextEndpoint(flags, env, configDir, { value: flagHost, source: 'flag', origin: givenBy?.origin ?? 'set by -H/--host', howToChoose: givenBy?.howToChoose });
  }
  if (envHost !== undefined) return defaultContextEndpoint(flags, env, configDir, { value: envHost, source: 'env', origin: 'set by DOCKER_HOST' });
  return defaultContextEndpoint(flags, env, configDir, null);
}

async function chooseContextFromEnvOrConfig(env: NodeJS.ProcessEnv, configDir: string): Promise<{ name: string; setBy: string } | null> {
  const envContext = nonEmpty(env.DOCKER_CONTEXT);
  if (envContext !== undefined) return { name: envContext, setBy: 'DOCKER_CONTEXT' };
  const current = await readCurrentContext(configDir);
  return current === null ? null : { name: current, setBy: `currentContext in ${join(configDir, 'config.json')}` };
}

interface ChosenHost {
  value: string;
  source: HostSource;
  origin: string;
  howToChoose?: string;
}

async function defaultContextEndpoint(flags: HostFlags, env: NodeJS.ProcessEnv, configDir: string, chosen: ChosenHost | null): Promise<EngineEndpoint> {
  const verifyFromEnv = nonEmpty(env.DOCKER_TLS_VERIFY) !== undefined;
  let verify = flags.tlsVerify ?? verifyFromEnv;
  // As in the CLI: giving --tlsverify at all (even =false) turns TLS on.
  let tlsOn = (flags.tls ?? nonEmpty(env.DOCKER_TLS) !== undefined) || flags.tlsVerify !== undefined || verify;
  const origin = chosen?.origin ?? 'the default';
  const parsed = chosen === null
    ? tlsOn
      ? parseHost(`tcp://${DEFAULT_TCP_HOSTNAME}:${DEFAULT_TLS_PORT}`, origin)
      : parseHost('unix://', origin)
    : parseHost(chosen.value, origin);
  if (parsed.transport === 'tcp' && parsed.impliesTls) {
    tlsOn = true;
    verify = flags.tlsVerify ?? true;
  }
  const label = { url: parsed.url, origin };
  const certPath = nonEmpty(env.DOCKER_CERT_PATH) ?? configDir;
  const tls = tlsOn && parsed.transport === 'tcp'
    ? await loadTls(label, verify, {
        ca: flags.tlsCaCert ?? (await optionalFile(join(certPath, 'ca.pem'), !verify)),
        cert: flags.tlsCert ?? (await optionalFile(join(certPath, 'cert.pem'), true)),
        key: flags.tlsKey ?? (await optionalFile(join(certPath, 'key.pem'), true)),
      })
    : null;
  const howToChoose = chosen?.howToChoose;
  return toEndpoint(parsed, { tls, source: chosen?.source ?? 'default', origin, context: null, ...(howToChoose === undefined ? {} : { howToChoose }) });
}

async function contextEndpoint(configDir: string, name: string, setBy: string): Promise<EngineEndpoint> {
  const context = await readContext(configDir, name, setBy);
  const origin = `from docker context "${name}" (set by ${setBy})`;
  const parsed = parseHost(context.host, origin);
  const files = {
    ca: await optionalFile(join(context.tlsDir, 'ca.pem'), true),
    cert: await optionalFile(join(context.tlsDir, 'cert.pem'), true),
    key: await optionalFile(join(context.tlsDir, 'key.pem'), true),
  };
  const tlsOn = context.skipTlsVerify || files.ca !== null || files.cert !== null || (parsed.transport === 'tcp' && parsed.impliesTls);
  const tls = tlsOn && parsed.transport === 'tcp' ? await loadTls({ url: parsed.url, origin }, !context.skipTlsVerify, files) : null;
  return toEndpoint(parsed, { tls, source: 'context', origin, context: name });
}

function toEndpoint(parsed: ParsedHost, common: Omit<EndpointCommon, 'url'>): EngineEndpoint {
  if (parsed.transport === 'unix') return { transport: 'unix', socketPath: parsed.socketPath, url: parsed.url, ...common };
  return { transport: 'tcp', hostname: parsed.hostname, port: parsed.port, basePath: parsed.basePath, url: parsed.url, ...common };
}

/** A default-location file: its path when it exists; null when absent and `mayBeAbsent`. */
async function optionalFile(path: string, mayBeAbsent: boolean): Promise<string | null> {
  if (!mayBeAbsent) return path;
  return access(path).then(
    () => path,
    () => null,
  );
}

async function loadTls(label: { url: string; origin: string }, verify: boolean, files: { ca: string | null; cert: string | null; key: string | null }): Promise<EngineTls> {
  const fail = (detail: string): EngineError =>
    new EngineError('tls', label.url, `TLS setup for the Docker Engine at ${label.url} (${label.origin}) failed: ${detail}; ${TLS_FILES_HINT}`);
  if ((files.cert === null) !== (files.key === null)) {
    throw fail(files.cert === null ? `client key ${files.key} has no client certificate` : `client certificate ${files.cert} has no key`);
  }
  const read = async (path: string | null, what: string): Promise<string | null> => {
    if (path === null) return null;
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw fail(`cannot read the ${what} ${path} (${describeFsError(error)})`);
    }
  };
  // With several missing files the message names the first: CA, then cert, then key.
  const [ca, cert, key] = await allInOrder([read(files.ca, 'CA certificate'), read(files.cert, 'client certificate'), read(files.key, 'client key')]);
  return { verify, caFile: files.ca, certFile: files.cert, keyFile: files.key, ca, cert, key };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
