// `harden audit FILE...`: compose files and Kubernetes manifests -> ContainerSpecs.
// A file is a compose file when its one document has a top-level `services` mapping,
// and a manifest when every document has apiVersion and kind.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ContainerSpec } from '../spec/types.js';
import type { AuditTarget, SkippedContainer } from '../report/types.js';
import { parseYamlFile, YamlInputError } from '../spec/yaml-positions.js';
import { isComposeDocument, specsFromCompose } from '../spec/compose.js';
import { isKubernetesDocument, specsFromKubernetes } from '../spec/kubernetes.js';
import { describeFsError } from '../util/fs-errors.js';

export interface FileSpecs {
  target: AuditTarget;
  specs: ContainerSpec[];
  /** Kubernetes objects that are not workloads. */
  skipped: SkippedContainer[];
}

/**
 * Every file is shown (in messages, ids and finding locations) relative to the
 * working directory when it lies below it, which is how code scanning maps a SARIF
 * location onto the repository; other files keep their absolute path.
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  const fromCwd = relative(cwd, absolute);
  const shown = fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
  return shown.split(sep).join('/');
}

export function collectFromFiles(paths: readonly string[], cwd: string = process.cwd()): FileSpecs {
  const specs: ContainerSpec[] = [];
  const skipped: SkippedContainer[] = [];
  const kinds = new Set<'compose' | 'kubernetes'>();
  const shown: string[] = [];
  for (const path of paths) {
    const file = displayPath(path, cwd);
    shown.push(file);
    const absolute = resolve(cwd, path);
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      throw new YamlInputError(file, null, `cannot read (${describeFsError(error)}); expected a compose file or a Kubernetes manifest`);
    }
    const documents = parseYamlFile(text, file);
    const first = documents[0];
    if (first === undefined) throw new YamlInputError(file, null, 'is empty; expected a compose file or a Kubernetes manifest');
    if (isComposeDocument(first.value)) {
      if (documents.length > 1) throw new YamlInputError(file, documents[1]?.line ?? 1, 'a compose file holds one YAML document');
      kinds.add('compose');
      for (const spec of specsFromCompose(first, file, absolute)) specs.push(spec);
      continue;
    }
    if (!isKubernetesDocument(first.value)) {
      throw new YamlInputError(file, first.line, 'is neither a compose file (a top-level services mapping) nor a Kubernetes manifest (apiVersion and kind)');
    }
    kinds.add('kubernetes');
    const manifest = specsFromKubernetes(documents, file);
    for (const spec of manifest.specs) specs.push(spec);
    for (const object of manifest.skipped) skipped.push(object);
  }
  const kind: AuditTarget['kind'] = kinds.size === 1 ? ([...kinds][0] as 'compose' | 'kubernetes') : 'files';
  return { target: { kind, host: shown.join(', '), engineVersion: null, apiVersion: null }, specs, skipped };
}
