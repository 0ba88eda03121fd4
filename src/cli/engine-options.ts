import type { Command } from 'commander';
import type { HostFlags } from '../engine/host.js';
import { CliError, EXIT } from './exit-codes.js';

/** The docker CLI's connection flags, spelled exactly as docker spells them. */
export function addEngineOptions(command: Command): void {
  command
    .option('-H, --host <url>', 'engine to audit: unix:///path or tcp://host:port (default: $DOCKER_HOST, the current docker context, or unix:///var/run/docker.sock)')
    .option('-c, --context <name>', 'docker context to use (default: $DOCKER_CONTEXT or the current context)')
    .option('--tls', 'use TLS; implied by --tlsverify')
    .option('--tlsverify', 'use TLS and verify the remote (default: on when $DOCKER_TLS_VERIFY is non-empty)')
    .option('--tlscacert <file>', 'trust certs signed only by this CA (default: $DOCKER_CERT_PATH/ca.pem)')
    .option('--tlscert <file>', 'path to the TLS client certificate (default: $DOCKER_CERT_PATH/cert.pem)')
    .option('--tlskey <file>', 'path to the TLS client key (default: $DOCKER_CERT_PATH/key.pem)');
}

export function engineFlags(options: Record<string, unknown>): HostFlags {
  return {
    host: options.host as string | undefined,
    context: options.context as string | undefined,
    tls: options.tls as boolean | undefined,
    tlsVerify: options.tlsverify as boolean | undefined,
    tlsCaCert: options.tlscacert as string | undefined,
    tlsCert: options.tlscert as string | undefined,
    tlsKey: options.tlskey as string | undefined,
  };
}

const ENGINE_FLAGS: [key: string, flag: string][] = [
  ['host', '-H/--host'],
  ['context', '--context'],
  ['tls', '--tls'],
  ['tlsverify', '--tlsverify'],
  ['tlscacert', '--tlscacert'],
  ['tlscert', '--tlscert'],
  ['tlskey', '--tlskey'],
];

/** Engine flags with an offline input would be silently ignored; say so instead. */
export function rejectEngineFlags(options: Record<string, unknown>, input: string): void {
  const given = ENGINE_FLAGS.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0) {
    throw new CliError(`${given.join(', ')} select${given.length === 1 ? 's' : ''} a live engine and cannot be combined with ${input}`, EXIT.usage);
  }
}
