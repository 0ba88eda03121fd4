// Typed access to one container's inspect JSON.
// Tolerant of absence (older Engine APIs omit fields; null means "Docker's default"),
// strict on wrong types: a string where an array belongs is a broken file, and
// guessing would hide a risky setting.
import { InspectError, type InspectLocation } from './inspect-error.js';

export type JsonObject = { [key: string]: unknown };

/** A shared read-only stand-in for an absent object, so callers need no null checks. */
export const EMPTY_OBJECT: JsonObject = Object.freeze({}) as JsonObject;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class InspectReader {
  readonly location: InspectLocation;

  constructor(location: InspectLocation) {
    this.location = location;
  }

  fail(field: string, expected: string): never {
    throw new InspectError(this.location, `${field} must be ${expected}`, field);
  }

  // Callers pass the value (`hostConfig.CapAdd`), not the parent and a key: a
  // property read at the call site stays monomorphic, a keyed read in here would not.

  string(value: unknown, field: string, fallback: string): string {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string') this.fail(field, 'a string');
    return value;
  }

  requiredString(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, 'a string');
    return value;
  }

  number(value: unknown, field: string, fallback: number): number {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number') this.fail(field, 'a number');
    return value;
  }

  boolean(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.fail(field, 'true or false');
    return value;
  }

  /** The object, or EMPTY_OBJECT when absent or null. */
  object(value: unknown, field: string): JsonObject {
    if (value === undefined || value === null) return EMPTY_OBJECT;
    if (!isJsonObject(value)) this.fail(field, 'an object or null');
    return value;
  }

  /** The array after checking every item is a string; null when absent or null. */
  stringArray(value: unknown, field: string): string[] | null {
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) this.fail(field, 'an array of strings or null');
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'string') this.fail(field, 'an array of strings or null');
    }
    return value as string[];
  }

  /** The array after checking every item is an object; empty when absent or null. */
  objectArray(value: unknown, field: string): JsonObject[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(field, 'an array of objects or null');
    for (let i = 0; i < value.length; i++) {
      if (!isJsonObject(value[i])) this.fail(`${field}[${i}]`, 'an object');
    }
    return value as JsonObject[];
  }

  /** A `{ name: "value" }` map (labels, sysctls, tmpfs options); empty when absent or null. */
  stringMap(value: unknown, field: string): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (!isJsonObject(value)) this.fail(field, 'an object of strings or null');
    for (const name in value) {
      if (typeof value[name] !== 'string') this.fail(`${field}["${name}"]`, 'a string');
    }
    return value as Record<string, string>;
  }
}
