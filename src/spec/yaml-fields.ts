// Typed reads of YAML values for the compose and Kubernetes builders. A value of the
// wrong shape is a one-line error at the line of its key, naming what was expected.
import { isYamlMap, itemLine, keyLine, lineOf, YamlInputError, type YamlMap, type YamlValue } from './yaml-positions.js';

type Container = YamlMap | YamlValue[];

const GO_TRUE = new Set(['true', 'True', 'TRUE']);
const GO_FALSE = new Set(['false', 'False', 'FALSE']);

export class FieldReader {
  constructor(
    readonly file: string,
    /** What is being read, for messages: `service "web"`, `Deployment/api container "app"`. */
    readonly context: string,
  ) {}

  within(context: string): FieldReader {
    return new FieldReader(this.file, context);
  }

  /** Line of `key` in `parent`, or of the parent itself when the key is absent. */
  line(parent: Container, key: string | number): number {
    const line = typeof key === 'number' && Array.isArray(parent) ? itemLine(parent, key) : isYamlMap(parent as YamlValue) ? keyLine(parent as YamlMap, String(key)) : undefined;
    return line ?? lineOf(parent);
  }

  fail(parent: Container, key: string | number, problem: string): never {
    throw new YamlInputError(this.file, this.line(parent, key), `${this.context}: ${problem}`);
  }

  expected(parent: Container, key: string | number, expected: string, value: YamlValue | undefined): never {
    const name = typeof key === 'number' ? `item ${key + 1}` : key;
    return this.fail(parent, key, `${name} must be ${expected}, got ${describe(value)}`);
  }

  /** Strings; numbers and booleans are read as their text (YAML `1.25` as an image tag). */
  string(parent: YamlMap, key: string): string | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.expected(parent, key, 'a string', value);
  }

  /** Booleans, also as the strings compose accepts for interpolated values. */
  boolean(parent: YamlMap, key: string): boolean | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && GO_TRUE.has(value)) return true;
    if (typeof value === 'string' && GO_FALSE.has(value)) return false;
    return this.expected(parent, key, 'true or false', value);
  }

  /** Numbers, also written as strings. */
  number(parent: YamlMap, key: string): number | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) return this.expected(parent, key, 'a number', value);
    return number;
  }

  map(parent: YamlMap, key: string): YamlMap | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (isYamlMap(value)) return value;
    return this.expected(parent, key, 'a mapping', value);
  }

  list(parent: YamlMap, key: string): YamlValue[] | undefined {
    const value = parent[key];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    return this.expected(parent, key, 'a list', value);
  }

  /** A list of strings (numbers read as text). */
  stringList(parent: YamlMap, key: string): string[] | undefined {
    const list = this.list(parent, key);
    if (list === undefined) return undefined;
    return list.map((item, index) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number') return String(item);
      return this.expected(list, index, `a string in ${key}`, item);
    });
  }

  /** A list item that must be a mapping. */
  itemMap(list: YamlValue[], index: number, what: string): YamlMap {
    const item = list[index];
    if (isYamlMap(item)) return item;
    return this.expected(list, index, what, item);
  }
}

function describe(value: YamlValue | undefined): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
