// The fleet file of `harden audit --hosts FILE`: the engines to audit. Read with the
// policy loader's YAML positions, so every mistake is reported as file:line:col.
//
//   hosts:
//     - name: web-1                       # names the engine in the report
//       host: tcp://10.0.0.5:2376
//       certPath: ./certs/web-1           # ca.pem, cert.pem, key.pem (as DOCKER_CERT_PATH)
//       tlsverify: true                   # default: true when certPath is given
//     - name: local
//       host: unix:///var/run/docker.sock
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseHost } from '../engine/address.js';
import type { HostFlags } from '../engine/host.js';
import { PolicyError, toPointer } from '../policy/errors.js';
import { errorAt, type PolicySource } from '../policy/source.js';
import { parsePolicySource } from '../policy/yaml-source.js';
import { describeFsError } from '../util/fs-errors.js';

export interface FleetHost {
  name: string;
  /** The engine URL as written. */
  host: string;
  /** Absolute directory with ca.pem, cert.pem and key.pem; null without TLS files. */
  certPath: string | null;
  tlsverify: boolean | null;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENTRY_KEYS = ['name', 'host', 'certPath', 'tlsverify'];

export async function readFleetFile(path: string): Promise<FleetHost[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyError({ file: path, line: null, column: null, pointer: null }, `cannot read fleet file (${describeFsError(error)})`);
  }
  return parseFleet(parsePolicySource(text, path, /\.json$/i.test(path) ? 'json' : 'yaml'), dirname(resolve(path)));
}

export function parseFleet(source: PolicySource, baseDirectory: string): FleetHost[] {
  const document = source.value;
  if (!isObject(document)) throw errorAt(source, '', 'expected a mapping with a "hosts" list');
  const extra = Object.keys(document).find((key) => key !== 'hosts');
  if (extra !== undefined) throw errorAt(source, toPointer([extra]), `unknown key ${JSON.stringify(extra)} (a fleet file has only "hosts")`, 'key');
  const hosts = document.hosts;
  if (!Array.isArray(hosts) || hosts.length === 0) throw errorAt(source, '/hosts', 'expected a non-empty list of engines, each with "name" and "host"');
  const seen = new Map<string, number>();
  return hosts.map((entry: unknown, index) => {
    const at = (key?: string) => toPointer(key === undefined ? ['hosts', index] : ['hosts', index, key]);
    if (!isObject(entry)) throw errorAt(source, at(), 'expected a mapping with "name" and "host"');
    const unknown = Object.keys(entry).find((key) => !ENTRY_KEYS.includes(key));
    if (unknown !== undefined) throw errorAt(source, at(unknown), `unknown key ${JSON.stringify(unknown)} (expected ${ENTRY_KEYS.join(', ')})`, 'key');
    const name = entry.name;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw errorAt(source, name === undefined ? at() : at('name'), `${name === undefined ? 'missing "name"' : '"name" must be'} letters, digits, ".", "_" or "-", starting with a letter or digit`);
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) throw errorAt(source, at('name'), `duplicate name ${JSON.stringify(name)} (also entry ${earlier + 1})`);
    seen.set(name, index);
    const host = entry.host;
    if (typeof host !== 'string' || host.trim() === '') throw errorAt(source, host === undefined ? at() : at('host'), `missing "host": expected an engine URL such as tcp://10.0.0.5:2376 or unix:///var/run/docker.sock`);
    let transport: 'unix' | 'tcp';
    try {
      transport = parseHost(host, `fleet entry ${name}`).transport;
    } catch (error) {
      throw errorAt(source, at('host'), (error as Error).message);
    }
    const certPath = entry.certPath;
    if (certPath !== undefined && (typeof certPath !== 'string' || certPath === '')) throw errorAt(source, at('certPath'), 'expected the directory holding ca.pem, cert.pem and key.pem');
    const tlsverify = entry.tlsverify;
    if (tlsverify !== undefined && typeof tlsverify !== 'boolean') throw errorAt(source, at('tlsverify'), 'expected true or false');
    if (transport === 'unix' && (certPath !== undefined || tlsverify !== undefined)) {
      throw errorAt(source, at(certPath !== undefined ? 'certPath' : 'tlsverify'), 'TLS settings apply to tcp:// engines, not to a unix socket');
    }
    return { name, host, certPath: certPath === undefined ? null : resolve(baseDirectory, certPath), tlsverify: tlsverify ?? null };
  });
}

/** The docker CLI flags and environment that select this engine (nothing from the caller's environment leaks in). */
export function connectionOf(entry: FleetHost, fleetFile: string): { flags: HostFlags; env: NodeJS.ProcessEnv } {
  const flags: HostFlags = { host: entry.host, hostGivenBy: { origin: `host "${entry.name}" of ${fleetFile}`, howToChoose: `fix its entry in ${fleetFile}` } };
  if (entry.tlsverify !== null) flags.tlsVerify = entry.tlsverify;
  else if (entry.certPath !== null) flags.tlsVerify = true;
  if (entry.certPath !== null && entry.tlsverify === false) flags.tls = true;
  return { flags, env: entry.certPath === null ? {} : { DOCKER_CERT_PATH: entry.certPath } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
