// What changed between two runs of `harden report` in the same reports folder:
// open findings matched by their stable identity, so a re-created container (new
// id, same name and image repository) keeps its findings "unchanged".
import type { Finding } from '../policy/types.js';
import { compareFindings } from '../report/findings.js';
import { compareHosts } from '../report/hosts.js';
import { findingIdentity } from '../report/finding-identity.js';
import type { AuditReport, FindingChange, ReportChanges } from '../report/types.js';

interface OpenFinding {
  finding: Finding;
  change: FindingChange;
}

/** Compares `current` with the report of the previous run (folder name `previousRun`). */
export function compareRuns(previous: AuditReport, previousRun: string, current: AuditReport): ReportChanges {
  // Several findings can share an identity (the same rule and evidence in two
  // same-named containers of a fleet), so each previous finding matches at most once.
  const waiting = new Map<string, OpenFinding[]>();
  for (const open of openFindings(previous)) {
    const same = waiting.get(open.change.identity);
    if (same) same.push(open);
    else waiting.set(open.change.identity, [open]);
  }
  const added: OpenFinding[] = [];
  const unchanged: OpenFinding[] = [];
  for (const open of openFindings(current)) {
    const match = waiting.get(open.change.identity)?.pop();
    (match ? unchanged : added).push(open);
  }
  const resolved = [...waiting.values()].flat();
  return {
    previous: { run: previousRun, generatedAt: previous.generatedAt },
    new: sorted(added, current),
    resolved: sorted(resolved, previous),
    unchanged: sorted(unchanged, current),
  };
}

function openFindings(report: AuditReport): OpenFinding[] {
  const imageById = new Map(report.containers.map((container) => [container.id, container.image]));
  return report.findings
    .filter((finding) => !finding.waived)
    .map((finding) => {
      const image = finding.container ? (imageById.get(finding.container.id) ?? '') : '';
      const change: FindingChange = {
        identity: findingIdentity(finding, image),
        ruleId: finding.ruleId,
        severity: finding.severity,
        ...(finding.container ? { container: { name: finding.container.name, image } } : {}),
        ...(finding.host !== undefined ? { host: finding.host } : {}),
        message: finding.message,
      };
      return { finding, change };
    });
}

/**
 * Host by host for a fleet, in its report's host order (every renderer groups a fleet
 * that way), then worst first, then by container, so a list reads like the report's
 * own findings.
 */
function sorted(list: OpenFinding[], from: AuditReport): FindingChange[] {
  const byHost = compareHosts(from);
  return list
    .sort(
      (a, b) =>
        byHost(a.finding, b.finding) ||
        compareFindings(a.finding, b.finding) ||
        (a.change.container?.name ?? '').localeCompare(b.change.container?.name ?? ''),
    )
    .map((open) => open.change);
}
