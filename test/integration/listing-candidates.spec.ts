import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../helpers/test-database.js';
import { seedMatchingData, type MatchingData } from '../bench/matching-data.js';
import { enterpriseCandidates } from '../../libs/enterprises/src/enterprise-rows.read-model.js';
import { loadEnterpriseSides } from '../../libs/matching/src/sets/match-side-loader.js';
import { scoreMatch } from '../../libs/matching/src/core/scorer.js';
import type { ListingSide } from '../../libs/matching/src/core/match-types.js';

/**
 * scoreListing leaves out, by SQL, the firms a credit product's revenue floor and years in business
 * exclude (ADR 0043, amendment): the filter must leave out exactly the firms the scorer excludes for
 * those reasons — both sides of each edge, the anniversary, a founding on 29 February, a firm with no
 * financial year, a firm whose older year meets the floor but whose newest does not.
 */
describe('enterpriseCandidates: the credit floors leave out exactly the firms the scorer excludes for them', () => {
  let close: () => Promise<void>;
  let ds: DataSource;
  let data: MatchingData;
  const asOf = '2026-02-28';
  const MIN_REVENUE = 10_000_000;
  const MIN_YEARS = 5;

  const product: ListingSide = {
    listingId: '00000000-0000-4000-a000-000000000001',
    ownerOrganizationId: '00000000-0000-4000-a000-000000000002',
    regionCodes: [],
    industryCodes: [],
    tags: [],
    title: '科创信用贷',
    description: '',
    kind: 'CREDIT_PRODUCT',
    productType: 'CREDIT_LOAN',
    amountMin: 100_000,
    amountMax: 10_000_000,
    annualRateMin: 3,
    annualRateMax: 4,
    termMonthsMax: 36,
    eligibleTiers: [],
    minAnnualRevenue: MIN_REVENUE,
    minInventionPatents: null,
    minYearsInBusiness: MIN_YEARS,
    maxDebtRatio: null,
  };
  const FLOOR_CODES = new Set(['CREDIT.REVENUE_UNKNOWN', 'CREDIT.REVENUE_BELOW_MIN', 'CREDIT.YEARS_BELOW_MIN']);

  // [founded_on, newest year's revenue (null: no financial year), older year's revenue, in?]
  const EDGES: Array<[string, number | null, number, boolean]> = [
    ['2021-02-28', MIN_REVENUE, MIN_REVENUE, true], // anniversary today, revenue exactly at the floor
    ['2021-03-01', MIN_REVENUE * 3, MIN_REVENUE, false], // one day short of 5 years
    ['2021-02-27', MIN_REVENUE * 3, MIN_REVENUE, true],
    ['2020-02-29', MIN_REVENUE * 3, MIN_REVENUE, true], // 29 February: 6 years less one (28 Feb < 29 Feb) = 5
    ['2010-06-01', MIN_REVENUE - 1, MIN_REVENUE, false], // one yuan short
    ['2010-06-01', MIN_REVENUE - 1, MIN_REVENUE * 10, false], // the older year meets it, the newest does not
    ['2010-06-01', null, 0, false], // no financial year: revenue unknown
  ];

  beforeAll(async () => {
    const opened = await openTestDataSource();
    close = opened.close;
    ds = opened.dataSource;
    data = await seedMatchingData(ds, { enterprises: 60, listings: 8, today: asOf, seed: 5, tag: 'LC' });
    for (const [i, [founded, newest, older]] of EDGES.entries()) {
      const id = data.enterpriseIds[i]!;
      await ds.query('UPDATE enterprise_profiles SET founded_on = $2 WHERE organization_id = $1', [id, founded]);
      await ds.query('DELETE FROM enterprise_financials WHERE organization_id = $1', [id]);
      if (newest !== null) {
        await ds.query(
          `INSERT INTO enterprise_financials (organization_id, year, revenue, main_business_revenue, rd_expense, total_liabilities, total_assets, employees, rd_employees, equity_financing)
           VALUES ($1, 2025, $2, $2, 0, 100, 1000, 50, 5, 0), ($1, 2024, $3, $3, 0, 100, 1000, 50, 5, 0)`,
          [id, newest, older],
        );
      }
    }
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('keeps a firm exactly when the scorer does not exclude it for revenue or years', async () => {
    const sides = await loadEnterpriseSides(ds, { ids: data.enterpriseIds }, asOf, false);
    const expected = sides
      .filter(({ side }) => {
        const r = scoreMatch(side, product, { today: asOf });
        return r.eligible || !r.excludedBy.some((x) => FLOOR_CODES.has(x.code));
      })
      .map(({ side }) => side.organizationId)
      .sort();
    const kept = (await enterpriseCandidates(ds, { newestRevenueAtLeast: MIN_REVENUE, fullYearsAtLeast: { years: MIN_YEARS, asOf } }))
      .map((c) => c.id)
      .filter((id) => data.enterpriseIds.includes(id))
      .sort();
    expect(kept).toEqual(expected);
    // Both sides of each edge are present, and the seeded rest has firms on both sides too.
    for (const [i, [, , , inside]] of EDGES.entries()) expect([i, kept.includes(data.enterpriseIds[i]!)]).toEqual([i, inside]);
    expect(kept.length).toBeGreaterThan(EDGES.filter((e) => e[3]).length);
    expect(kept.length).toBeLessThan(data.enterpriseIds.length - EDGES.filter((e) => !e[3]).length);
  });

  it('each floor alone leaves out only what it excludes', async () => {
    const byRevenue = new Set((await enterpriseCandidates(ds, { newestRevenueAtLeast: MIN_REVENUE })).map((c) => c.id));
    const byYears = new Set((await enterpriseCandidates(ds, { fullYearsAtLeast: { years: MIN_YEARS, asOf } })).map((c) => c.id));
    const ids = data.enterpriseIds;
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => byRevenue.has(ids[i]!))).toEqual([true, true, true, true, false, false, false]);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => byYears.has(ids[i]!))).toEqual([true, false, true, true, true, true, true]);
  });
});
