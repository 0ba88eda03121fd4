// Kubernetes resource quantities (`128Mi`, `1G`, `500m`, `1e9`, `0.5`) as numbers.
const SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The quantity's value in base units (bytes, cores), or null when it is not a quantity. */
export function parseQuantity(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const match = QUANTITY.exec(value.trim());
  if (match === null) return null;
  const number = Number(match[1]);
  if (match[2] !== undefined) return number * 10 ** Number(match[2]);
  return number * (SUFFIXES[match[3] ?? ''] as number);
}
