// Small stand-in checks so loader and evaluator tests do not depend on the real registry.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { collectPolicies } from '../../src/policy/collect.js';
import type { ResolvedPolicy } from '../../src/policy/model.js';
import { resolvePolicy } from '../../src/policy/resolve.js';
import type { AnyCheck } from '../../src/policy/types.js';
import { defineCheck } from '../../src/policy/types.js';

const CAPABILITY_NAMES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_ADMIN',
  'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_ADMIN', 'SYS_CHROOT', 'SYS_PTRACE',
];

const noPrivileged = defineCheck({
  id: 'no-privileged',
  title: 'Containers do not run privileged',
  description: 'A privileged container is root on the host.',
  severity: 'critical',
  refs: { cis: '5.5', pss: 'baseline/privileged' },
  fix: { run: 'drop --privileged', compose: 'privileged: false' },
  params: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  evaluate: (spec) => (spec.privileged ? [{ message: 'runs privileged', evidence: { privileged: true } }] : []),
});

const capabilities = defineCheck<{ allowed: string[] }>({
  id: 'capabilities',
  title: 'Containers add no capabilities beyond an allowed list',
  description: 'Added capabilities widen what root in the container can do to the host.',
  severity: 'high',
  refs: { cis: '5.4' },
  fix: { run: 'remove --cap-add', compose: 'cap_add: []' },
  params: {
    type: 'object',
    additionalProperties: false,
    properties: { allowed: { type: 'array', items: { enum: CAPABILITY_NAMES }, uniqueItems: true } },
  },
  defaults: { allowed: [] },
  evaluate: (spec, params) =>
    spec.capabilities.added
      .filter((name) => !params.allowed.includes(name))
      .map((name) => ({ message: `adds capability ${name}`, evidence: { capability: name } })),
});

const memoryLimit = defineCheck<{ minimumBytes: number; requireReservation: boolean }>({
  id: 'memory-limit',
  title: 'Containers have a memory limit',
  description: 'Without a limit one container can exhaust host memory.',
  severity: 'low',
  refs: { cis: '5.11' },
  fix: { run: 'add --memory', compose: 'mem_limit' },
  params: {
    type: 'object',
    additionalProperties: false,
    properties: { minimumBytes: { type: 'integer', minimum: 0 }, requireReservation: { type: 'boolean' } },
  },
  defaults: { minimumBytes: 0, requireReservation: false },
  evaluate: (spec) => (spec.resources.memory === null ? [{ message: 'has no memory limit', evidence: { memory: null } }] : []),
});

export const fakeChecks: readonly AnyCheck[] = [capabilities, memoryLimit, noPrivileged];

const createdDirs: string[] = [];
afterAll(async () => {
  await Promise.all(createdDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp directory (removed after the test file) with the given files (paths relative to it) written. */
export async function policyDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'harden-policy-'));
  createdDirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** Load refs from `dir` against the fake checks. */
export async function loadFake(dir: string, refs: string[]): Promise<ResolvedPolicy> {
  return resolvePolicy(await collectPolicies(refs, fakeChecks, { cwd: dir, defaultRefs: [] }), fakeChecks);
}

/** The PolicyError message of loading `text` as `file` (and any extra files), or a failure. */
export async function loadError(file: string, text: string, extra: Record<string, string> = {}): Promise<string> {
  const dir = await policyDir({ [file]: text, ...extra });
  try {
    await loadFake(dir, [file]);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${file} loaded without error`);
}
