// Turns ajv's raw errors (a cascade, with allErrors) into the one problem worth showing, in plain words.
import type { ErrorObject } from 'ajv';
import { fromPointer, toPointer } from './errors.js';
import { PATTERN_MEANINGS } from './schema.js';
import { closestMatch } from './suggest.js';

export interface SchemaProblem {
  pointer: string;
  /** Point at the key (unknown property) rather than the value. */
  at: 'key' | 'value';
  detail: string;
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'not', 'if', 'allOf']);
const ALTERNATIVE_KEYWORDS = new Set(['type', 'const', 'enum']);
const LISTABLE_ENUM_SIZE = 10;

function childPointer(instancePath: string, key: string): string {
  return instancePath + toPointer([key]);
}

/** The pointer the error is really about: the offending key for unknown/missing properties. */
function subjectPointer(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return childPointer(error.instancePath, String(error.params['additionalProperty']));
  }
  if (error.keyword === 'required') return childPointer(error.instancePath, String(error.params['missingProperty']));
  return error.instancePath;
}

function depth(error: ErrorObject): number {
  return fromPointer(subjectPointer(error)).length;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function typeWords(type: string): string[] {
  const words: Record<string, string[]> = {
    array: ['a list'],
    object: ['an object'],
    integer: ['an integer'],
    null: ['null'],
    boolean: ['true', 'false'],
  };
  return words[type] ?? [`a ${type}`];
}

function joinAlternatives(terms: readonly string[]): string {
  if (terms.length <= 1) return terms[0] ?? '';
  return `${terms.slice(0, -1).join(', ')} or ${terms[terms.length - 1]}`;
}

/** What a type/const/enum error accepts, as alternatives to join with "or". */
function acceptedTerms(error: ErrorObject): string[] {
  if (error.keyword === 'type') {
    const types = Array.isArray(error.params['type']) ? (error.params['type'] as string[]) : [String(error.params['type'])];
    return types.flatMap(typeWords);
  }
  if (error.keyword === 'const') return [describeValue(error.params['allowedValue'])];
  const values = (error.params['allowedValues'] as unknown[]) ?? [];
  if (values.length <= LISTABLE_ENUM_SIZE) return [`one of ${values.map(describeValue).join(', ')}`];
  return ['one of the allowed values'];
}

function enumHint(error: ErrorObject): string {
  if (error.keyword !== 'enum') return '';
  const values = ((error.params['allowedValues'] as unknown[]) ?? []).filter((value): value is string => typeof value === 'string');
  if (typeof error.data !== 'string') return '';
  const match = closestMatch(error.data, values);
  return match === null ? '' : `; did you mean ${JSON.stringify(match)}?`;
}

function unknownProperty(error: ErrorObject, checkIdsAt: string | null): string {
  const name = String(error.params['additionalProperty']);
  const known = Object.keys((error.parentSchema?.['properties'] as Record<string, unknown> | undefined) ?? {});
  // The registry decides which keys exist under /checks: they are check ids, not properties.
  const what = error.instancePath === checkIdsAt ? 'check id' : 'property';
  const match = closestMatch(name, known);
  if (match !== null) return `unknown ${what} ${JSON.stringify(name)} (did you mean ${JSON.stringify(match)}?)`;
  if (known.length === 0) return `unknown ${what} ${JSON.stringify(name)} (this object takes no properties)`;
  if (known.length <= LISTABLE_ENUM_SIZE) return `unknown ${what} ${JSON.stringify(name)} (expected ${joinAlternatives(known)})`;
  return `unknown ${what} ${JSON.stringify(name)}`;
}

function describeOne(error: ErrorObject, checkIdsAt: string | null): string {
  const got = ` (got ${describeValue(error.data)})`;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownProperty(error, checkIdsAt);
    case 'required':
      return `missing required property ${JSON.stringify(error.params['missingProperty'])}`;
    case 'type':
    case 'const':
    case 'enum':
      return `must be ${joinAlternatives(acceptedTerms(error))} (got ${describeValue(error.data)}${enumHint(error)})`;
    case 'pattern': {
      const pattern = String(error.params['pattern']);
      return `must be ${PATTERN_MEANINGS[pattern] ?? `text matching ${pattern}`}${got}`;
    }
    case 'minLength':
      return error.params['limit'] === 1 ? 'must not be empty' : `must be at least ${String(error.params['limit'])} characters long${got}`;
    case 'minItems':
      return error.params['limit'] === 1 ? 'must not be an empty list' : `must have at least ${String(error.params['limit'])} items`;
    case 'uniqueItems':
      return `must not repeat a value (items ${String(error.params['j'])} and ${String(error.params['i'])} are both ${describeValue((error.data as unknown[])[Number(error.params['i'])])})`;
    default:
      return `${error.message ?? 'is invalid'}${error.data !== undefined && typeof error.data !== 'object' ? got : ''}`;
  }
}

/**
 * The most relevant error of a cascade: the deepest one (for anyOf/oneOf, the branch that got
 * furthest). When several alternatives fail at that same spot (`true`, `"off"` or an object),
 * they are merged into one "must be A, B or C".
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], options: { checkIdsAt?: string } = {}): SchemaProblem {
  const checkIdsAt = options.checkIdsAt ?? null;
  if (errors.length === 0) return { pointer: '', at: 'value', detail: 'does not match the policy schema' };
  const maxDepth = Math.max(...errors.map(depth));
  const deepest = errors.filter((error) => depth(error) === maxDepth);
  const specific = deepest.filter((error) => !COMBINATORS.has(error.keyword));
  const candidates = specific.length > 0 ? specific : deepest;
  const pointer = subjectPointer(candidates[0] as ErrorObject);
  const sameSpot = candidates.filter((error) => subjectPointer(error) === pointer);
  // A branch whose type matched but that failed on something else (minItems, pattern...) got further.
  const furthest = sameSpot.filter((error) => !ALTERNATIVE_KEYWORDS.has(error.keyword));
  const first = (furthest[0] ?? sameSpot[0]) as ErrorObject;
  const at = first.keyword === 'additionalProperties' ? 'key' : 'value';
  if (furthest.length === 0 && sameSpot.length > 1) {
    const terms = [...new Set(sameSpot.flatMap(acceptedTerms))];
    const hint = sameSpot.map(enumHint).find((text) => text !== '') ?? '';
    return { pointer, at, detail: `must be ${joinAlternatives(terms)} (got ${describeValue(first.data)}${hint})` };
  }
  // A missing property is reported on the object that lacks it.
  if (first.keyword === 'required') return { pointer: first.instancePath, at, detail: describeOne(first, checkIdsAt) };
  return { pointer, at, detail: describeOne(first, checkIdsAt) };
}
