/**
 * Scores, reasons and match sets on a fixed seeded dataset, pinned to the scorer version: moving
 * code inside the scorer or the match engine must not move a tenth or a word. When a change of
 * weights, params or rules is meant, SCORER_VERSION is bumped and the digests are taken anew.
 */
import { createHash } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';

import { SCORER_VERSION, scoreMatch, type ListingSide, type MatchListingKind } from '../../../libs/matching/src/index.js';
import { ListingPool, compareBest } from '../../../libs/matching/src/core/match-engine.js';
import { TODAY, pairGenerator } from './match-test-kit.js';

const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);

const KINDS: readonly MatchListingKind[] = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'CHALLENGE', 'PARK_VACANCY'];
const PER_KIND = 5;

const world = (() => {
  const g = pairGenerator(20261204);
  const firms = Array.from({ length: 80 }, (_, i) => ({ ...g.enterprise(), organizationId: `org-${String(i).padStart(3, '0')}` }));
  const listings: ListingSide[] = Array.from({ length: 600 }, (_, i) => ({ ...g.listing(), listingId: `l-${String(i).padStart(3, '0')}` }));
  return { firms, listings };
})();

describe(`golden scores (scorer ${SCORER_VERSION})`, () => {
  it('every pair of a seeded world scores and explains as it did', () => {
    const results = world.firms.flatMap((e) => world.listings.map((l) => scoreMatch(e, l, { today: TODAY })));
    expect(results.filter((r) => r.eligible).length).toBe(14671);
    expect({ version: SCORER_VERSION, digest: digest(results) }).toEqual({ version: '1.0.3', digest: '8f05565cef3f051e' });
  });

  it("the match engine keeps each firm's best listings per kind, as a full scoring ranks them", () => {
    const pool = new ListingPool(world.listings.map((side) => ({ side, version: 1 })));
    const rows = world.firms.flatMap((e) => pool.topFor(e, 1, TODAY, KINDS, PER_KIND));
    for (const e of world.firms)
      for (const kind of KINDS) {
        const best = world.listings
          .filter((l) => l.kind === kind)
          .flatMap((l) => {
            const r = scoreMatch(e, l, { today: TODAY });
            return r.eligible ? [{ listingId: l.listingId, score: r.score, reasons: r.reasons }] : [];
          })
          .sort(compareBest)
          .slice(0, PER_KIND);
        const kept = rows.filter((x) => x.enterpriseOrganizationId === e.organizationId && x.kind === kind);
        expect(kept.map((x) => ({ listingId: x.listingId, score: x.score, reasons: x.reasons }))).toEqual(best);
      }
    expect({ version: SCORER_VERSION, rows: rows.length, digest: digest(rows) }).toEqual({ version: '1.0.3', rows: 1448, digest: '5369d01b1b08d236' });
  });
});
