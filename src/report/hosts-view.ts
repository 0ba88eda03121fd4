// The daemon and fleet parts of the HTML and Markdown view: engines of a fleet with
// their reachability, and daemon findings per engine.
import { indexRules } from './findings.js';
import { daemonLabel, groupDaemonFindings } from './hosts.js';
import type { AuditReport } from './types.js';
import { toFindingView, type FindingView } from './view-model.js';

export interface HostView {
  name: string;
  host: string;
  reachable: boolean;
  engine: string;
  error: string;
}

export interface DaemonGroupView {
  /** `daemon`, or `web-1 (daemon)` in a fleet report. */
  label: string;
  findings: FindingView[];
  hasFindings: boolean;
}

export interface HostsView {
  /** Fleet reports only; empty otherwise. */
  hosts: HostView[];
  daemonGroups: DaemonGroupView[];
}

export function buildHostsView(report: AuditReport): HostsView {
  const rules = indexRules(report);
  return {
    hosts: (report.hosts ?? []).map((host) => ({
      name: host.name,
      host: host.host,
      reachable: host.reachable,
      engine: host.engineVersion ? `Docker ${host.engineVersion}` : '',
      error: host.error ?? '',
    })),
    daemonGroups: groupDaemonFindings(report).map(({ host, findings }) => {
      const views = findings.filter((finding) => !finding.waived).map((finding) => toFindingView(finding, rules, report.failOn));
      return { label: host === null ? 'daemon' : daemonLabel(host), findings: views, hasFindings: views.length > 0 };
    }),
  };
}
