/**
 * The engine's label-free exact score (issue 20 item 5) against the scorer it replaces in ranking:
 * `exactScore` must give exactly what `scoreValue` gives (the rounded sum of `scoreMatch`'s
 * factors), null exactly when the scorer excludes; and the sets the engine keeps must be those a
 * reference engine — ranking every pair with `scoreMatch` itself — keeps, with identical reasons.
 */
import { describe, it, expect } from '@jest/globals';

import { scoreMatch, scoreValue, type EnterpriseSide, type ListingSide, type MatchListingKind, type Reason } from '../../../libs/matching/src/index.js';
import { ListingPool, better, exactScore } from '../../../libs/matching/src/core/match-engine.js';
import { TODAY, WAN, challenge, credit, firm, pairGenerator, service, vacancy } from './match-test-kit.js';

const KINDS: readonly MatchListingKind[] = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'CHALLENGE', 'PARK_VACANCY'];

describe('exactScore equals scoreValue', () => {
  it('on 20,000 seeded random pairs (both outcomes of every kind occur)', () => {
    const g = pairGenerator(20261205);
    const seen = new Map<string, { eligible: number; excluded: number }>();
    for (let i = 0; i < 20_000; i++) {
      const e = g.enterprise();
      const l = g.listing();
      const want = scoreValue(e, l, { today: TODAY });
      expect(exactScore(e, l, TODAY)).toBe(want);
      const s = seen.get(l.kind) ?? { eligible: 0, excluded: 0 };
      if (want === null) s.excluded++;
      else s.eligible++;
      seen.set(l.kind, s);
    }
    for (const kind of KINDS) {
      expect(seen.get(kind)!.eligible).toBeGreaterThan(100);
      expect(seen.get(kind)!.excluded).toBeGreaterThan(100);
    }
  });

  // Both sides of each edge the exact score decides on its own (exclusions, clamps, empty lists).
  const cases: Array<[string, EnterpriseSide, ListingSide]> = [
    ['credit: revenue exactly at the minimum', firm({ latestFinancials: { year: 2025, revenue: 1_000 * WAN, totalAssets: 10_000 * WAN, totalLiabilities: 4_000 * WAN } }), credit()],
    ['credit: revenue one yuan below the minimum', firm({ latestFinancials: { year: 2025, revenue: 1_000 * WAN - 1, totalAssets: 10_000 * WAN, totalLiabilities: 4_000 * WAN } }), credit()],
    ['credit: revenue not reported', firm({ latestFinancials: null }), credit()],
    ['credit: debt ratio exactly at the cap', firm({ latestFinancials: { year: 2025, revenue: 3_000 * WAN, totalAssets: 10_000 * WAN, totalLiabilities: 7_000 * WAN } }), credit()],
    ['credit: debt ratio just above the cap', firm({ latestFinancials: { year: 2025, revenue: 3_000 * WAN, totalAssets: 10_000 * WAN, totalLiabilities: 7_001 * WAN } }), credit()],
    ['credit: debt ratio unknown (margin 0, not excluded)', firm({ latestFinancials: { year: 2025, revenue: 3_000 * WAN, totalAssets: null, totalLiabilities: null } }), credit()],
    ['credit: patents exactly at the minimum', firm({ ip: { inventionPatents: 2, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 } }), credit()],
    ['credit: patents one below', firm({ ip: { inventionPatents: 1, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 } }), credit()],
    ['credit: founded exactly 3 years ago', firm({ foundedOn: '2023-03-15' }), credit()],
    ['credit: founded a day short of 3 years', firm({ foundedOn: '2023-03-16' }), credit()],
    ['credit: tier not admitted', firm({ tier: 'NONE' }), credit()],
    ['credit: no thresholds at all', firm(), credit({ eligibleTiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null })],
    ['credit: no financing need', firm({ financingNeed: null }), credit()],
    ['credit: need above the maximum', firm({ financingNeed: { amount: 2_000 * WAN, termMonths: 48 } }), credit()],
    ['credit: industry codes all blank (excluded)', firm(), credit({ industryCodes: [' '] })],
    ['credit: lower-case industry code covers', firm(), credit({ industryCodes: ['c34'] })],
    ['service: needed category with one gap', firm({ latestAssessments: [{ tier: 'INNOVATIVE_SME', eligible: false, criteria: [{ code: 'A1.IP', status: 'UNMET', label: '知识产权' }] }] }), service()],
    ['service: the same gap in an eligible assessment (no gap)', firm({ latestAssessments: [{ tier: 'INNOVATIVE_SME', eligible: true, criteria: [{ code: 'A1.IP', status: 'UNMET', label: '知识产权' }] }] }), service()],
    ['service: two assessments naming the same gap count it once per tier', firm({ latestAssessments: [{ tier: 'INNOVATIVE_SME', eligible: false, criteria: [{ code: 'A1.IP', status: 'UNMET', label: '知识产权' }, { code: 'A2.IP', status: 'UNMET', label: '知识产权' }] }] }), service()],
    ['service: region outside', firm({ regionCode: '330102' }), service({ regionCodes: ['330200'] })],
    ['service: open everywhere', firm(), service({ regionCodes: [] })],
    ['service: rating above 5 clamps', firm(), service({ providerRating: 6 })],
    ['challenge: apply-by today', firm(), challenge({ applyBy: TODAY })],
    ['challenge: apply-by yesterday', firm(), challenge({ applyBy: '2026-03-14' })],
    ['challenge: no shared words', firm({ capabilities: '食品包装', mainProducts: [] }), challenge()],
    ['challenge: empty firm text', firm({ capabilities: '', mainProducts: [] }), challenge()],
    ['challenge: markup in the text is ignored', firm({ capabilities: '<em>精密齿轮</em>加工' }), challenge({ requirements: '精密齿轮&amp;减速器' })],
    ['vacancy: no space need', firm({ spaceNeed: null }), vacancy()],
    ['vacancy: area at the lower edge', firm(), vacancy({ areaSqm: 500 })],
    ['vacancy: area just below', firm(), vacancy({ areaSqm: 499.9 })],
    ['vacancy: rent exactly at the ceiling', firm(), vacancy({ rentPerSqmDay: 1.5 })],
    ['vacancy: rent just above', firm(), vacancy({ rentPerSqmDay: 1.51 })],
    ['vacancy: park outside the wanted regions', firm(), vacancy({ parkRegionCode: '330102' })],
    ['vacancy: park industries do not cover the firm (fit 0, admitted)', firm(), vacancy({ parkIndustries: ['I65'] })],
    ['vacancy: space need anywhere', firm({ spaceNeed: { minAreaSqm: 500, maxAreaSqm: 1_000, regionCodes: [], maxRentPerSqmDay: null } }), vacancy()],
  ];
  it.each(cases)('%s', (_name, e, l) => {
    expect(exactScore(e, l, TODAY)).toBe(scoreValue(e, l, { today: TODAY }));
  });

  it('the edge table has both outcomes', () => {
    const outcomes = cases.map(([, e, l]) => scoreValue(e, l, { today: TODAY }) === null);
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(5);
    expect(outcomes.filter((x) => !x).length).toBeGreaterThan(5);
  });
});

