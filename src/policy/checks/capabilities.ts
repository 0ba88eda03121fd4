import { ALL_CAPABILITIES, DOCKER_DEFAULT_CAPABILITIES, normalizeCapabilityName } from '../../spec/capabilities.js';
import { defineCheck } from '../types.js';
import { cachedSet } from './support/lists.js';
import { stringList } from './support/params.js';

interface Params {
  allowed: string[];
}

export const check = defineCheck<Params>({
  id: 'capabilities',
  title: 'Containers have no capabilities beyond the allowed set',
  description:
    'Each capability is a slice of root: SYS_ADMIN alone is close to full root, NET_ADMIN rewrites host networking when combined with the host network, NET_RAW allows spoofing on the bridge. The check looks at the effective set (defaults plus --cap-add minus --cap-drop, or everything when privileged), not at the flags.',
  severity: 'high',
  refs: { cis: '5.4', pss: 'baseline/capabilities, restricted/capabilities' },
  fix: {
    run: 'add --cap-drop ALL and re-add only what it needs with --cap-add (e.g. --cap-add NET_BIND_SERVICE); drop --privileged',
    compose: 'cap_drop: [ALL] and cap_add: with only the needed capabilities',
  },
  params: {
    type: 'object',
    properties: {
      allowed: stringList(
        'Capabilities a container may have: Linux capability names in upper case, with or without the CAP_ prefix. Default: Docker\'s default set; PSS restricted allows only NET_BIND_SERVICE.',
        // An enum, not a pattern, so a typo such as SYS_ADMN is a load error with a suggestion.
        { enum: [...ALL_CAPABILITIES, ...ALL_CAPABILITIES.map((name) => `CAP_${name}`)] },
      ),
    },
    additionalProperties: false,
  },
  defaults: { allowed: [...DOCKER_DEFAULT_CAPABILITIES] },
  evaluate(spec, params) {
    const allowed = cachedSet(params.allowed, normalizeCapabilityName);
    const extra = spec.capabilities.effective.filter((name) => !allowed.has(name));
    if (extra.length === 0 && !spec.privileged) return [];
    // Privileged grants every capability whatever the effective list says.
    const message = spec.privileged
      ? 'has every capability because it runs privileged'
      : `has capabilities beyond the allowed set: ${extra.join(', ')}${spec.capabilities.added.includes('ALL') ? ' (--cap-add ALL)' : ''}`;
    return [
      {
        message,
        evidence: {
          beyondAllowed: extra,
          added: [...spec.capabilities.added],
          dropped: [...spec.capabilities.dropped],
          privileged: spec.privileged,
        },
      },
    ];
  },
});
