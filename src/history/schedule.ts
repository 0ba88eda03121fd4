// `harden schedule`: a systemd service + timer, or the equivalent cron line, that
// run `harden report`, rendered from templates/schedule/. Both run on the same
// wall-clock schedule, so a `--every` must divide an hour, a day or a week evenly.
import Handlebars from 'handlebars';
import { shellQuote } from '../util/shell-quote.js';
import { loadTemplate } from '../util/templates.js';

/** When the report runs, in each scheduler's syntax. */
export interface Interval {
  /** As the user wrote it, e.g. `30m`. */
  every: string;
  /** systemd.time(7) calendar event. */
  onCalendar: string;
  /** The five crontab(5) time fields. */
  cronSchedule: string;
}

export interface ScheduleSpec {
  /** Unit file base name (`harden-report` -> harden-report.service + .timer). */
  unit: string;
  interval: Interval;
  /** The full command: node, the harden script, `report`, its options. */
  command: string[];
}

// A private environment: each quoting helper returns exactly the text to write.
const handlebars = Handlebars.create();
handlebars.registerHelper('systemdCommand', (words: string[]) => new handlebars.SafeString(words.map(systemdQuote).join(' ')));
handlebars.registerHelper('cronCommand', (words: string[]) => new handlebars.SafeString(cronCommand(words)));

const UNIT_NAME = /^[A-Za-z0-9_.:-]+$/;
const EVERY = /^([1-9]\d*)(m|h|d|w)$/;

/** `--every`: `Nm` (N divides 60), `Nh` (N divides 24), `1d` or `1w`; null for anything else. */
export function parseInterval(every: string): Interval | null {
  const match = EVERY.exec(every);
  if (!match) return null;
  const count = Number(match[1]);
  switch (match[2]) {
    case 'm':
      if (count >= 60 || 60 % count !== 0) return null;
      return count === 1
        ? { every, onCalendar: '*-*-* *:*:00', cronSchedule: '* * * * *' }
        : { every, onCalendar: `*-*-* *:00/${count}:00`, cronSchedule: `*/${count} * * * *` };
    case 'h':
      if (count >= 24 || 24 % count !== 0) return null;
      return count === 1
        ? { every, onCalendar: '*-*-* *:00:00', cronSchedule: '0 * * * *' }
        : { every, onCalendar: `*-*-* 00/${count}:00:00`, cronSchedule: `0 */${count} * * *` };
    case 'd':
      return count === 1 ? { every, onCalendar: '*-*-* 00:00:00', cronSchedule: '0 0 * * *' } : null;
    default:
      return count === 1 ? { every, onCalendar: 'Mon *-*-* 00:00:00', cronSchedule: '0 0 * * 1' } : null;
  }
}

export function isUnitName(name: string): boolean {
  return UNIT_NAME.test(name);
}

/**
 * One word of an ExecStart= line (systemd.service(5) "Command lines"): quoted when
 * needed, with `\` and `"` escaped, `%` (specifiers) and `$` (variables) doubled.
 */
export function systemdQuote(word: string): string {
  const doubled = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (/^[A-Za-z0-9_./:@+=,-]+$/.test(word)) return doubled;
  return `"${doubled.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The command of a crontab line: shell words, with `%` escaped (cron turns a bare one into a newline). */
export function cronCommand(words: string[]): string {
  return words.map(shellQuote).join(' ').replace(/%/g, '\\%');
}

/** A word no scheduler can carry: control characters would end or corrupt the line. */
export function unschedulableWord(words: string[]): string | undefined {
  return words.find((word) => /\p{Cc}/u.test(word));
}

export function renderService(spec: ScheduleSpec): string {
  return loadTemplate<object>(handlebars, 'schedule/harden-report.service.hbs')({ unit: spec.unit, command: spec.command });
}

export function renderTimer(spec: ScheduleSpec): string {
  return loadTemplate<object>(handlebars, 'schedule/harden-report.timer.hbs')({ unit: spec.unit, every: spec.interval.every, onCalendar: spec.interval.onCalendar });
}

export function renderCron(spec: ScheduleSpec): string {
  return loadTemplate<object>(handlebars, 'schedule/cron.hbs')({ every: spec.interval.every, cronSchedule: spec.interval.cronSchedule, command: spec.command });
}
