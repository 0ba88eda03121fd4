import type { CommandModule } from './command.js';
import { EXIT } from './exit-codes.js';

// Kept in sync with src/tls/keys.ts, profile.ts and addresses.ts by test/tls/cli-options.test.ts;
// repeated here so `--help` does not load the tls modules.
const KEY_TYPES = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ecdsa-p256', 'ecdsa-p384'];
const PASSPHRASE_HELP = 'read the CA key passphrase from the first line of FILE (or set HARDEN_CA_PASSPHRASE); never given on the command line';

function warn(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`harden: warning: ${warning}\n`);
}

export const tlsInitCommand: CommandModule = {
  path: ['tls', 'init'],
  summary: 'create a CA, server and client certificates, daemon.json and a systemd drop-in for dockerd on TCP with --tlsverify',
  examples: [
    'harden tls init docker.example.com 10.0.0.5 --out ./docker-tls',
    'harden tls init docker.example.com --key-type rsa-3072 --days 825 --out ./docker-tls',
    'HARDEN_CA_PASSPHRASE=... harden tls init docker.example.com --out ./docker-tls',
  ],
  configure(command) {
    command
      .argument('<name...>', 'DNS names and IP addresses clients dial (each becomes a SAN)')
      .requiredOption('-o, --out <dir>', 'directory to write the set to')
      .option('--key-type <type>', `key type: ${KEY_TYPES.join(', ')}`, 'ecdsa-p256')
      .option('--days <n>', 'lifetime of the server and client certificates (at most 825)', '365')
      .option('--ca-days <n>', 'lifetime of the CA certificate', '3650')
      .option('--client-name <cn>', 'Common Name of the first client certificate', 'client')
      .option('--no-localhost', 'do not add localhost and 127.0.0.1 to the server certificate')
      .option('--listen <url>', 'TCP address dockerd listens on (daemon.json "hosts")', 'tcp://0.0.0.0:2376')
      .option('--local-socket <url>', 'unix socket dockerd keeps for the local CLI (daemon.json "hosts")', 'unix:///var/run/docker.sock')
      .option('--daemon-dir <dir>', 'where the server files will live on the daemon host (paths in daemon.json)', '/etc/docker')
      .option('--ca-passphrase-file <file>', `encrypt ca-key.pem: ${PASSPHRASE_HELP}`)
      .option('--force', 'overwrite existing files');
  },
  async run(args, options) {
    const [{ initTlsSet }, { parseKeyType }, { parseDays, MAX_LEAF_DAYS }, { readPassphrase }, { describeInit }, { TlsInputError }] = await Promise.all([
      import('../tls/init.js'), import('../tls/keys.js'), import('../tls/profile.js'), import('../tls/ca-key.js'), import('../tls/summary.js'), import('../tls/errors.js'),
    ]);
    const keyType = parseKeyType(options.keyType as string);
    const days = parseDays(options.days as string, '--days', MAX_LEAF_DAYS);
    const caDays = parseDays(options.caDays as string, '--ca-days');
    if (caDays < days) throw new TlsInputError(`--ca-days ${caDays} is shorter than --days ${days}: the certificates would outlive their CA`);
    const daemonDir = options.daemonDir as string;
    const result = await initTlsSet({
      names: args,
      out: options.out as string,
      keyType,
      days,
      caDays,
      clientName: options.clientName as string,
      includeLocalhost: options.localhost as boolean,
      listen: options.listen as string,
      localSocket: options.localSocket as string,
      daemonDir,
      force: Boolean(options.force),
      caPassphrase: await readPassphrase(options.caPassphraseFile as string | undefined, process.env),
    });
    warn(result.warnings);
    process.stdout.write(describeInit(result, keyType, days, daemonDir));
    return EXIT.ok;
  },
};

export const tlsClientCommand: CommandModule = {
  path: ['tls', 'client'],
  summary: 'issue another client certificate from an existing harden CA (one per person or pipeline)',
  examples: ['harden tls client alice --ca ./docker-tls --out ./alice', 'harden tls client ci-deploy --ca ./docker-tls --out ./ci -H tcp://docker.example.com:2376'],
  configure(command) {
    command
      .argument('<name>', 'Common Name of the certificate (who uses it)')
      .requiredOption('--ca <dir>', 'directory made by `harden tls init` (ca.pem, ca-key.pem)')
      .requiredOption('-o, --out <dir>', 'directory for ca.pem, cert.pem, key.pem and env.sh')
      .option('--days <n>', 'lifetime of the certificate (at most 825)', '365')
      .option('-H, --host <url>', 'daemon address for env.sh (default: from the CA directory\'s daemon.json)')
      .option('--ca-passphrase-file <file>', PASSPHRASE_HELP)
      .option('--force', 'overwrite existing files');
  },
  async run(args, options) {
    const [{ issueClientBundle }, { parseDays, MAX_LEAF_DAYS }, { readPassphrase }, { describeClient }] = await Promise.all([
      import('../tls/client.js'), import('../tls/profile.js'), import('../tls/ca-key.js'), import('../tls/summary.js'),
    ]);
    const name = args[0] ?? '';
    const result = await issueClientBundle({
      name,
      caDir: options.ca as string,
      out: options.out as string,
      days: parseDays(options.days as string, '--days', MAX_LEAF_DAYS),
      host: options.host as string | undefined,
      force: Boolean(options.force),
      caPassphrase: await readPassphrase(options.caPassphraseFile as string | undefined, process.env),
    });
    process.stdout.write(describeClient(result, name));
    return EXIT.ok;
  },
};

export const tlsRenewCommand: CommandModule = {
  path: ['tls', 'renew'],
  summary: 're-issue the server and client certificates of a set from the same CA with the same names',
  examples: ['harden tls renew ./docker-tls', 'harden tls renew ./docker-tls --days 825'],
  configure(command) {
    command
      .argument('<dir>', 'directory made by `harden tls init`')
      .option('--days <n>', 'lifetime of the new certificates (at most 825)', '365')
      .option('--ca-passphrase-file <file>', PASSPHRASE_HELP);
  },
  async run(args, options) {
    const [{ renewTlsSet }, { parseDays, MAX_LEAF_DAYS }, { readPassphrase }, { describeRenew }] = await Promise.all([
      import('../tls/renew.js'), import('../tls/profile.js'), import('../tls/ca-key.js'), import('../tls/summary.js'),
    ]);
    const dir = args[0] ?? '';
    const result = await renewTlsSet({
      dir,
      days: parseDays(options.days as string, '--days', MAX_LEAF_DAYS),
      caPassphrase: await readPassphrase(options.caPassphraseFile as string | undefined, process.env),
    });
    warn(result.warnings);
    process.stdout.write(describeRenew(result, dir));
    return EXIT.ok;
  },
};
