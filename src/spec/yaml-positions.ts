// YAML files (compose, Kubernetes manifests) as plain values that still know where
// each key was written. Converting the parsed nodes ourselves, rather than with
// toJS(), lets merge keys (`<<: *base`) keep the line of the key that really set a
// value, and keeps positions out of the values themselves: a WeakMap from each map
// or list to its key lines is all a builder needs to point a finding at a line.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';

export type YamlValue = string | number | boolean | null | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

/** A bad compose file or manifest: `file[:line[:column]]: problem`, one line, exit 2. */
export class YamlInputError extends Error {
  override readonly name = 'YamlInputError';
  constructor(
    readonly file: string,
    /** Null for problems with the file as a whole (unreadable, empty). */
    readonly line: number | null,
    problem: string,
    readonly column: number | null = null,
  ) {
    const position = line === null ? '' : `:${line}${column === null ? '' : `:${column}`}`;
    super(`${file}${position}: ${problem}`);
  }
}

// Offsets, turned into lines only when asked: most keys never are.
interface MapLines {
  counter: LineCounter;
  offset: number;
  keys: Map<string, number>;
}
interface ListLines {
  counter: LineCounter;
  offset: number;
  items: number[];
}

function lineAtOffset(counter: LineCounter, offset: number | undefined): number | undefined {
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

const mapLines = new WeakMap<YamlMap, MapLines>();
const listLines = new WeakMap<YamlValue[], ListLines>();

/** Line where a map or list starts (its first key or item). */
export function lineOf(collection: YamlMap | YamlValue[]): number {
  const lines = Array.isArray(collection) ? listLines.get(collection) : mapLines.get(collection);
  return lines === undefined ? 1 : (lineAtOffset(lines.counter, lines.offset) as number);
}

/** Line of `key` in `map` (for a merged key: where the anchor's map wrote it). */
export function keyLine(map: YamlMap, key: string): number | undefined {
  const lines = mapLines.get(map);
  return lines && lineAtOffset(lines.counter, lines.keys.get(key));
}

export function itemLine(list: YamlValue[], index: number): number | undefined {
  const lines = listLines.get(list);
  return lines && lineAtOffset(lines.counter, lines.items[index]);
}

export function isYamlMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface YamlDocumentValue {
  value: YamlValue;
  /** 1-based position of the document in the file. */
  index: number;
  line: number;
}

/** Every non-empty document of a YAML file; syntax errors become one YamlInputError at their position. */
export function parseYamlFile(text: string, file: string): YamlDocumentValue[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  const result: YamlDocumentValue[] = [];
  documents.forEach((document, position) => {
    const [syntaxError] = document.errors;
    if (syntaxError !== undefined) {
      const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
      throw new YamlInputError(file, line, `invalid YAML: ${syntaxError.message.split('\n')[0]}`, col);
    }
    if (document.contents === null) return;
    const converter = new Converter(lineCounter, file);
    const value = converter.convert(document.contents);
    result.push({ value, index: position + 1, line: converter.lineAt(document.contents) });
  });
  return result;
}

const MERGE_KEY = '<<';

class Converter {
  /** Aliased nodes convert once and are shared, so `*a` repeated cannot blow up. */
  private readonly converted = new Map<YamlNode, YamlValue>();
  private readonly anchors = new Map<string, YamlNode>();
  private readonly converting = new Set<YamlNode>();

  constructor(
    private readonly lineCounter: LineCounter,
    private readonly file: string,
  ) {}

  lineAt(node: unknown): number {
    return this.lineCounter.linePos(this.offsetOf(node)).line;
  }

  private offsetOf(node: unknown): number {
    const range = (node as YamlNode | null | undefined)?.range;
    return range ? range[0] : 0;
  }

  convert(node: unknown): YamlValue {
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (target === undefined) throw new YamlInputError(this.file, this.lineAt(node), `invalid YAML: alias *${node.source} refers to no anchor`);
      return this.convert(target);
    }
    // An alias refers to the latest anchor of its name before it, and conversion runs
    // in document order: a map lookup instead of the library's walk of the whole document.
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) this.anchors.set(anchor, node as YamlNode);
    if (isScalar(node)) return scalarValue(node.value);
    if (isMap(node)) return this.cached(node, () => this.convertMap(node));
    if (isSeq(node)) return this.cached(node, () => this.convertSeq(node));
    return null;
  }

  private cached(node: YamlNode, convert: () => YamlValue): YamlValue {
    const known = this.converted.get(node);
    if (known !== undefined) return known;
    if (this.converting.has(node)) throw new YamlInputError(this.file, this.lineAt(node), 'invalid YAML: an alias refers to a collection that contains it');
    this.converting.add(node);
    const value = convert();
    this.converting.delete(node);
    this.converted.set(node, value);
    return value;
  }

  private convertMap(node: YAMLMap): YamlMap {
    const map: YamlMap = Object.create(null) as YamlMap;
    const keys = new Map<string, number>();
    const merges: [YamlValue, unknown][] = [];
    for (const pair of node.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key === MERGE_KEY && (!isScalar(pair.key) || pair.key.type === 'PLAIN')) {
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const source of sources) merges.push([this.convert(source), source]);
        continue;
      }
      map[key] = this.convert(pair.value);
      keys.set(key, this.offsetOf(pair.key));
    }
    // Explicit keys win over merged ones; among merged maps the first listed wins.
    for (const [merged, source] of merges) this.mergeInto(map, keys, merged, source);
    mapLines.set(map, { counter: this.lineCounter, offset: this.offsetOf(node), keys });
    return map;
  }

  private mergeInto(map: YamlMap, keys: Map<string, number>, merged: YamlValue, source: unknown): void {
    // The anchor's map is from this document, so its offsets are too.
    if (!isYamlMap(merged)) throw new YamlInputError(this.file, this.lineAt(source), 'a merge key (<<) must refer to a mapping');
    const lines = mapLines.get(merged);
    for (const key in merged) {
      if (key in map) continue;
      map[key] = merged[key] as YamlValue;
      keys.set(key, lines?.keys.get(key) ?? this.offsetOf(source));
    }
  }

  private convertSeq(node: YAMLSeq): YamlValue[] {
    const list: YamlValue[] = [];
    const items: number[] = [];
    for (const item of node.items) {
      list.push(this.convert(item));
      items.push(this.offsetOf(item));
    }
    listLines.set(list, { counter: this.lineCounter, offset: this.offsetOf(node), items });
    return list;
  }
}

function scalarValue(value: unknown): YamlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}
