// What several daemon checks share: evidence for a setting, and the ownership and
// mode judgement of daemon files.
import { stringList } from '../policy/checks/support/params.js';
import type { CheckResult, JsonSchema, JsonValue } from '../policy/types.js';
import { excessBits, formatMode, OCTAL_MODE_PATTERN, parseOctalMode } from './modes.js';
import type { DaemonFile, DaemonFileRole, Setting } from './types.js';

/** `{ setting: "live-restore", value: false, source: "default" }` */
export function settingEvidence(name: string, setting: Setting<JsonValue>): { [key: string]: JsonValue } {
  return { setting: name, value: setting.value, source: setting.source };
}

/** ` (dockerd's default)`, ` (set by a dockerd flag)` or ` (set in daemon.json)` */
export function describeSource(setting: Setting<unknown>): string {
  if (setting.source === 'default') return " (dockerd's default)";
  return setting.source === 'flag' ? ' (set by a dockerd flag)' : ' (set in daemon.json)';
}

export interface FileRule {
  /** Largest mode allowed, in octal, e.g. "0660". */
  maxMode: string;
  /** Group names accepted besides root. */
  groups: readonly string[];
}

export const FILE_RULE_PARAMS: { [key: string]: JsonSchema } = {
  maxMode: { type: 'string', pattern: OCTAL_MODE_PATTERN, description: 'Largest mode allowed, written in octal ("0644"); bits are compared, so 0466 exceeds 0644.' },
  groups: stringList('Group names accepted besides root.'),
};

/** One finding for an owner other than root, one for a group outside `root` + `rule.groups`, one for extra mode bits. */
export function judgeFile(file: DaemonFile, rule: FileRule, what: string): CheckResult[] {
  const evidence = fileEvidence(file);
  const results: CheckResult[] = [];
  if (file.uid !== 0) results.push({ message: `${what} ${file.path} is owned by ${file.owner ?? `uid ${file.uid}`}, not root`, evidence });
  const group = file.group ?? `gid ${file.gid}`;
  if (file.gid !== 0 && !(file.group !== null && rule.groups.includes(file.group))) {
    results.push({ message: `${what} ${file.path} belongs to group ${group}, expected root${rule.groups.map((name) => ` or ${name}`).join('')}`, evidence });
  }
  const allowed = parseOctalMode(rule.maxMode);
  const extra = excessBits(file.mode, allowed);
  if (extra !== 0) {
    results.push({ message: `${what} ${file.path} has mode ${formatMode(file.mode)}, more than ${formatMode(allowed)} allows (extra bits ${formatMode(extra)})`, evidence });
  }
  return results;
}

export function fileEvidence(file: DaemonFile): { [key: string]: JsonValue } {
  return { path: file.path, owner: file.owner ?? file.uid, group: file.group ?? file.gid, mode: formatMode(file.mode) };
}

export function filesWithRole(files: readonly DaemonFile[], role: DaemonFileRole): DaemonFile[] {
  return files.filter((file) => file.role === role);
}
