// A container's security settings from its securityContext, the pod's securityContext
// and the AppArmor annotation, in Kubernetes' precedence: container over annotation
// over pod. Settings become the `--security-opt` values a `docker run` with the same
// effect would carry, so `security.raw` reads the same for every source.
//
// Unset means what a default kubelet does:
// - seccompProfile unset: Unconfined (the RuntimeDefault profile applies only when
//   asked for, or when the kubelet runs with seccompDefault, which a manifest cannot tell);
// - AppArmor unset: the runtime's default profile (mode `default`, profile null);
// - allowPrivilegeEscalation unset: allowed (no-new-privileges off);
// - runAsUser unset: the image's user, counted as root unless runAsNonRoot is true.
import type { SecuritySettings, UserSetting } from './types.js';
import { parseSecurityOptions } from './security-options.js';
import { parseUser } from './user.js';
import type { FieldLines } from './field-lines.js';
import type { FieldReader } from './yaml-fields.js';
import type { YamlMap } from './yaml-positions.js';

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export interface SecurityContexts {
  container: YamlMap | undefined;
  pod: YamlMap | undefined;
  /** Pod template annotations. */
  annotations: YamlMap | undefined;
  containerName: string;
}

/** The first context (container, then pod) that sets `key`, its line recorded under `field`. */
function pick<T>(
  contexts: (YamlMap | undefined)[],
  key: string,
  read: (context: YamlMap, key: string) => T | undefined,
  reader: FieldReader,
  lines: FieldLines | null,
  field: string,
): [T, YamlMap] | undefined {
  for (const context of contexts) {
    if (context === undefined) continue;
    const value = read(context, key);
    if (value === undefined) continue;
    lines?.set(field, reader.line(context, key));
    return [value, context];
  }
  return undefined;
}

export function kubernetesSecurity(reader: FieldReader, contexts: SecurityContexts, privileged: boolean, lines: FieldLines): SecuritySettings {
  const both = [contexts.container, contexts.pod];
  const options: string[] = [];
  const map = (context: YamlMap, key: string) => reader.map(context, key);

  const escalation = contexts.container === undefined ? undefined : reader.boolean(contexts.container, 'allowPrivilegeEscalation');
  if (escalation !== undefined) {
    lines.set('security.noNewPrivileges', reader.line(contexts.container as YamlMap, 'allowPrivilegeEscalation'));
    options.push(`no-new-privileges=${!escalation}`);
  }

  const seccomp = pick(both, 'seccompProfile', map, reader, lines, 'security.seccomp');
  const seccompOption = seccomp === undefined ? 'unconfined' : profileOption(reader, seccomp[0], 'seccompProfile', lines, 'security.seccomp');
  if (seccompOption !== null) options.push(`seccomp=${seccompOption}`);

  const apparmorOption = appArmorOption(reader, contexts, lines);
  if (apparmorOption !== null) options.push(`apparmor=${apparmorOption}`);

  const selinux = pick(both, 'seLinuxOptions', map, reader, lines, 'security.selinux');
  if (selinux !== undefined) {
    for (const part of ['user', 'role', 'type', 'level']) {
      const value = reader.string(selinux[0], part);
      if (value !== undefined) options.push(`label=${part}:${value}`);
    }
  }
  const security = parseSecurityOptions(options, '', privileged);
  if (security.apparmor.mode === 'unavailable') security.apparmor = { mode: 'default', profile: null };
  return security;
}

/**
 * A seccompProfile or appArmorProfile as a `--security-opt` value:
 * Unconfined -> `unconfined`, Localhost -> the profile, RuntimeDefault -> null (the default).
 */
function profileOption(reader: FieldReader, profile: YamlMap, key: string, lines: FieldLines, field: string): string | null {
  const type = reader.string(profile, 'type');
  lines.set(field, reader.line(profile, 'type'), true);
  if (type === 'Unconfined') return 'unconfined';
  if (type === 'RuntimeDefault') return null;
  if (type === 'Localhost') {
    const localhostProfile = reader.string(profile, 'localhostProfile');
    if (localhostProfile === undefined) reader.fail(profile, 'type', `${key} of type Localhost needs localhostProfile`);
    return localhostProfile;
  }
  return reader.expected(profile, 'type', 'RuntimeDefault, Unconfined or Localhost', type);
}

function appArmorOption(reader: FieldReader, contexts: SecurityContexts, lines: FieldLines): string | null {
  const field = 'security.apparmor';
  const fromContainer = contexts.container === undefined ? undefined : reader.map(contexts.container, 'appArmorProfile');
  if (fromContainer !== undefined) return profileOption(reader, fromContainer, 'appArmorProfile', lines, field);
  const annotationKey = APPARMOR_ANNOTATION + contexts.containerName;
  const annotation = contexts.annotations === undefined ? undefined : reader.string(contexts.annotations, annotationKey);
  if (annotation !== undefined && contexts.annotations !== undefined) {
    lines.set(field, reader.line(contexts.annotations, annotationKey));
    if (annotation === 'runtime/default') return null;
    if (annotation === 'unconfined') return 'unconfined';
    if (annotation.startsWith('localhost/')) return annotation.slice('localhost/'.length);
    return reader.expected(contexts.annotations, annotationKey, 'runtime/default, unconfined or localhost/<profile>', annotation);
  }
  const fromPod = contexts.pod === undefined ? undefined : reader.map(contexts.pod, 'appArmorProfile');
  return fromPod === undefined ? null : profileOption(reader, fromPod, 'appArmorProfile', lines, field);
}

export function kubernetesUser(reader: FieldReader, contexts: SecurityContexts, lines: FieldLines): UserSetting {
  const both = [contexts.container, contexts.pod];
  const number = (context: YamlMap, key: string) => reader.number(context, key);
  const uid = pick(both, 'runAsUser', number, reader, lines, 'user');
  // runAsGroup never makes a container root, so it never is the offending key.
  const gid = pick(both, 'runAsGroup', number, reader, null, 'user');
  const nonRoot = pick(both, 'runAsNonRoot', (context, key) => reader.boolean(context, key), reader, lines, 'user');
  const raw = `${uid?.[0] ?? ''}${gid === undefined ? '' : `:${gid[0]}`}`;
  const user = parseUser(raw);
  // The kubelet refuses to start a root image when runAsNonRoot is true.
  if (uid === undefined && nonRoot?.[0] === true) return { ...user, isRoot: false };
  return user;
}
