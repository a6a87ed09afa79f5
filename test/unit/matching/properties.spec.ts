/** Properties over many seeded random inputs: exact sums, bounds, determinism, no mutation. */
import { describe, it, expect } from '@jest/globals';

import { SCORER_VERSION, WEIGHTS, scoreMatch, scoreValue, type ListingSide, type MatchResult } from '../../../libs/matching/src/index.js';
import { ListingPool, upperBound } from '../../../libs/matching/src/core/match-engine.js';
import { TODAY, pairGenerator, tenthsSum } from './match-test-kit.js';

const KIND_PREFIX = { CREDIT_PRODUCT: 'CREDIT', SERVICE_OFFERING: 'SERVICE', CHALLENGE: 'CHALLENGE', PARK_VACANCY: 'VACANCY' } as const;

/** The weight a reason code draws from (all margin sub-reasons share ELIGIBILITY_MARGIN). */
function factorMax(kind: ListingSide['kind'], code: string): number {
  const rest = code.slice(KIND_PREFIX[kind].length + 1);
  const key = rest.startsWith('MARGIN.') ? 'ELIGIBILITY_MARGIN' : rest;
  const max = (WEIGHTS[kind] as Record<string, number>)[key];
  if (max === undefined) throw new Error(`unknown factor ${code}`);
  return max;
}

const N = 4_000;
const pairs = (() => {
  const g = pairGenerator(20260315);
  return Array.from({ length: N }, () => ({ e: g.enterprise(), l: g.listing() }));
})();

describe(`properties over ${N} seeded random pairs`, () => {
  const results: MatchResult[] = pairs.map(({ e, l }) => scoreMatch(e, l, { today: TODAY }));

  it('scoreValue gives the score scoreMatch gives (null when excluded), without labels', () => {
    pairs.forEach(({ e, l }, i) => {
      const r = results[i]!;
      expect(scoreValue(e, l, { today: TODAY })).toBe(r.eligible ? r.score : null);
    });
  });

  it("the match engine's index and pre-checks never drop a pair the scorer admits", () => {
    pairs.forEach(({ e, l }, i) => {
      const kept = new ListingPool([{ side: l, version: 1 }]).topFor(e, 1, TODAY, [l.kind], 1);
      const r = results[i]!;
      expect(kept.map((k) => ({ score: k.score, reasons: k.reasons }))).toEqual(r.eligible ? [{ score: r.score, reasons: r.reasons }] : []);
    });
  });

  it("the match engine's upper bound is never below the score", () => {
    pairs.forEach(({ e, l }, i) => {
      const r = results[i]!;
      if (!r.eligible) return;
      expect(upperBound(e, l, TODAY)).toBeGreaterThanOrEqual(r.score);
    });
  });

  it('both outcomes occur for every kind', () => {
    for (const kind of Object.keys(KIND_PREFIX)) {
      const mine = results.filter((_, i) => pairs[i]!.l.kind === kind);
      expect(mine.filter((r) => r.eligible).length).toBeGreaterThan(20);
      expect(mine.filter((r) => !r.eligible).length).toBeGreaterThan(20);
    }
  });

  it('contributions sum exactly (in tenths) to the score; score in 0..100 with one decimal', () => {
    results.forEach((r, i) => {
      if (!r.eligible) {
        expect(r.excludedBy.length).toBeGreaterThan(0);
        expect(r.excludedBy.every((x) => x.contribution === 0 && x.label.length > 0)).toBe(true);
        return;
      }
      expect(tenthsSum(r.reasons)).toBe(Math.round(r.score * 10));
      expect(Math.abs(r.reasons.reduce((s, x) => s + x.contribution, 0) - r.score)).toBeLessThan(1e-9);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(Number.isInteger(Math.round(r.score * 10)) && Math.abs(r.score * 10 - Math.round(r.score * 10)) < 1e-9).toBe(true);
      const kind = pairs[i]!.l.kind;
      for (const x of r.reasons) {
        expect(x.contribution).toBeGreaterThanOrEqual(0);
        expect(x.contribution).toBeLessThanOrEqual(factorMax(kind, x.code) + 0.1);
        expect(x.label.length).toBeGreaterThan(0);
      }
      expect(new Set(r.reasons.map((x) => x.code)).size).toBe(r.reasons.length);
    });
  });

  it('factor groups stay within their weights (margins share one budget)', () => {
    results.forEach((r, i) => {
      if (!r.eligible || pairs[i]!.l.kind !== 'CREDIT_PRODUCT') return;
      const margin = r.reasons.filter((x) => x.code.startsWith('CREDIT.MARGIN.')).reduce((s, x) => s + Math.round(x.contribution * 10), 0);
      expect(margin).toBeLessThanOrEqual(WEIGHTS.CREDIT_PRODUCT.ELIGIBILITY_MARGIN * 10 + 1);
    });
  });

  it('is deterministic: same input → same output, also from a deep copy; inputs are not mutated', () => {
    pairs.slice(0, 500).forEach(({ e, l }, i) => {
      const before = JSON.stringify([e, l]);
      expect(scoreMatch(e, l, { today: TODAY })).toEqual(results[i]);
      expect(scoreMatch(structuredClone(e), structuredClone(l), { today: TODAY })).toEqual(results[i]);
      expect(JSON.stringify([e, l])).toBe(before);
    });
  });

  it('the same seed generates the same inputs', () => {
    const g = pairGenerator(20260315);
    expect(JSON.stringify(g.enterprise())).toBe(JSON.stringify(pairs[0]!.e));
  });
});

describe('weights as data', () => {
  it('is versioned', () => {
    expect(SCORER_VERSION).toBe('1.0.3');
  });

  it.each(Object.entries(WEIGHTS))('%s sums to 100', (_kind, factors) => {
    expect(Object.values(factors).reduce((s, x) => s + x, 0)).toBe(100);
  });
});
