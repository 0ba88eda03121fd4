import { defineCheck } from '../types.js';

interface Params {
  allowCustom: boolean;
}

export const check = defineCheck<Params>({
  id: 'seccomp-unconfined',
  title: 'Containers run with a seccomp profile',
  description:
    "Docker's default seccomp profile blocks about 44 system calls (keyctl, bpf, mount in new namespaces, kernel module loading) that most kernel exploits and escapes need. seccomp=unconfined removes it, and so does --privileged.",
  severity: 'high',
  refs: { cis: '5.22', pss: 'baseline/seccomp' },
  fix: {
    run: 'remove --security-opt seccomp=unconfined (and --privileged); if a call is missing, pass an adjusted profile with --security-opt seccomp=PROFILE.json',
    compose: 'remove seccomp:unconfined from security_opt: (and privileged: true)',
  },
  params: {
    type: 'object',
    properties: {
      allowCustom: {
        type: 'boolean',
        description: "Accept a custom seccomp profile (default true, like PSS's Localhost profiles); false requires Docker's default profile.",
      },
    },
    additionalProperties: false,
  },
  defaults: { allowCustom: true },
  evaluate(spec, params) {
    const { seccomp } = spec.security;
    // Privileged first: it is the cause even when the spec also reads unconfined.
    if (spec.privileged) {
      return [{ message: 'runs without seccomp filtering because it runs privileged', evidence: { seccomp: { mode: seccomp.mode, profile: seccomp.profile }, privileged: true } }];
    }
    if (seccomp.mode === 'unconfined') {
      return [{ message: 'runs without seccomp filtering (seccomp=unconfined)', evidence: { seccomp: { mode: seccomp.mode, profile: seccomp.profile }, privileged: false } }];
    }
    if (seccomp.mode === 'custom' && !params.allowCustom) {
      return [
        {
          message: `uses the custom seccomp profile ${seccomp.profile ?? '(unnamed)'} instead of Docker's default profile`,
          evidence: { seccomp: { mode: seccomp.mode, profile: seccomp.profile } },
        },
      ];
    }
    return [];
  },
});
