// nginx.conf, Dockerfile, compose.yaml and README.md from templates/proxy/.
import { hostname } from 'node:os';
import Handlebars from 'handlebars';
import { loadTemplate } from '../util/templates.js';
import { BCRYPT_COST } from './hashes.js';
import { allowRules, ruleRegex, STREAMING_LOCATION } from './profiles.js';
import type { WorkerIdentity } from './worker-identity.js';
import { PROFILES, describeUpstream, type ListenAddress, type Mode, type Profile, type Role, type Upstream } from './validate.js';

// Values were validated where they entered; rendering checks again so that a value
// that slipped past validation fails here instead of injecting a directive.
const UNSAFE_IN_CONFIG = /[;{}"'`$\\\s]/;

const handlebars = Handlebars.create();

/** Debian's path; harden's Dockerfile installs the same package. */
export const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

export interface TlsFiles {
  dir: string;
  ca: string;
  cert: string;
  key: string;
}

export interface ProxyLayout {
  mode: Mode;
  upstream: Upstream;
  listen: ListenAddress;
  tls: TlsFiles | undefined;
  /** Profile of users no role names. */
  defaultProfile: Profile;
  roles: readonly Role[];
  /** Every user in the password file, for the README table. */
  users: readonly string[];
  allowInspect: boolean;
  worker: WorkerIdentity;
  /** Output directory as the user gave it, for the run instructions. */
  prefixHint: string;
}

function checkedValues(values: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(values)) {
    if (UNSAFE_IN_CONFIG.test(value)) throw new Error(`refusing to render ${name} ${JSON.stringify(value)} into nginx.conf: it contains a character nginx treats as syntax`);
  }
  return values;
}

function listenText(listen: ListenAddress): string {
  return `${listen.host}:${listen.port}`;
}

function upstreamServer(upstream: Upstream): string {
  return upstream.kind === 'unix' ? `unix:${upstream.path}` : `${upstream.host}:${upstream.port}`;
}

/** Profiles any user of this proxy has. */
export function profilesInUse(layout: ProxyLayout): Set<Profile> {
  const named = new Set(layout.roles.map((role) => role.user));
  const used = new Set(layout.roles.map((role) => role.profile));
  if (layout.users.length === 0 || layout.users.some((user) => !named.has(user))) used.add(layout.defaultProfile);
  return used;
}

/** One `$harden_allowed` map key per rule per profile in use, e.g. `~^1 readonly (GET) (/v[0-9.]+)?/events$`. */
export function allowLines(profiles: ReadonlySet<Profile>, allowInspect: boolean): string[] {
  const lines: string[] = [];
  for (const profile of PROFILES.filter((candidate) => profiles.has(candidate))) {
    // `full` skips the canonical-path check too: it may call anything anyway.
    if (profile === 'full') lines.push('~^[01] full ');
    for (const rule of allowRules(profile, allowInspect)) lines.push(`~^1 ${profile} (${rule.methods.join('|')}) ${ruleRegex(rule)}`);
  }
  return lines;
}

export function renderNginxConf(layout: ProxyLayout): string {
  const values = checkedValues({
    listen: listenText(layout.listen),
    upstreamServer: upstreamServer(layout.upstream),
    workerUser: layout.worker.user,
    workerGroup: layout.worker.group,
    ...(layout.tls ? { tlsCa: layout.tls.ca, tlsCert: layout.tls.cert, tlsKey: layout.tls.key } : {}),
    ...Object.fromEntries(layout.roles.map((role, index) => [`role ${index}`, role.user])),
  });
  const common = {
    prefixHint: layout.prefixHint.replace(/[^\x20-\x7e]/g, '?'),
    listen: values.listen,
    upstreamServer: values.upstreamServer,
    worker: { user: values.workerUser, group: values.workerGroup },
    workerIsRoot: layout.worker.user === 'root',
    tls: layout.tls ?? false,
  };
  if (layout.mode === 'stream') {
    return loadTemplate<object>(handlebars, 'proxy/nginx-stream.conf.hbs')({ ...common, streamModule: STREAM_MODULE });
  }
  const profiles = profilesInUse(layout);
  return loadTemplate<object>(handlebars, 'proxy/nginx-http.conf.hbs')({
    ...common,
    profileSummary: `profiles: ${PROFILES.filter((profile) => profiles.has(profile)).join(', ')}`,
    defaultProfile: layout.defaultProfile,
    roles: layout.roles.map((role) => ({ pattern: role.user.replace(/\./g, '\\.'), profile: role.profile })),
    allowLines: allowLines(profiles, layout.allowInspect),
    anyFull: profiles.has('full'),
    streamingLocation: STREAMING_LOCATION,
  });
}

function groupAdd(layout: ProxyLayout): { groupAdd: string; groupComment: string } {
  if (layout.worker.gid !== undefined) {
    const what = layout.upstream.kind === 'unix' ? `the group of ${layout.upstream.path}` : 'the group of htpasswd';
    return { groupAdd: String(layout.worker.gid), groupComment: `${what} (${layout.worker.group}): lets nobody reach the socket and read htpasswd` };
  }
  return { groupAdd: '${DOCKER_SOCKET_GID:?set DOCKER_SOCKET_GID to the group id of the Docker socket}', groupComment: 'the Docker socket group was not known when this was generated' };
}

/** Where a client dials: the listen address, or this host's name when nginx listens on all addresses. */
function clientAddress(listen: ListenAddress): string {
  if (listen.host !== '0.0.0.0' && listen.host !== '[::]') return listenText(listen);
  const name = hostname();
  return `${/^[A-Za-z0-9.-]+$/.test(name) ? name : 'HOST'}:${listen.port}`;
}

export function renderSupportFiles(layout: ProxyLayout): { dockerfile: string; compose: string; readme: string } {
  const profiles = profilesInUse(layout);
  const roleOf = new Map(layout.roles.map((role) => [role.user, role.profile]));
  const view = {
    ...groupAdd(layout),
    stream: layout.mode === 'stream',
    basicAuth: layout.mode === 'http',
    tls: layout.tls ?? false,
    listen: listenText(layout.listen),
    port: String(layout.listen.port),
    loopback: layout.listen.loopback,
    clientAddress: clientAddress(layout.listen),
    upstream: describeUpstream(layout.upstream),
    socketPath: layout.upstream.kind === 'unix' ? layout.upstream.path : false,
    prefixHint: layout.prefixHint,
    workerUser: layout.worker.user,
    workerGroup: layout.worker.group,
    allowInspect: layout.allowInspect,
    bcryptCost: String(BCRYPT_COST),
    profiles: Object.fromEntries(PROFILES.map((profile) => [profile, profiles.has(profile)])),
    // Names from an imported password file are not validated: keep the table intact.
    userTable: layout.users.map((user) => ({ user: user.replace(/[^A-Za-z0-9._@-]/g, '?'), profile: roleOf.get(user) ?? layout.defaultProfile })),
  };
  return {
    dockerfile: loadTemplate<object>(handlebars, 'proxy/Dockerfile.hbs')(view),
    compose: loadTemplate<object>(handlebars, 'proxy/compose.yaml.hbs')(view),
    readme: loadTemplate<object>(handlebars, 'proxy/README.md.hbs')(view),
  };
}
