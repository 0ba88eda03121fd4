// The non-PEM files of a `harden tls init` directory, checked against the server
// certificate: daemon.json (tlsverify, listen addresses), the systemd drop-in
// (no -H next to daemon.json hosts) and client/env.sh (the host clients dial).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHost } from '../engine/address.js';
import type { CertificateFacts } from './cert-reader.js';
import type { InspectionLog } from './inspect-files.js';
import { coversHost, describeSubjectAltNames, isWildcardAddress } from './san-match.js';

const DROP_IN = 'docker.service.d/harden-tls.conf';

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The host part of a Docker address, or null for unix sockets, fd:// and unparsable values. */
function tcpHostname(address: string): string | null {
  try {
    const parsed = parseHost(address, 'daemon.json hosts');
    return parsed.transport === 'tcp' ? parsed.hostname : null;
  } catch {
    return null;
  }
}

function missingSanFix(host: string): string {
  return `reissue the server certificate with ${host} among the names: harden tls init ${host} ... --out DIR --force`;
}

export async function checkDaemonConfig(log: InspectionLog, dir: string, serverCert: CertificateFacts | null): Promise<void> {
  const text = await readOptional(join(dir, 'daemon.json'));
  if (text === null) return;
  let config: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
    config = parsed as Record<string, unknown>;
  } catch (error) {
    log.add('daemon.json', { level: 'error', code: 'daemon-json-invalid', message: `is not valid JSON (${(error as Error).message}): dockerd refuses to start`, fix: 'fix the syntax, or recreate it with harden tls init' });
    return;
  }
  if (config.tlsverify !== true) {
    log.add('daemon.json', {
      level: 'error',
      code: 'tlsverify-off',
      message: 'does not set "tlsverify": true: the daemon accepts clients without a certificate, so anyone who reaches the port is root on the host',
      fix: 'set "tlsverify": true (with "tlscacert" pointing at ca.pem)',
    });
  }
  const hosts = Array.isArray(config.hosts) ? config.hosts.filter((h): h is string => typeof h === 'string') : [];
  if (serverCert !== null) {
    for (const address of hosts) {
      const host = tcpHostname(address);
      if (host === null || isWildcardAddress(host)) continue;
      const coverage = coversHost(serverCert, host);
      if (!coverage.covered) {
        log.add('server-cert.pem', {
          level: 'error',
          code: 'san-listen-address-missing',
          message: `has no SAN ${coverage.missing} for the listen address ${address} in daemon.json (it lists ${describeSubjectAltNames(serverCert).join(', ') || 'none'}): clients dialing it fail`,
          fix: missingSanFix(host),
        });
      }
    }
  }
  if (hosts.length > 0) await checkDropIn(log, dir);
}

/** daemon.json `hosts` plus any -H flag makes dockerd refuse to start; the drop-in must clear ExecStart and start dockerd without -H. */
async function checkDropIn(log: InspectionLog, dir: string): Promise<void> {
  const text = await readOptional(join(dir, DROP_IN));
  const fix = 'use a drop-in with an empty "ExecStart=" line followed by "ExecStart=/usr/bin/dockerd" (no -H): harden tls init writes one';
  if (text === null) {
    log.add(DROP_IN, { level: 'warning', code: 'systemd-drop-in-missing', message: 'is missing: daemon.json sets "hosts", and the distribution unit starts dockerd with -H fd://, so dockerd refuses to start', fix });
    return;
  }
  const execStarts = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^ExecStart\s*=/.test(line))
    .map((line) => line.replace(/^ExecStart\s*=\s*/, ''));
  const cleared = execStarts[0] === '';
  const withHostFlag = execStarts.find((command) => /(^|\s)(-H|--host)(\s|=|$)/.test(command));
  if (!cleared || withHostFlag !== undefined) {
    const why = !cleared ? 'does not clear ExecStart= first, so the unit keeps its -H fd://' : `starts dockerd with a -H flag (${withHostFlag})`;
    log.add(DROP_IN, { level: 'error', code: 'systemd-hosts-conflict', message: `${why}, while daemon.json sets "hosts": dockerd refuses to start`, fix });
  }
}

/** The DOCKER_HOST clients source from env.sh must be a name the server certificate lists. */
export async function checkEnvFile(log: InspectionLog, path: string, file: string, serverCert: CertificateFacts | null): Promise<void> {
  const text = await readOptional(path);
  if (text === null || serverCert === null) return;
  const address = /DOCKER_HOST=["']?([^"'\s;]+)/.exec(text)?.[1];
  const host = address === undefined ? null : tcpHostname(address);
  if (address === undefined || host === null || isWildcardAddress(host)) return;
  const coverage = coversHost(serverCert, host);
  if (!coverage.covered) {
    log.add(file, {
      level: 'error',
      code: 'san-docker-host-missing',
      message: `sets DOCKER_HOST=${address}, but server-cert.pem has no SAN ${coverage.missing} (it lists ${describeSubjectAltNames(serverCert).join(', ') || 'none'}): the docker CLI rejects the daemon`,
      fix: missingSanFix(host),
    });
  }
}
