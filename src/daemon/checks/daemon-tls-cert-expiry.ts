import type { CheckResult } from '../../policy/types.js';
import { defineDaemonCheck } from '../types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ROLE_NAMES = { 'tls-ca': 'TLS CA certificate', 'tls-cert': 'TLS server certificate' } as const;

export const check = defineDaemonCheck<{ warnDays: number }>({
  id: 'daemon-tls-cert-expiry',
  title: 'The daemon TLS certificates are not about to expire',
  description:
    'When the server or CA certificate expires, every TLS client is refused: the fleet becomes unmanageable and people are tempted to fall back to plain TCP. Renew before the last weeks.',
  severity: 'medium',
  refs: {},
  fix: {
    dockerd: 'renew the --tlscert (and, near its end, the --tlscacert) files: harden tls renew DIR, then restart dockerd',
    daemonJson: 'renew the files "tlscert" and "tlscacert" name: harden tls renew DIR, then restart dockerd',
  },
  params: {
    type: 'object',
    properties: { warnDays: { type: 'integer', minimum: 1, description: 'Report certificates that expire within this many days.' } },
    additionalProperties: false,
  },
  defaults: { warnDays: 30 },
  evaluate(facts, params) {
    const now = Date.parse(facts.checkedAt);
    return (facts.local?.certificates ?? []).flatMap((certificate): CheckResult[] => {
      const left = Date.parse(certificate.notAfter) - now;
      if (left >= params.warnDays * DAY_MS) return [];
      const what = `${ROLE_NAMES[certificate.role]} ${certificate.path}`;
      const days = Math.floor(Math.abs(left) / DAY_MS);
      const message = left <= 0 ? `${what} expired ${days} day(s) ago (${certificate.notAfter})` : `${what} expires in ${days} day(s) (${certificate.notAfter})`;
      // No day count in the evidence: the finding must stay the same finding from day to day.
      return [{ message, evidence: { path: certificate.path, role: certificate.role, notAfter: certificate.notAfter, expired: left <= 0 } }];
    });
  },
});
