import type { LoadedPolicy } from './collect.js';
import { toPointer } from './errors.js';
import type { ResolvedWaiver, WaiverSpec } from './model.js';
import { compileGlobAt } from './scope.js';
import type { PolicySource } from './source.js';
import { errorAt } from './source.js';
import { didYouMean } from './suggest.js';
import { getDaemonCheck } from '../daemon/checks/index.js';

/** True for a YYYY-MM-DD string naming a day that exists (no 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function resolveWaiver(waiver: WaiverSpec, source: PolicySource, pointer: string, knownIds: ReadonlySet<string>): ResolvedWaiver {
  if (getDaemonCheck(waiver.check) !== undefined) {
    throw errorAt(
      source,
      `${pointer}/check`,
      `${JSON.stringify(waiver.check)} is a daemon check: waivers name containers or images, so it cannot be waived; turn it off (checks: { ${waiver.check}: false }) or lower its severity`,
    );
  }
  if (!knownIds.has(waiver.check)) {
    throw errorAt(source, `${pointer}/check`, `unknown check id ${JSON.stringify(waiver.check)}${didYouMean(waiver.check, knownIds)}`);
  }
  if (waiver.container === undefined && waiver.image === undefined) {
    throw errorAt(source, pointer, 'a waiver must name a "container" glob, an "image" glob, or both (waivers are never global)');
  }
  if (!isCalendarDate(waiver.expires)) {
    throw errorAt(source, `${pointer}/expires`, `must be a real calendar date (got ${JSON.stringify(waiver.expires)})`);
  }
  return {
    status: {
      check: waiver.check,
      ...(waiver.container === undefined ? {} : { container: waiver.container }),
      ...(waiver.image === undefined ? {} : { image: waiver.image }),
      reason: waiver.reason,
      owner: waiver.owner,
      expires: waiver.expires,
      policy: source.file,
    },
    container: waiver.container === undefined ? null : compileGlobAt(waiver.container, source, `${pointer}/container`),
    image: waiver.image === undefined ? null : compileGlobAt(waiver.image, source, `${pointer}/image`),
  };
}

/** Validate and compile every waiver, in declaration order across policies. */
export function resolveWaivers(loaded: readonly LoadedPolicy[], knownIds: ReadonlySet<string>): ResolvedWaiver[] {
  return loaded.flatMap(({ source, document }) =>
    (document.waivers ?? []).map((waiver, index) => resolveWaiver(waiver, source, toPointer(['waivers', index]), knownIds)),
  );
}
