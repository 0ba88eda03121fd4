// The finding a fleet audit reports for an engine it could not audit.
import { EngineError } from '../engine/errors.js';
import type { Finding } from '../policy/types.js';
import type { RuleInfo } from '../report/types.js';
import type { FleetHost } from './fleet-file.js';

export const UNREACHABLE_RULE: RuleInfo = {
  id: 'engine-unreachable',
  title: 'Every engine of the fleet can be audited',
  description:
    'An engine harden cannot reach was not audited at all: its containers and daemon may hold any problem. Start it, or fix its host URL or TLS files in the fleet file.',
  severity: 'high',
  refs: {},
  remediation: {
    run: 'start dockerd on the host (systemctl start docker), or correct the host URL in the fleet file',
    compose: 'check "hosts" and the TLS files ("tlsverify", "tlscacert", "tlscert", "tlskey") match the fleet entry',
  },
  scope: 'daemon',
};

export function unreachableFinding(entry: FleetHost, error: Error): Finding {
  const { id, severity, remediation } = UNREACHABLE_RULE;
  return {
    ruleId: id,
    severity,
    scope: 'daemon',
    host: entry.name,
    message: `could not be audited: ${error.message}`,
    // The reason's kind, not its text: the same outage must stay the same finding.
    evidence: { host: entry.host, reason: error instanceof EngineError ? error.kind : 'error' },
    remediation,
    waived: false,
  };
}
