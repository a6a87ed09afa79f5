/** The light-firm bound scoreListing filters candidates with: prepared once per listing, same value, never below the score. */
import { describe, it, expect } from '@jest/globals';

import { scoreMatch } from '../../../libs/matching/src/index.js';
import { boundForFirm, firmBounds } from '../../../libs/matching/src/core/match-engine.js';
import { TODAY, pairGenerator } from './match-test-kit.js';

const N = 4_000;
const g = pairGenerator(20261205);
const firms = Array.from({ length: 200 }, () => g.enterprise());
const listings = Array.from({ length: N / 200 }, () => g.listing());
const light = (e: (typeof firms)[number]) => ({ regionCode: e.regionCode, serviceNeeds: e.serviceNeeds, financingNeed: e.financingNeed });

describe(`firmBounds over ${listings.length} listings × ${firms.length} firms`, () => {
  it('one prepared bound per listing gives, firm after firm, what boundForFirm gives each firm alone', () => {
    for (const l of listings) {
      const bound = firmBounds(l);
      for (const e of firms) expect(bound(light(e))).toBe(boundForFirm(l, light(e)));
    }
  });

  it('is never below the score of an eligible pair (every kind has eligible pairs)', () => {
    const eligibleKinds = new Set<string>();
    for (const l of listings) {
      const bound = firmBounds(l);
      for (const e of firms) {
        const r = scoreMatch(e, l, { today: TODAY });
        if (!r.eligible) continue;
        eligibleKinds.add(l.kind);
        expect(bound(light(e))).toBeGreaterThanOrEqual(r.score);
      }
    }
    expect([...eligibleKinds].sort()).toEqual(['CHALLENGE', 'CREDIT_PRODUCT', 'PARK_VACANCY', 'SERVICE_OFFERING']);
  });
});
