import { InvalidArgumentError, Option } from 'commander';
import type { CommandModule } from './command.js';
import { EXIT } from './exit-codes.js';

type CheckFormat = 'text' | 'json';

function formatOption(): Option {
  return new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text');
}

export const tlsInspectCommand: CommandModule = {
  path: ['tls', 'inspect'],
  summary: 'lint a TLS set: a harden tls init directory, a client bundle (DOCKER_CERT_PATH) or one PEM file',
  examples: [
    'harden tls inspect ./docker-tls',
    'harden tls inspect ~/.docker',
    'harden tls inspect /etc/docker/server-cert.pem',
    'harden tls inspect ./docker-tls --format json',
  ],
  configure(command) {
    command
      .argument('<path>', 'a directory (harden tls init layout or DOCKER_CERT_PATH bundle) or a PEM file')
      .addOption(formatOption())
      .addHelpText('after', '\nExit status: 0 when there are no errors (warnings alone, such as a certificate expiring within 30 days, exit 0),\n1 when there is at least one error, 2 when PATH is unreadable or holds no PEM data.');
  },
  async run(args, options) {
    const [{ inspectTls }, { renderInspectReport }] = await Promise.all([import('../tls/inspect.js'), import('../tls/inspect-format.js')]);
    const report = await inspectTls(args[0] ?? '');
    process.stdout.write(renderInspectReport(report, options.format as CheckFormat));
    return report.errors > 0 ? EXIT.findings : EXIT.ok;
  },
};

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number of seconds.');
  return parsed;
}

export const tlsVerifyCommand: CommandModule = {
  path: ['tls', 'verify'],
  summary: 'probe a live daemon: client-certificate ping, no access without a certificate or over plain HTTP, SANs, expiry',
  examples: [
    'harden tls verify -H tcp://192.0.2.10:2376 --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem',
    'DOCKER_CERT_PATH=./docker-tls/client harden tls verify -H tcp://127.0.0.1:2376',
  ],
  configure(command) {
    command
      .option('-H, --host <url>', 'daemon to probe: tcp://host:port (default: $DOCKER_HOST)')
      .option('--tlscacert <file>', 'CA that must have signed the daemon certificate (default: $DOCKER_CERT_PATH/ca.pem)')
      .option('--tlscert <file>', 'client certificate (default: $DOCKER_CERT_PATH/cert.pem)')
      .option('--tlskey <file>', 'client key (default: $DOCKER_CERT_PATH/key.pem)')
      .option('--timeout <seconds>', 'time allowed for each probe', seconds, 10)
      .addOption(formatOption())
      .addHelpText('after', '\nExit status: 0 when every probe passes (warnings, such as a certificate expiring within 30 days, allowed),\n1 when a probe fails, 2 for a bad host or unreadable certificate files.');
  },
  async run(_args, options) {
    const [{ verifyTls }, { renderVerifyReport }] = await Promise.all([import('../tls/verify.js'), import('../tls/verify-format.js')]);
    const report = await verifyTls({
      flags: {
        host: options.host as string | undefined,
        tlsCaCert: options.tlscacert as string | undefined,
        tlsCert: options.tlscert as string | undefined,
        tlsKey: options.tlskey as string | undefined,
      },
      timeoutMs: (options.timeout as number) * 1000,
    });
    process.stdout.write(renderVerifyReport(report, options.format as CheckFormat));
    return report.failed > 0 ? EXIT.findings : EXIT.ok;
  },
};
