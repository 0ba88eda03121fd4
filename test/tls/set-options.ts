// The options `harden tls init` passes by default, for tests that call initTlsSet directly.
import type { InitOptions } from '../../src/tls/init.js';

export function defaultInitOptions(out: string): InitOptions {
  return {
    names: ['docker.example.test'],
    out,
    keyType: 'ecdsa-p256',
    days: 365,
    caDays: 3650,
    clientName: 'client',
    includeLocalhost: true,
    listen: 'tcp://0.0.0.0:2376',
    localSocket: 'unix:///var/run/docker.sock',
    daemonDir: '/etc/docker',
    force: false,
    caPassphrase: undefined,
  };
}
