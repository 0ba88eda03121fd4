// The five "host namespace not shared" checks differ only in which namespace they
// read and how they word it; this builds one from those facts.
import type { Namespaces } from '../../../spec/types.js';
import { defineCheck, type CheckDefinition, type CheckReferences, type CheckRemediation, type Severity } from '../../types.js';
import { namespaceEvidence } from './evidence.js';
import { NO_PARAMS } from './params.js';

export interface HostNamespaceCheckFacts {
  id: string;
  namespace: keyof Namespaces;
  title: string;
  description: string;
  severity: Severity;
  refs: CheckReferences;
  fix: CheckRemediation;
  /** The run flag that produced it, quoted in the message, e.g. `--pid host`. */
  flag: string;
  /** Human name of the namespace, e.g. `PID`. */
  label: string;
}

export function defineHostNamespaceCheck(facts: HostNamespaceCheckFacts): CheckDefinition {
  const message = `shares the host's ${facts.label} namespace (${facts.flag})`;
  return defineCheck({
    id: facts.id,
    title: facts.title,
    description: facts.description,
    severity: facts.severity,
    refs: facts.refs,
    fix: facts.fix,
    params: NO_PARAMS,
    defaults: {},
    evaluate(spec) {
      const setting = spec.namespaces[facts.namespace];
      if (setting.mode !== 'host') return [];
      return [{ message, evidence: { namespace: facts.namespace, ...namespaceEvidence(setting) } }];
    },
  });
}
