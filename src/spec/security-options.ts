// `--security-opt` values parsed the way the engine parses them (moby
// daemon parseSecurityOpt), never substring-matched: `no-new-privileges=false`
// contains "no-new-privileges" and means the opposite.
import type { AppArmorSetting, SeccompSetting, SecuritySettings, SelinuxSetting } from './types.js';

/** Go's strconv.ParseBool, which the engine uses for `no-new-privileges=<bool>`. */
const GO_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['1', true], ['t', true], ['T', true], ['true', true], ['TRUE', true], ['True', true],
  ['0', false], ['f', false], ['F', false], ['false', false], ['FALSE', false], ['False', false],
]);

/** One option split the engine's way: on the first `=` if there is one, else on the first `:` (the old form). */
export function splitSecurityOption(option: string): { key: string; value: string | null } {
  let separator = option.indexOf('=');
  if (separator === -1) separator = option.indexOf(':');
  if (separator === -1) return { key: option, value: null };
  return { key: option.slice(0, separator), value: option.slice(separator + 1) };
}

/**
 * @param options HostConfig.SecurityOpt as stored (null when unset).
 * @param appArmorProfile the top-level `AppArmorProfile` the engine applied (`''` when the host has no AppArmor).
 */
export function parseSecurityOptions(options: readonly string[] | null, appArmorProfile: string, privileged: boolean): SecuritySettings {
  const raw = options ?? [];
  let seccompValue: string | null = null;
  let appArmorValue: string | null = null;
  let noNewPrivileges = false;
  const selinux: SelinuxSetting = { disabled: false, user: null, role: null, type: null, level: null };
  for (const option of raw) {
    if (option === 'no-new-privileges') {
      noNewPrivileges = true;
      continue;
    }
    if (option === 'disable') {
      selinux.disabled = true;
      continue;
    }
    const { key, value } = splitSecurityOption(option);
    if (value === null) continue;
    if (key === 'seccomp') seccompValue = value;
    else if (key === 'apparmor') appArmorValue = value;
    else if (key === 'label') applyLabel(selinux, value);
    else if (key === 'no-new-privileges') {
      // The engine rejects other values at create time; an unparsable one grants nothing.
      const parsed = GO_BOOLEANS.get(value);
      if (parsed !== undefined) noNewPrivileges = parsed;
    }
  }
  if (privileged) selinux.disabled = true;
  return {
    seccomp: seccompSetting(seccompValue, privileged),
    apparmor: appArmorSetting(appArmorProfile || appArmorValue || '', privileged),
    selinux,
    noNewPrivileges,
    raw: raw as string[],
  };
}

function applyLabel(selinux: SelinuxSetting, value: string): void {
  if (value === 'disable') {
    selinux.disabled = true;
    return;
  }
  const separator = value.indexOf(':');
  if (separator === -1) return;
  const part = value.slice(separator + 1);
  switch (value.slice(0, separator)) {
    case 'user': selinux.user = part; break;
    case 'role': selinux.role = part; break;
    case 'type': selinux.type = part; break;
    case 'level': selinux.level = part; break;
  }
}

function seccompSetting(value: string | null, privileged: boolean): SeccompSetting {
  // The engine applies no seccomp filter to a privileged container, whatever was asked.
  if (privileged || value === 'unconfined') return { mode: 'unconfined', profile: null };
  if (value === null || value === '' || value === 'builtin') return { mode: 'default', profile: null };
  // The CLI reads a profile file and the engine stores its JSON inline.
  return { mode: 'custom', profile: value.trimStart().startsWith('{') ? '<inline JSON>' : value };
}

function appArmorSetting(profile: string, privileged: boolean): AppArmorSetting {
  if (privileged || profile === 'unconfined') return { mode: 'unconfined', profile: 'unconfined' };
  if (profile === '') return { mode: 'unavailable', profile: null };
  if (profile === 'docker-default') return { mode: 'default', profile };
  return { mode: 'custom', profile };
}