/** The reference engine: every pair through `scoreMatch`, sorted, the best `perKind` of each kind kept. */
function referenceTop(e: EnterpriseSide, listings: readonly ListingSide[], perKind: number): Array<{ listingId: string; score: number; reasons: Reason[] }> {
  const out: Array<{ listingId: string; score: number; reasons: Reason[] }> = [];
  for (const kind of KINDS) {
    const scored: Array<{ listingId: string; score: number; reasons: Reason[] }> = [];
    for (const l of listings) {
      if (l.kind !== kind) continue;
      const r = scoreMatch(e, l, { today: TODAY });
      if (r.eligible) scored.push({ listingId: l.listingId, score: r.score, reasons: r.reasons });
    }
    scored.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    out.push(...scored.slice(0, perKind));
  }
  return out;
}

describe('the engine keeps what a reference engine ranking with scoreMatch keeps', () => {
  it('on a generated world of 150 firms × 400 listings, bound 5 per kind: same rows, scores and reasons', () => {
    const g = pairGenerator(77);
    const listings = Array.from({ length: 400 }, (_, i) => ({ ...g.listing(), listingId: `l-${String(i).padStart(4, '0')}` }) as ListingSide);
    const firms = Array.from({ length: 150 }, (_, i) => ({ ...g.enterprise(), organizationId: `f-${i}` }));
    const pool = new ListingPool(listings.map((side) => ({ side, version: 1 })));
    let rows = 0;
    for (const e of firms) {
      const got = pool.topFor(e, 1, TODAY, KINDS, 5).map((p) => ({ listingId: p.listingId, score: p.score, reasons: p.reasons }));
      expect(got).toEqual(referenceTop(e, listings, 5));
      rows += got.length;
    }
    expect(rows).toBeGreaterThan(150 * 5);
  });
});
