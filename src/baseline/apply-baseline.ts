// `harden audit --baseline FILE [--update-baseline]`: marks every unwaived finding as
// in the baseline or new, so the exit code (and FAIL/PASS in the reports) counts only
// new ones while baseline findings stay visible.
import { findingIdentity } from '../report/finding-identity.js';
import type { AuditReport } from '../report/types.js';
import { baselineFromReport, imageOf, readBaseline, writeBaseline, type BaselineEntry, type BaselineFile } from './baseline-file.js';

export interface BaselineComparison {
  /** Unwaived findings whose identity is in the baseline. */
  known: number;
  /** Unwaived findings that are not: the ones that can fail the run. */
  new: number;
  /** Baseline entries no current finding matches (fixed, or the container is gone). */
  stale: BaselineEntry[];
}

/**
 * Sets `inBaseline` on each unwaived finding of the report (in place): true when its
 * identity is in the baseline, false when it is new. Waived findings are left alone:
 * a waiver applies (and expires) whether or not the finding is in the baseline.
 */
export function markBaseline(report: AuditReport, baseline: BaselineFile): BaselineComparison {
  const known = new Set(baseline.findings.map((entry) => entry.identity));
  const seen = new Set<string>();
  const image = imageOf(report);
  let knownCount = 0;
  let newCount = 0;
  for (const finding of report.findings) {
    if (finding.waived) continue;
    const identity = findingIdentity(finding, image(finding));
    finding.inBaseline = known.has(identity);
    if (finding.inBaseline) {
      knownCount++;
      seen.add(identity);
    } else {
      newCount++;
    }
  }
  return { known: knownCount, new: newCount, stale: baseline.findings.filter((entry) => !seen.has(entry.identity)) };
}

export interface BaselineOptions {
  file: string;
  /** Write the report's findings as the new baseline (so every current finding is in it). */
  update: boolean;
}

/** A `--baseline` read before the audit starts, so a missing or broken file fails fast (exit 2). */
export interface OpenBaseline {
  /** Marks the report (writing the baseline first with `update`); returns one line for stderr. */
  apply(report: AuditReport): Promise<string>;
}

export async function openBaseline(options: BaselineOptions): Promise<OpenBaseline> {
  if (options.update) {
    return {
      async apply(report) {
        const baseline = baselineFromReport(report);
        await writeBaseline(options.file, baseline);
        markBaseline(report, baseline);
        return `baseline: wrote ${baseline.findings.length} finding(s) to ${options.file}`;
      },
    };
  }
  const baseline = await readBaseline(options.file);
  return {
    async apply(report) {
      const comparison = markBaseline(report, baseline);
      const count = comparison.stale.length;
      const stale = count > 0 ? `; ${count} baseline entr${count === 1 ? 'y' : 'ies'} no longer found (prune with --update-baseline)` : '';
      return `baseline ${options.file}: ${comparison.new} new finding(s), ${comparison.known} in the baseline${stale}`;
    },
  };
}
