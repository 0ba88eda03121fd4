// dockerd's command line read the way its flag parser (spf13/pflag) reads it:
// `--flag value`, `--flag=value`, `-H value`, `-Hvalue`, boolean flags without a
// value (`--live-restore`) or with one (`--icc=false`). Flags are keyed by their
// long name so `-H` and `--host` are one flag.

const SHORT_NAMES: Readonly<Record<string, string>> = {
  H: 'host',
  D: 'debug',
  l: 'log-level',
  b: 'bridge',
  G: 'group',
  g: 'graph',
  p: 'pidfile',
  s: 'storage-driver',
  v: 'version',
  h: 'help',
};

/** dockerd flags that take no value unless written `--flag=value`. */
const BOOLEAN_FLAGS = new Set([
  'debug', 'experimental', 'help', 'icc', 'init', 'ip-forward', 'ip-masq', 'ip6tables', 'iptables', 'ipv6',
  'live-restore', 'no-new-privileges', 'raw-logs', 'rootless', 'selinux-enabled', 'tls', 'tlsverify',
  'userland-proxy', 'validate', 'version',
]);

/** Every flag given, by long name, with its values in command-line order (booleans as `true` / `false`). */
export type DaemonFlags = ReadonlyMap<string, readonly string[]>;

export function parseDaemonCommandLine(argv: readonly string[]): DaemonFlags {
  const flags = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const values = flags.get(name);
    if (values) values.push(value);
    else flags.set(name, [value]);
  };
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const parsed = splitFlag(argument);
    if (parsed === null) continue;
    const { name, inlineValue } = parsed;
    if (inlineValue !== null) {
      add(name, inlineValue);
    } else if (BOOLEAN_FLAGS.has(name)) {
      add(name, 'true');
    } else {
      const next = argv[index + 1];
      // A value never starts with "-" in practice; an unknown boolean flag must not swallow the next flag.
      if (next !== undefined && !next.startsWith('-')) {
        add(name, next);
        index++;
      } else {
        add(name, 'true');
      }
    }
  }
  return flags;
}

function splitFlag(argument: string): { name: string; inlineValue: string | null } | null {
  if (argument.startsWith('--') && argument.length > 2) {
    const equals = argument.indexOf('=');
    return equals === -1
      ? { name: argument.slice(2), inlineValue: null }
      : { name: argument.slice(2, equals), inlineValue: argument.slice(equals + 1) };
  }
  if (argument.startsWith('-') && argument.length > 1 && argument[1] !== '-') {
    const letter = argument.charAt(1);
    const name = SHORT_NAMES[letter] ?? letter;
    const rest = argument.slice(2).replace(/^=/, '');
    return { name, inlineValue: rest === '' ? null : rest };
  }
  return null;
}

/** Go's strconv.ParseBool; null for anything else. */
export function parseGoBool(value: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return null;
}
