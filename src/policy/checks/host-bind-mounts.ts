import { normalizeHostPath } from '../../spec/host-paths.js';
import { compileGlobs } from '../glob.js';
import { defineCheck, type CheckResult } from '../types.js';
import { describeHostMount, mountEvidence } from './support/evidence.js';
import { stringList } from './support/params.js';

interface Params {
  allowedPaths: string[];
}

/** A glob whose `[` classes are all closed (what the policy glob compiler accepts). */
const BALANCED_GLOB = '^(?:[^\\[]|\\[!?\\]?[^\\]]*\\])*$';

const NOTHING = /(?!)/;
const compiled = new WeakMap<readonly string[], RegExp>();

function allowedPathsMatcher(globs: readonly string[]): RegExp {
  let matcher = compiled.get(globs);
  if (matcher === undefined) {
    matcher = globs.length === 0 ? NOTHING : compileGlobs(globs);
    compiled.set(globs, matcher);
  }
  return matcher;
}

export const check = defineCheck<Params>({
  id: 'host-bind-mounts',
  title: 'Containers use no host-path (bind) mounts',
  description:
    'Every bind mount ties the container to a host directory it can read (and often write) outside its own filesystem, which is how most container-to-host tampering starts. In the spirit of PSS restricted, data lives in named volumes or tmpfs; the few host paths a workload truly needs are listed in allowedPaths.',
  severity: 'medium',
  refs: { pss: 'restricted/volume-types' },
  fix: {
    run: 'replace -v /host/path:/path (or --mount type=bind) with a named volume (-v NAME:/path) or --tmpfs /path',
    compose: 'replace host-path entries under volumes: with named volumes declared under the top-level volumes: key, or tmpfs:',
  },
  params: {
    type: 'object',
    properties: {
      allowedPaths: stringList(
        'Host path globs that may be bind-mounted: "*" matches any run of characters (including "/"), "?" one character, [abc] a class; anchored and case-sensitive. E.g. /srv/app-data/*.',
        { pattern: BALANCED_GLOB },
      ),
    },
    additionalProperties: false,
  },
  defaults: { allowedPaths: [] },
  evaluate(spec, params) {
    const results: CheckResult[] = [];
    for (const mount of spec.mounts) {
      if (mount.hostPath === null) continue;
      const hostPath = normalizeHostPath(mount.hostPath);
      if (allowedPathsMatcher(params.allowedPaths).test(hostPath)) continue;
      results.push({ message: describeHostMount(hostPath, mount), evidence: { mount: mountEvidence(mount) } });
    }
    return results;
  },
});
