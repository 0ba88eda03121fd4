// Endpoint resolution: flags, environment, Docker config and contexts, checked
// against what the docker CLI does (contexts made by the real CLI included).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, HostError } from '../../src/engine/errors.js';
import { resolveEndpoint, type HostFlags } from '../../src/engine/host.js';

const run = promisify(execFile);
let root = '';
/** config.json says currentContext "remote"; holds contexts remote, insecure, local-sock, no-host. */
let configDir = '';
/** No config.json, no contexts. */
let emptyConfig = '';
let badConfig = '';
/** ca.pem, cert.pem, key.pem */
let certDir = '';
let caOnlyDir = '';
/** A home whose ~/.docker was written by the real docker CLI. */
let home = '';

async function writeContext(dir: string, name: string, endpoint: Record<string, unknown>, tlsFiles: string[] = []): Promise<void> {
  const id = createHash('sha256').update(name).digest('hex');
  await mkdir(join(dir, 'contexts', 'meta', id), { recursive: true });
  await writeFile(join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: endpoint } }));
  if (tlsFiles.length === 0) return;
  await mkdir(join(dir, 'contexts', 'tls', id, 'docker'), { recursive: true });
  for (const file of tlsFiles) await writeFile(join(dir, 'contexts', 'tls', id, 'docker', file), `${name} ${file}\n`);
}

async function writePemSet(dir: string, files: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(join(dir, file), `${file} contents\n`);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hd-host-'));
  configDir = join(root, 'config');
  emptyConfig = join(root, 'empty');
  badConfig = join(root, 'bad');
  certDir = join(root, 'certs');
  caOnlyDir = join(root, 'ca-only');
  home = join(root, 'home');
  await writePemSet(configDir, []);
  await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'remote' }));
  await writeContext(configDir, 'remote', { Host: 'tcp://10.1.2.3:2376', SkipTLSVerify: false }, ['ca.pem', 'cert.pem', 'key.pem']);
  await writeContext(configDir, 'insecure', { Host: 'tcp://10.9.9.9:2376', SkipTLSVerify: true });
  await writeContext(configDir, 'local-sock', { Host: 'unix:///run/other.sock', SkipTLSVerify: false });
  await writeContext(configDir, 'no-host', { SkipTLSVerify: false });
  await writePemSet(emptyConfig, []);
  await writePemSet(badConfig, []);
  await writeFile(join(badConfig, 'config.json'), '{"currentContext": ');
  await writePemSet(certDir, ['ca.pem', 'cert.pem', 'key.pem']);
  await writePemSet(caOnlyDir, ['ca.pem']);
  const cli = { ...process.env, DOCKER_CONFIG: join(home, '.docker'), DOCKER_HOST: '', DOCKER_CONTEXT: '' };
  await run('docker', ['context', 'create', 'cli-made', '--docker', 'host=tcp://10.4.4.4:2376,skip-tls-verify=true'], { env: cli });
  await run('docker', ['context', 'use', 'cli-made'], { env: cli });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Flags that name fixture paths are thunks: the paths exist only after beforeAll. */
type FlagsInput = HostFlags | (() => HostFlags);

const flagsOf = (flags: FlagsInput | undefined): HostFlags => (typeof flags === 'function' ? flags() : flags ?? {});

interface Case {
  name: string;
  flags?: FlagsInput;
  env?: () => NodeJS.ProcessEnv;
  expected: () => Record<string, unknown>;
}

