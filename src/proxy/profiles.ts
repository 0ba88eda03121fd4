// What each profile may do, as anchored allow-list rules. Each rule becomes one
// line of the `$harden_allowed` map in nginx.conf; anything no rule matches is 403.
import type { Profile } from './validate.js';

/** A container ID or name as dockerd accepts it; never `.`/`..`, never `/` or `%`. */
const CONTAINER = '[A-Za-z0-9][A-Za-z0-9_.-]*';

/** dockerd accepts `/v1.41/`, `/v01.41/` and `/v1.41.0/` alike, so the prefix is matched loosely and the rest anchored. */
export const VERSION_PREFIX = '(/v[0-9.]+)?';

export interface AllowRule {
  methods: readonly string[];
  /** Regex for the path after the optional version prefix, without the leading slash. */
  path: string;
  /** Long-lived responses: unbuffered, long read timeout. */
  streaming: boolean;
}

const rule = (methods: readonly string[], path: string, streaming = false): AllowRule => ({ methods, path, streaming });

/** ping, version, info, the four lists, top, stats, events: nothing that reads files, env or streams stdin. */
function readonlyRules(allowInspect: boolean): AllowRule[] {
  const rules = [
    // HEAD only here: the CLI pings with HEAD first, and HEAD elsewhere is not harmless
    // (HEAD /containers/ID/archive stats any path in the container).
    rule(['GET', 'HEAD'], '_ping'),
    rule(['GET'], '(version|info)'),
    rule(['GET'], '(containers|images)/json'),
    rule(['GET'], '(networks|volumes)'),
    rule(['GET'], `containers/${CONTAINER}/top`),
    rule(['GET'], `containers/${CONTAINER}/stats`, true),
    rule(['GET'], 'events', true),
  ];
  // Inspect output carries Config.Env, where secrets usually live.
  if (allowInspect) rules.push(rule(['GET'], `containers/${CONTAINER}/json`));
  return rules;
}

/** readonly plus logs and the lifecycle of existing containers; no create, exec, build, cp, export or archive. */
function operatorRules(allowInspect: boolean): AllowRule[] {
  return [
    ...readonlyRules(allowInspect),
    rule(['GET'], `containers/${CONTAINER}/logs`, true),
    rule(['POST'], `containers/${CONTAINER}/(start|stop|restart|kill)`),
  ];
}

/** Rules of a profile; `full` has none because it allows every request. */
export function allowRules(profile: Profile, allowInspect: boolean): AllowRule[] {
  switch (profile) {
    case 'readonly':
      return readonlyRules(allowInspect);
    case 'operator':
      return operatorRules(allowInspect);
    case 'full':
      return [];
  }
}

/** The `$uri` regex of a rule, anchored at both ends. */
export function ruleRegex(allowed: AllowRule): string {
  return `${VERSION_PREFIX}/${allowed.path}$`;
}

/** Endpoints answered with a stream: events, stats and logs (follow), and attach/wait in `full`. */
export const STREAMING_LOCATION = `^${VERSION_PREFIX}/(events|containers/[^/]+/(logs|stats|attach|attach/ws|wait))$`;
