// The one identity of a finding across runs, shared by SARIF fingerprints,
// baselines (`--baseline`) and run-to-run changes (`harden report`).
import { createHash } from 'node:crypto';
import type { Finding, JsonValue } from '../policy/types.js';
import { parseImageRef } from '../spec/image-ref.js';

/**
 * Identifies "the same problem in the same container" across runs: rule, container
 * name, image repository (tag and digest dropped, since upgrades should not reopen
 * alerts) and the evidence. Never the container id (it changes when the container is
 * re-created) nor the message (free text that may change wording). A daemon finding
 * has no container: an empty name and image, which no container has. In a fleet audit
 * the engine's name is part of it, since two engines may run same-named containers.
 * @param image the container's image reference as the report lists it (`AuditedContainer.image`), or ''.
 */
export function findingIdentity(finding: Finding, image: string): string {
  const repository = parseImageRef(image, null).repository;
  const parts = [finding.ruleId, finding.container?.name ?? '', repository, evidenceKey(finding.evidence)];
  // Appended only when present, so single-engine identities (and SARIF fingerprints) never change.
  if (finding.host !== undefined) parts.push(finding.host);
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

// Full ids inside evidence change on re-create or pull: a `container:<id>` namespace
// target, an image `sha256:<digest>`.
const FULL_ID = /\b[0-9a-f]{64}\b/g;

function evidenceKey(evidence: { [key: string]: JsonValue }): string {
  return JSON.stringify(sortKeys(evidence)).replace(FULL_ID, '<id>');
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key] ?? null);
  return sorted;
}