const socketDefault = { transport: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock', tls: null };

const resolves: Case[] = [
  { name: 'nothing set: the default socket', env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ ...socketDefault, source: 'default', origin: 'the default', context: null }) },
  { name: 'no DOCKER_CONFIG: ~/.docker/config.json currentContext (written by the CLI)', env: () => ({}), expected: () => ({ url: 'tcp://10.4.4.4:2376', source: 'context', context: 'cli-made', tls: { verify: false, caFile: null, ca: null } }) },
  { name: 'DOCKER_HOST unix socket', env: () => ({ DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///tmp/x.sock' }), expected: () => ({ transport: 'unix', socketPath: '/tmp/x.sock', source: 'env', origin: 'set by DOCKER_HOST' }) },
  { name: '-H beats DOCKER_HOST', flags: { host: 'unix:///tmp/flag.sock' }, env: () => ({ DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///tmp/env.sock' }), expected: () => ({ socketPath: '/tmp/flag.sock', source: 'flag', origin: 'set by -H/--host' }) },
  { name: 'DOCKER_HOST beats DOCKER_CONTEXT and currentContext', env: () => ({ DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://10.0.0.1:2375', DOCKER_CONTEXT: 'insecure' }), expected: () => ({ url: 'tcp://10.0.0.1:2375', source: 'env', context: null, tls: null }) },
  { name: '--context beats DOCKER_HOST (as in the CLI)', flags: { context: 'local-sock' }, env: () => ({ DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///tmp/env.sock' }), expected: () => ({ socketPath: '/run/other.sock', source: 'context', origin: 'from docker context "local-sock" (set by --context)' }) },
  { name: 'DOCKER_CONTEXT beats currentContext', env: () => ({ DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'insecure' }), expected: () => ({ transport: 'tcp', hostname: '10.9.9.9', port: 2376, source: 'context', tls: { verify: false, caFile: null, certFile: null, keyFile: null } }) },
  {
    name: 'currentContext with TLS material',
    env: () => ({ DOCKER_CONFIG: configDir }),
    expected: () => ({
      url: 'tcp://10.1.2.3:2376',
      context: 'remote',
      origin: `from docker context "remote" (set by currentContext in ${join(configDir, 'config.json')})`,
      tls: { verify: true, ca: 'remote ca.pem\n', cert: 'remote cert.pem\n', key: 'remote key.pem\n', caFile: expect.stringMatching(/contexts\/tls\/[0-9a-f]{64}\/docker\/ca\.pem$/) },
    }),
  },
  { name: 'context "default" means flags and environment', env: () => ({ DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'default' }), expected: () => ({ ...socketDefault, source: 'default', context: null }) },
  { name: '--context default with DOCKER_HOST uses DOCKER_HOST', flags: { context: 'default' }, env: () => ({ DOCKER_CONFIG: configDir, DOCKER_HOST: 'unix:///tmp/e.sock' }), expected: () => ({ socketPath: '/tmp/e.sock', source: 'env' }) },
  { name: 'empty DOCKER_HOST counts as unset', env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_HOST: '' }), expected: () => ({ ...socketDefault, source: 'default' }) },
  { name: 'unix:// alone is the default socket', flags: { host: 'unix://' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ ...socketDefault, source: 'flag' }) },
  { name: 'no scheme means tcp', flags: { host: '10.0.0.7:4243' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ transport: 'tcp', hostname: '10.0.0.7', port: 4243, url: 'tcp://10.0.0.7:4243', basePath: '' }) },
  { name: 'tcp:// alone is localhost:2375', flags: { host: 'tcp://' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ url: 'tcp://localhost:2375' }) },
  { name: 'tcp without port is 2375 even with TLS (as in the CLI)', flags: { host: 'tcp://dockerhost', tlsVerify: true }, env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_CERT_PATH: certDir }), expected: () => ({ url: 'tcp://dockerhost:2375', tls: { verify: true } }) },
  { name: 'TLS on and no host: tcp://localhost:2376', env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir }), expected: () => ({ url: 'tcp://localhost:2376', source: 'default' }) },
  { name: 'IPv6 in brackets', flags: { host: 'tcp://[::1]:2376' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ hostname: '::1', port: 2376, url: 'tcp://[::1]:2376' }) },
  { name: 'a tcp path is kept as API prefix', flags: { host: 'tcp://proxy:8080/docker/' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ hostname: 'proxy', basePath: '/docker', url: 'tcp://proxy:8080/docker' }) },
  { name: 'http:// is plain tcp', flags: { host: 'http://10.0.0.8:2375' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ url: 'tcp://10.0.0.8:2375', tls: null }) },
  { name: 'https:// implies verified TLS on 2376', flags: { host: 'https://10.0.0.8' }, env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_CERT_PATH: caOnlyDir }), expected: () => ({ url: 'tcp://10.0.0.8:2376', tls: { verify: true, caFile: join(caOnlyDir, 'ca.pem'), certFile: null, keyFile: null } }) },
  { name: 'DOCKER_TLS_VERIFY=0 still verifies (any non-empty value)', env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: certDir }), expected: () => ({ tls: { verify: true, caFile: join(certDir, 'ca.pem'), certFile: join(certDir, 'cert.pem'), keyFile: join(certDir, 'key.pem'), key: 'key.pem contents\n' } }) },
  { name: 'DOCKER_TLS=1: TLS without verification, client cert still sent', env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certDir }), expected: () => ({ tls: { verify: false, certFile: join(certDir, 'cert.pem') } }) },
  { name: 'DOCKER_TLS=1 needs no ca.pem', env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' }), expected: () => ({ tls: { verify: false, caFile: null, certFile: null } }) },
  { name: '--tlsverify=false with DOCKER_TLS_VERIFY: TLS on, not verified', flags: { tlsVerify: false }, env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir }), expected: () => ({ tls: { verify: false } }) },
  { name: 'DOCKER_CERT_PATH defaults to the config dir', flags: { tlsVerify: true, host: 'tcp://h:2376' }, env: () => ({ DOCKER_CONFIG: certDir }), expected: () => ({ tls: { caFile: join(certDir, 'ca.pem'), certFile: join(certDir, 'cert.pem') } }) },
  { name: 'explicit files beat DOCKER_CERT_PATH', flags: () => ({ host: 'tcp://h:2376', tlsVerify: true, tlsCaCert: join(caOnlyDir, 'ca.pem') }), env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_CERT_PATH: certDir }), expected: () => ({ tls: { caFile: join(caOnlyDir, 'ca.pem'), certFile: join(certDir, 'cert.pem') } }) },
  { name: 'TLS settings do not apply to a unix socket', flags: { host: 'unix:///tmp/s.sock', tlsVerify: true }, env: () => ({ DOCKER_CONFIG: emptyConfig }), expected: () => ({ transport: 'unix', tls: null }) },
];

