// The time stamp of an audit record, `audit(STAMP:SERIAL)`, in the two shapes logs
// carry: raw seconds since the epoch (audit.log, dmesg, syslog) and the local
// date and time `ausearch -i` prints with strftime("%x %T"), whose date part
// follows the locale: 05/31/2015 or 05/31/15 (en_US, C), 31.05.2015 (de_DE and
// the like), 2015-05-31 (ISO locales).

const STAMP = /audit\(([^)]{1,64})\)/;
const RAW = /^(\d{1,12})(?:\.(\d{1,9}))?:\d+$/;
const LOCAL = /^(\d{1,4})([/.-])(\d{1,2})[/.-](\d{1,4}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?:\d+$/;

/** Milliseconds since the epoch of the first `audit(...)` stamp in `text`; null when there is none or it cannot be read. */
export function parseAuditStamp(text: string): number | null {
  const stamp = STAMP.exec(text)?.[1];
  if (stamp === undefined) return null;
  const raw = RAW.exec(stamp);
  if (raw) return Number(raw[1]) * 1000 + fractionToMs(raw[2]);
  const local = LOCAL.exec(stamp);
  if (!local) return null;
  const [, first = '', separator, second = '', third = '', hours = '', minutes = '', seconds = '', fraction] = local;
  const date = localDate(first, separator ?? '', second, third);
  if (!date) return null;
  const time = new Date(date.year, date.month - 1, date.day, Number(hours), Number(minutes), Number(seconds)).getTime();
  return Number.isNaN(time) ? null : time + fractionToMs(fraction);
}

function localDate(first: string, separator: string, second: string, third: string): { year: number; month: number; day: number } | null {
  let parts: { year: number; month: number; day: number };
  if (first.length === 4) parts = { year: Number(first), month: Number(second), day: Number(third) };
  else if (separator === '.') parts = { year: fullYear(third), month: Number(second), day: Number(first) };
  else parts = { year: fullYear(third), month: Number(first), day: Number(second) };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31) return null;
  return parts;
}

/** strftime's %x in the C locale prints two-digit years. */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length <= 2 ? 2000 + year : year;
}

function fractionToMs(fraction: string | undefined): number {
  return fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
}

/** A stamp as ISO 8601 in UTC, the form rules and comments carry. */
export function formatStamp(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
