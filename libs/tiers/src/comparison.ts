/** Comparisons and band lookup shared by the evaluator and its display text. */
import type { Band, Comparison } from './rule-types.js';

/** Float noise from yuan → ratio division must not drop a firm out of a band it sits on. */
export const tol = (edge: number): number => 1e-12 * Math.max(1, Math.abs(edge));

/** `v op t` with a tolerance for float noise; booleans only compare with `==`. */
export function compare(v: number | boolean, op: Comparison, t: number | boolean): boolean {
  if (typeof v === 'boolean' || typeof t === 'boolean') return op === '==' ? v === t : false;
  switch (op) {
    case '>=':
      return v >= t - tol(t);
    case '>':
      return v > t + tol(t);
    case '<=':
      return v <= t + tol(t);
    case '<':
      return v < t - tol(t);
    case '==':
      return Math.abs(v - t) <= tol(t);
  }
}

/** Points of the first band whose bounds hold (0 when none). */
export function bandPoints(bands: readonly Band[], v: number | boolean): number {
  for (const b of bands) {
    if (b.is !== undefined) {
      if (v === b.is) return b.points;
      continue;
    }
    if (typeof v === 'boolean') continue;
    if (b.min !== undefined && !compare(v, '>=', b.min)) continue;
    if (b.max !== undefined && !compare(v, '<=', b.max)) continue;
    return b.points;
  }
  return 0;
}

const edgeCache = new WeakMap<readonly Band[], number[]>();

/** Numeric edges of a band table (memoised: tables are static data). */
export function bandEdges(bands: readonly Band[]): number[] {
  let edges = edgeCache.get(bands);
  if (!edges) {
    edges = bands.flatMap((b) => [b.min, b.max]).filter((e): e is number => e !== undefined);
    edgeCache.set(bands, edges);
  }
  return edges;
}

/** Whether a value sits exactly on a band edge of a money or ratio table (where 以上/以下 matters). */
export function onEdge(unit: string, bands: readonly Band[], v: number | boolean | undefined): boolean {
  if (typeof v !== 'number' || (unit !== 'ratio' && unit !== 'yuan')) return false;
  for (const b of bands) {
    if (b.min !== undefined && Math.abs(v - b.min) <= tol(b.min)) return true;
    if (b.max !== undefined && Math.abs(v - b.max) <= tol(b.max)) return true;
  }
  return false;
}