describe('resolveEndpoint', () => {
  it.each(resolves)('$name', async ({ flags, env, expected }) => {
    const resolved = await resolveEndpoint(flagsOf(flags), env?.() ?? {}, home);
    expect(resolved).toMatchObject(expected());
  });
});

interface ErrorCase {
  name: string;
  flags?: FlagsInput;
  env?: () => NodeJS.ProcessEnv;
  errorClass: typeof EngineError;
  kind: EngineError['kind'];
  message: () => string | RegExp;
}

const expectedForms = 'expected unix:///path/to/docker.sock, tcp://host:port, http://host:port or https://host:port';

const rejects: ErrorCase[] = [
  { name: '-H with --context', flags: { host: 'unix:///a.sock', context: 'remote' }, errorClass: HostError, kind: 'config', message: () => 'conflicting options: -H/--host "unix:///a.sock" and --context "remote"; give only one' },
  { name: 'ssh://', env: () => ({ DOCKER_HOST: 'ssh://me@box' }), errorClass: HostError, kind: 'config', message: () => /^invalid Docker host "ssh:\/\/me@box" \(set by DOCKER_HOST\): ssh:\/\/ is not supported; forward the socket .*; expected unix:\/\/\//s },
  { name: 'npipe://', flags: { host: 'npipe:////./pipe/docker_engine' }, errorClass: HostError, kind: 'config', message: () => `invalid Docker host "npipe:////./pipe/docker_engine" (set by -H/--host): npipe:// (Windows named pipes) is not supported; ${expectedForms}` },
  { name: 'unknown scheme', flags: { host: 'foo://x' }, errorClass: HostError, kind: 'config', message: () => `invalid Docker host "foo://x" (set by -H/--host): unknown scheme "foo://"; ${expectedForms}` },
  { name: 'port out of range', flags: { host: 'tcp://h:99999' }, errorClass: HostError, kind: 'config', message: () => /invalid port "99999"/ },
  { name: 'port not a number', flags: { host: 'tcp://h:port' }, errorClass: HostError, kind: 'config', message: () => /invalid port "port"/ },
  { name: 'spaces in host name', flags: { host: 'tcp://some host:1' }, errorClass: HostError, kind: 'config', message: () => /"some host" is not a valid host name/ },
  { name: 'a space in the API path', flags: { host: 'tcp://proxy:8080/my docker' }, errorClass: HostError, kind: 'config', message: () => /invalid path "\/my docker": use only URL path characters/ },
  { name: 'CR LF in the API path (it would split the request line)', flags: { host: 'tcp://proxy:8080/x\r\nX-Injected: 1' }, errorClass: HostError, kind: 'config', message: () => /invalid path "\/x\\r\\nX-Injected: 1"/ },
  { name: 'bare IPv6', flags: { host: 'tcp://::1:2375' }, errorClass: HostError, kind: 'config', message: () => /write IPv6 addresses in brackets/ },
  { name: 'context that does not exist', env: () => ({ DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'nope' }), errorClass: HostError, kind: 'config', message: () => /^docker context "nope" \(set by DOCKER_CONTEXT\) does not exist: no .*\/contexts\/meta\/[0-9a-f]{64}\/meta\.json; list contexts with `docker context ls`$/ },
  { name: 'context without a docker host', flags: { context: 'no-host' }, env: () => ({ DOCKER_CONFIG: configDir }), errorClass: HostError, kind: 'config', message: () => /docker context "no-host" has no Endpoints\.docker\.Host$/ },
  { name: 'config.json that is not JSON', env: () => ({ DOCKER_CONFIG: badConfig }), errorClass: HostError, kind: 'config', message: () => new RegExp(`^${join(badConfig, 'config.json')}: the Docker CLI config is not valid JSON`) },
  { name: 'verify with no ca.pem in DOCKER_CERT_PATH', env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }), errorClass: EngineError, kind: 'tls', message: () => `TLS setup for the Docker Engine at tcp://h:2376 (set by DOCKER_HOST) failed: cannot read the CA certificate ${join(emptyConfig, 'ca.pem')} (no such file); pass --tlscacert/--tlscert/--tlskey or put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH` },
  { name: 'a named file that is missing', flags: { host: 'tcp://h:2376', tls: true, tlsCert: '/nonexistent/cert.pem', tlsKey: '/nonexistent/key.pem' }, env: () => ({ DOCKER_CONFIG: emptyConfig }), errorClass: EngineError, kind: 'tls', message: () => /cannot read the client certificate \/nonexistent\/cert\.pem \(no such file\)/ },
  { name: 'a client certificate without key', flags: () => ({ host: 'tcp://h:2376', tlsVerify: true, tlsCert: join(certDir, 'cert.pem') }), env: () => ({ DOCKER_CONFIG: emptyConfig, DOCKER_CERT_PATH: caOnlyDir }), errorClass: EngineError, kind: 'tls', message: () => `TLS setup for the Docker Engine at tcp://h:2376 (set by -H/--host) failed: client certificate ${join(certDir, 'cert.pem')} has no key; pass --tlscacert/--tlscert/--tlskey or put ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH` },
];

describe('resolveEndpoint rejects', () => {
  it.each(rejects)('$name', async ({ flags, env, errorClass, kind, message }) => {
    const caught: unknown = await resolveEndpoint(flagsOf(flags), env?.() ?? { DOCKER_CONFIG: emptyConfig }, home).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(caught).toBeInstanceOf(errorClass);
    const error = caught as EngineError;
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain('\n');
    const expected = message();
    if (typeof expected === 'string') expect(error.message).toBe(expected);
    else expect(error.message).toMatch(expected);
  });

  it('names HostError and EngineError so the CLI can map them without importing this module', () => {
    expect(new HostError('x', 'm').name).toBe('HostError');
    expect(new EngineError('tls', 'x', 'm').name).toBe('EngineError');
  });
});
