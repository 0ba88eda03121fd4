import { defineCheck } from '../types.js';
import { NO_PARAMS } from './support/params.js';

/** `no-new-privileges=false` / `no-new-privileges:false`: an explicit opt-out, which the peer's substring match counts as set. */
const EXPLICITLY_OFF = /^no-new-privileges[=:]\s*false$/i;

export const check = defineCheck({
  id: 'no-new-privileges',
  title: 'Containers cannot gain new privileges',
  description:
    'no-new-privileges stops setuid/setgid binaries and file capabilities from raising privileges inside the container, closing the usual path from an application user to root. It must be set to true; no-new-privileges=false is an explicit opt-out, not a setting.',
  severity: 'medium',
  refs: { cis: '5.26', pss: 'restricted/privilege-escalation' },
  fix: {
    run: 'add --security-opt no-new-privileges (and remove any --security-opt no-new-privileges=false)',
    compose: 'security_opt: ["no-new-privileges:true"]',
  },
  params: NO_PARAMS,
  defaults: {},
  evaluate(spec) {
    const { security } = spec;
    if (security.noNewPrivileges) return [];
    const optOut = lastMatching(security.raw, EXPLICITLY_OFF);
    const message = optOut === null ? 'does not set no-new-privileges' : `sets ${optOut}, so processes can gain privileges`;
    return [{ message, evidence: { noNewPrivileges: false, securityOpt: [...security.raw] } }];
  },
});

function lastMatching(options: readonly string[], pattern: RegExp): string | null {
  for (let index = options.length - 1; index >= 0; index--) {
    const option = options[index];
    if (option !== undefined && pattern.test(option)) return option;
  }
  return null;
}
