import { defineCheck, type CheckResult } from '../types.js';
import { namespaceEvidence } from './support/evidence.js';

type SharableNamespace = 'network' | 'pid' | 'ipc';

interface Params {
  namespaces: SharableNamespace[];
}

const WHAT_IT_SEES: Record<SharableNamespace, string> = {
  pid: 'and can see and signal its processes',
  ipc: 'and can use its shared memory',
  network: 'and can reach its localhost services and traffic',
};

export const check = defineCheck<Params>({
  id: 'shared-namespaces',
  title: "Containers do not join other containers' namespaces",
  description:
    "A container joined to another container's PID namespace sees and can signal (with SYS_PTRACE, trace) that container's processes; a shared IPC namespace shares its memory segments; a shared network namespace shares its localhost services. It breaks the isolation between the two containers, so each such link should be deliberate.",
  severity: 'low',
  refs: {},
  fix: {
    run: 'remove --pid container:NAME, --ipc container:NAME or --network container:NAME, or confirm the pair is meant to share',
    compose: 'remove pid: "service:NAME" / "container:NAME", ipc: "container:NAME" or network_mode: "service:NAME" / "container:NAME"',
  },
  params: {
    type: 'object',
    properties: {
      namespaces: {
        type: 'array',
        description: 'Which namespaces to check for sharing (default: network, pid, ipc).',
        items: { type: 'string', enum: ['network', 'pid', 'ipc'] },
        uniqueItems: true,
      },
    },
    additionalProperties: false,
  },
  defaults: { namespaces: ['network', 'pid', 'ipc'] },
  evaluate(spec, params) {
    const results: CheckResult[] = [];
    for (const namespace of params.namespaces) {
      const setting = spec.namespaces[namespace];
      if (setting.mode !== 'container') continue;
      const label = namespace === 'network' ? 'network' : namespace.toUpperCase();
      results.push({
        message: `joins the ${label} namespace of container ${setting.target ?? setting.raw} ${WHAT_IT_SEES[namespace]}`,
        evidence: { namespace, ...namespaceEvidence(setting) },
      });
    }
    return results;
  },
});
