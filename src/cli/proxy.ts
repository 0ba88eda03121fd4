import type { CommandModule } from './command.js';
import { EXIT } from './exit-codes.js';
import { collect } from './option-parsers.js';

// Kept in sync with src/proxy/validate.ts by test/proxy/cli.unit.test.ts; repeated
// here so `--help` does not load the proxy modules.
const PROFILE_HELP = 'readonly, operator or full';

function warn(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`harden: warning: ${warning}\n`);
}


export const proxyPasswdCommand: CommandModule = {
  path: ['proxy', 'passwd'],
  summary: 'add a user to an nginx password file or change their password (bcrypt; the password never goes on the command line)',
  examples: ['harden proxy passwd ./docker-proxy/htpasswd alice', "printf '%s\\n' \"$PASSWORD\" | harden proxy passwd ./docker-proxy/htpasswd ci --password-stdin"],
  configure(command) {
    command
      .argument('<htpasswd>', 'password file (created when missing)')
      .argument('<name>', 'user name')
      .option('--password-stdin', 'read the password from the first line of standard input instead of prompting');
  },
  async run(args, options) {
    const [{ parseUserName }, { readNewPassword }, { setPassword }, { BCRYPT_COST }] = await Promise.all([
      import('../proxy/validate.js'), import('../proxy/password-input.js'), import('../proxy/passwd.js'), import('../proxy/hashes.js'),
    ]);
    const [file = '', name = ''] = args;
    const user = parseUserName(name, 'NAME');
    const result = await setPassword(file, user, await readNewPassword(user, Boolean(options.passwordStdin)));
    warn(result.warnings);
    process.stdout.write(`${result.updated ? 'updated' : 'added'} ${user} in ${file} (bcrypt, cost ${BCRYPT_COST})\n`);
    return EXIT.ok;
  },
};

export const proxyNginxCommand: CommandModule = {
  path: ['proxy', 'nginx'],
  summary: 'write an authenticated, allow-listed nginx proxy for the Docker API: nginx.conf, htpasswd, Dockerfile, compose.yaml, README.md',
  examples: [
    "printf '%s\\n' \"$PASSWORD\" | harden proxy nginx --out ./docker-proxy --user alice --password-stdin",
    'harden proxy nginx --out ./docker-proxy --htpasswd ./users --role alice=operator --role ops=full --listen 0.0.0.0:2375 --tls-dir ./docker-tls',
    'harden proxy nginx --out ./docker-proxy --mode stream --listen 0.0.0.0:2376 --tls-dir ./docker-tls',
  ],
  configure(command) {
    command
      .requiredOption('-o, --out <dir>', 'directory to write the proxy to')
      .option('--upstream <url>', 'the daemon: unix:///path/to/docker.sock or tcp://HOST:PORT', 'unix:///var/run/docker.sock')
      .option('--listen <addr:port>', 'address nginx listens on', '127.0.0.1:2375')
      .option('--tls-dir <dir>', 'a `harden tls init` directory: listen with TLS using its server certificate')
      .option('--insecure-plaintext', 'allow basic auth without TLS on a non-loopback address')
      .option('--user <name>', 'the one user of the proxy (password from --password-stdin or a prompt)')
      .option('--password-stdin', 'read --user\'s password from the first line of standard input')
      .option('--htpasswd <file>', 'use this password file (e.g. made with `harden proxy passwd`) instead of --user')
      .option('--role <name=profile>', `give one user a profile (${PROFILE_HELP}); repeatable`, collect, [])
      .option('--profile <profile>', `profile of users without a --role: ${PROFILE_HELP} (default: readonly)`)
      .option('--allow-inspect', 'let readonly and operator inspect single containers (shows their environment variables)')
      .option('--mode <mode>', 'http (basic auth, allow-lists) or stream (TCP with client certificates, for exec/attach/run)', 'http')
      .option('--force', 'overwrite existing files');
  },
  async run(_args, options) {
    const [validate, { generateProxy }, { readNewPassword }, { describeGeneratedProxy }] = await Promise.all([
      import('../proxy/validate.js'), import('../proxy/generate.js'), import('../proxy/password-input.js'), import('../proxy/summary.js'),
    ]);
    const { ProxyInputError } = await import('../proxy/errors.js');
    const mode = validate.parseMode(options.mode as string);
    const userOption = options.user as string | undefined;
    const htpasswd = options.htpasswd as string | undefined;
    if (userOption !== undefined && htpasswd !== undefined) throw new ProxyInputError('--user and --htpasswd exclude each other: add users to the file with `harden proxy passwd`');
    if (options.passwordStdin && userOption === undefined) throw new ProxyInputError('--password-stdin needs --user NAME');
    if (mode === 'stream' && (options.profile !== undefined || options.allowInspect)) throw new ProxyInputError('--mode stream has no profiles: drop --profile and --allow-inspect');
    const request = {
      out: validate.parseSafePath(options.out as string, '--out'),
      mode,
      upstream: validate.parseUpstream(options.upstream as string),
      listen: validate.parseListen(options.listen as string),
      tlsDir: options.tlsDir === undefined ? undefined : validate.parseSafePath(options.tlsDir as string, '--tls-dir'),
      insecurePlaintext: Boolean(options.insecurePlaintext),
      roles: (options.role as string[]).map(validate.parseRole),
      profile: validate.parseProfile((options.profile as string | undefined) ?? 'readonly'),
      allowInspect: Boolean(options.allowInspect),
      force: Boolean(options.force),
    };
    let credentials: { kind: 'user'; user: string; password: string } | { kind: 'file'; path: string } | undefined;
    if (userOption !== undefined) {
      const user = validate.parseUserName(userOption, '--user');
      credentials = { kind: 'user', user, password: await readNewPassword(user, Boolean(options.passwordStdin)) };
    } else if (htpasswd !== undefined) {
      credentials = { kind: 'file', path: htpasswd };
    }
    const result = await generateProxy({ ...request, credentials });
    warn(result.warnings);
    process.stdout.write(describeGeneratedProxy(result));
    return EXIT.ok;
  },
};

export const proxyCheckCommand: CommandModule = {
  path: ['proxy', 'check'],
  summary: 'run nginx -t on a generated proxy and lint it (weak password hashes, plaintext on a public address, profile); exit 1 on problems',
  examples: ['harden proxy check ./docker-proxy'],
  configure(command) {
    command.argument('<dir>', 'directory made by `harden proxy nginx`');
  },
  async run(args) {
    const [{ checkProxy }, { describeCheck }] = await Promise.all([import('../proxy/check.js'), import('../proxy/summary.js')]);
    const result = await checkProxy(args[0] ?? '');
    process.stdout.write(describeCheck(result));
    return result.problems.some((problem) => problem.level === 'error') ? EXIT.findings : EXIT.ok;
  },
};
