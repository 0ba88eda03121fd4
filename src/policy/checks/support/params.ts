import type { JsonSchema } from '../../types.js';

/** Params schema of a check that takes no options. */
export const NO_PARAMS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

/** A list of strings where order does not matter and duplicates are a typo. */
export function stringList(description: string, item: JsonSchema = {}): JsonSchema {
  return { type: 'array', description, items: { type: 'string', minLength: 1, ...item }, uniqueItems: true };
}
