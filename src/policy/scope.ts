// Compiles policy scopes and waiver targets into matchers once, at load time.
import type { ContainerSpec } from '../spec/types.js';
import { toPointer } from './errors.js';
import { compileGlob, compileGlobs, InvalidGlobError } from './glob.js';
import type { ScopeSpec, SelectorSpec } from './model.js';
import type { PolicySource } from './source.js';
import { errorAt } from './source.js';

type SpecMatcher = (spec: ContainerSpec) => boolean;

function invalidGlob(source: PolicySource, pointer: string, error: InvalidGlobError): Error {
  return errorAt(source, pointer, `invalid glob ${JSON.stringify(error.pattern)}: ${error.reason}`);
}

/** Compile one glob, reporting an invalid one at `pointer`. */
export function compileGlobAt(glob: string, source: PolicySource, pointer: string): RegExp {
  try {
    return compileGlob(glob);
  } catch (error) {
    if (error instanceof InvalidGlobError) throw invalidGlob(source, pointer, error);
    throw error;
  }
}

function compileGlobListAt(globs: readonly string[], source: PolicySource, pointer: string): RegExp {
  // Validate one by one first so the error points at the bad entry.
  globs.forEach((glob, index) => compileGlobAt(glob, source, `${pointer}${toPointer([index])}`));
  return compileGlobs(globs);
}

/** Null when the selector has no keys. */
function compileSelector(selector: SelectorSpec | undefined, source: PolicySource, pointer: string): SpecMatcher | null {
  if (selector === undefined) return null;
  const names = selector.names ? compileGlobListAt(selector.names, source, `${pointer}/names`) : null;
  const images = selector.images ? compileGlobListAt(selector.images, source, `${pointer}/images`) : null;
  const labels = Object.entries(selector.labels ?? {}).map(
    ([key, glob]) => [key, compileGlobAt(glob, source, `${pointer}/labels${toPointer([key])}`)] as const,
  );
  if (names === null && images === null && labels.length === 0) return null;
  return (spec) =>
    (names === null || names.test(spec.name)) &&
    (images === null || images.test(spec.image.ref)) &&
    labels.every(([key, value]) => Object.hasOwn(spec.labels, key) && value.test(spec.labels[key] as string));
}

/**
 * A scope matcher, or null when the scope selects every container.
 * An empty `exclude` excludes nothing (rather than everything).
 */
export function compileScope(scope: ScopeSpec | undefined, source: PolicySource, pointer: string): SpecMatcher | null {
  if (scope === undefined) return null;
  const include = compileSelector(scope, source, pointer);
  const exclude = compileSelector(scope.exclude, source, `${pointer}/exclude`);
  if (exclude === null) return include;
  if (include === null) return (spec) => !exclude(spec);
  return (spec) => include(spec) && !exclude(spec);
}
