// Policy parameters arrive as arrays; checks need them normalized (and sometimes as
// sets). Parameter arrays are created once per loaded policy and reused for every
// container, so caching the derived values by array identity keeps evaluate() free
// of per-call allocation.

type Normalizer = (value: string) => string;

const listCache = new WeakMap<readonly string[], Map<Normalizer, readonly string[]>>();
const setCache = new WeakMap<readonly string[], ReadonlySet<string>>();

export function cachedList(values: readonly string[], normalize: Normalizer): readonly string[] {
  let byNormalizer = listCache.get(values);
  if (byNormalizer === undefined) {
    byNormalizer = new Map();
    listCache.set(values, byNormalizer);
  }
  let list = byNormalizer.get(normalize);
  if (list === undefined) {
    list = values.map(normalize);
    byNormalizer.set(normalize, list);
  }
  return list;
}

export function cachedSet(values: readonly string[], normalize: Normalizer = identity): ReadonlySet<string> {
  const list = cachedList(values, normalize);
  let set = setCache.get(list);
  if (set === undefined) {
    set = new Set(list);
    setCache.set(list, set);
  }
  return set;
}

export function identity(value: string): string {
  return value;
}
