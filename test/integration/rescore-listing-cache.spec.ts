/**
 * ADR 0043: rescoring one firm reuses listings kept prepared under their row stamps. Whatever
 * changes (a version bump, a write behind the service's back without one, a park, a provider's
 * rating, a listing closed, a listing changed between the rescoring's two statements), the rows
 * written equal those of the former path, which loads every candidate listing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { openTestDataSource } from '../helpers/test-database.js';
import { seedMatchingData, type MatchingData } from '../bench/matching-data.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { loadCandidateListings, loadListingSides } from '../../libs/matching/src/sets/match-side-loader.js';
import { ListingSideCache } from '../../libs/matching/src/sets/listing-side-cache.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

async function snapshot(ds: DataSource) {
  return ds.query(
    `SELECT enterprise_organization_id AS e, listing_id AS l, kind, score, reasons::text AS reasons, scorer_version, listing_version, profile_version
       FROM matches ORDER BY 1, 2`,
  );
}

describe('rescoring with the listing cache writes the rows of a rescoring without it (ADR 0043)', () => {
  let close: () => Promise<void>;
  let ds: DataSource;
  let cached: MatchSetService;
  let reference: MatchSetService;
  let data: MatchingData;
  const today = todayInShanghai();

  beforeAll(async () => {
    const opened = await openTestDataSource();
    close = opened.close;
    ds = opened.dataSource;
    cached = new MatchSetService(ds);
    cached.bounds.perKind = 4;
    reference = new MatchSetService(ds);
    reference.bounds.perKind = 4;
    reference.listingCache.capacity = 0;
    data = await seedMatchingData(ds, { enterprises: 80, listings: 240, today, seed: 45 });
    const maintenance = new MatchMaintenanceService(cached);
    await maintenance.rebuildAll(today);
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  /** Rescores `firms` with the cache, then without it, and requires the same rows. */
  async function expectSameRows(firms: readonly string[]): Promise<void> {
    for (const id of firms) await cached.rescoreEnterprise(id, today);
    const withCache = await snapshot(ds);
    for (const id of firms) await reference.rescoreEnterprise(id, today);
    expect(await snapshot(ds)).toEqual(withCache);
  }

  const firms = () => data.enterpriseIds.slice(0, 40);

  it('equals the former path and a rebuild from a cold and from a warm cache; the warm one loads nothing again', async () => {
    const rebuilt = await snapshot(ds);
    await expectSameRows(firms());
    expect(await snapshot(ds)).toEqual(rebuilt);
    const misses = cached.listingCache.counts.misses;
    const hits = cached.listingCache.counts.hits;
    await expectSameRows(firms());
    expect(cached.listingCache.counts.misses).toBe(misses);
    expect(cached.listingCache.counts.hits).toBeGreaterThan(hits);
    expect(await snapshot(ds)).toEqual(rebuilt);
  }, 60_000);

  it('listings updated with a version bump are loaded again', async () => {
    const credit = data.byKind.CREDIT_PRODUCT!.slice(0, 15);
    await ds.query('UPDATE credit_products SET annual_rate_min = annual_rate_min - 0.5, min_invention_patents = NULL WHERE listing_id = ANY($1::uuid[])', [credit]);
    await ds.query('UPDATE listings SET version = version + 1 WHERE id = ANY($1::uuid[])', [credit]);
    await expectSameRows(firms());
  }, 60_000);

  it('writes behind the service’s back without a version bump (listing, details) are seen: the row stamp changed', async () => {
    const services = data.byKind.SERVICE_OFFERING!.slice(0, 20);
    await ds.query('UPDATE service_offerings SET accepts_service_voucher = NOT accepts_service_voucher WHERE listing_id = ANY($1::uuid[])', [services]);
    const challenges = data.byKind.CHALLENGE!.slice(0, 20);
    await ds.query(`UPDATE challenges SET requirements = requirements || ' 工业互联网 数字孪生 智能制造' WHERE listing_id = ANY($1::uuid[])`, [challenges]);
    const credit = data.byKind.CREDIT_PRODUCT!.slice(15, 30);
    await ds.query(`UPDATE listings SET region_codes = '{}', industry_codes = '{}' WHERE id = ANY($1::uuid[])`, [credit]);
    await expectSameRows(firms());
  }, 60_000);

  it('a park changed behind its vacancies’ back (industries, region) is seen', async () => {
    await ds.query(`UPDATE parks SET industries = '{}', region_code = '330203'`);
    await expectSameRows(firms());
    await ds.query(`UPDATE parks SET industries = '{C39,C40}'`);
    await expectSameRows(firms());
  }, 60_000);

  it('a provider’s new rating is seen', async () => {
    const [service] = await ds.query(`SELECT l.id, l.owner_organization_id AS owner FROM listings l WHERE l.id = ANY($1::uuid[]) ORDER BY l.id LIMIT 1`, [data.byKind.SERVICE_OFFERING!]);
    const before = cached.listingCache.counts.misses;
    await ds.query(
      `INSERT INTO match_requests (listing_id, listing_kind, owner_organization_id, enterprise_organization_id, enterprise_region_code, share_profile, status, rating, completed_at)
       VALUES ($1, 'SERVICE_OFFERING', $2, $3, '330203', false, 'COMPLETED', 5, now())`,
      [service.id, service.owner, data.enterpriseIds[0]],
    );
    await expectSameRows(firms());
    expect(cached.listingCache.counts.misses).toBeGreaterThan(before);
  }, 60_000);

  it('listings closed, and a listing without its details row, are left out', async () => {
    await ds.query(`UPDATE listings SET status = 'CLOSED', version = version + 1 WHERE id = ANY($1::uuid[])`, [data.listingIds.slice(0, 12)]);
    await ds.query('DELETE FROM service_offerings WHERE listing_id = $1', [data.byKind.SERVICE_OFFERING![25]]);
    await expectSameRows(firms());
  }, 60_000);

  it('gives exactly what loadListingSides gives, per kind and pre-filter, also with a tiny bound', async () => {
    const small = new ListingSideCache(7);
    const filters = [
      ['CREDIT_PRODUCT', { reachesRegion: '330203', reachesIndustry: 'C3484', openToTier: 'NONE', asksInventionPatentsAtMost: 3 }],
      ['CREDIT_PRODUCT', {}],
      ['SERVICE_OFFERING', { reachesRegion: '330212', reachesIndustry: 'C39' }],
      ['CHALLENGE', { reachesRegion: '330100', reachesIndustry: 'C40', applyByOnOrAfter: today }],
      ['PARK_VACANCY', { reachesIndustry: 'C39', areaSqmBetween: [100, 5000] }],
    ] as const;
    for (const cache of [cached.listingCache, small]) {
      for (let pass = 0; pass < 2; pass++) {
        for (const [kind, filter] of filters) {
          const expected = await loadListingSides(ds, kind, filter);
          const got = (await loadCandidateListings(ds, kind, filter, cache)).map((l) => ({ side: l.side, version: l.version }));
          expect(got).toEqual(expected);
        }
      }
    }
    expect(small.size).toBeLessThanOrEqual(7);
  }, 60_000);

  it('a listing changed between the stamps and the load makes the kind load whole, in one snapshot', async () => {
    const cache = new ListingSideCache(10_000);
    const filter = { reachesRegion: '330203', reachesIndustry: 'C3484' };
    const before = await loadListingSides(ds, 'SERVICE_OFFERING', filter);
    expect(before.length).toBeGreaterThan(1);
    const target = before[0]!.side.listingId;
    const category = (before[0]!.side as { category: string }).category;
    // Another transaction commits a change right after the stamps statement.
    let statements = 0;
    const q: Pick<EntityManager, 'query'> = {
      query: async (sql: string, params?: unknown[]) => {
        const result = await ds.query(sql, params);
        if (++statements === 1) await ds.query(`UPDATE service_offerings SET category = CASE WHEN category = 'GREEN_LOW_CARBON' THEN 'TECH_INNOVATION' ELSE 'GREEN_LOW_CARBON' END, accepts_service_voucher = NOT accepts_service_voucher WHERE listing_id = $1`, [target]);
        return result;
      },
    };
    const got = (await loadCandidateListings(q, 'SERVICE_OFFERING', filter, cache)).map((l) => ({ side: l.side, version: l.version }));
    expect(got).toEqual(await loadListingSides(ds, 'SERVICE_OFFERING', filter));
    expect((got.find((l) => l.side.listingId === target)!.side as { category: string }).category).not.toBe(category);
    // And the changed listing is kept under its new stamp: the next read loads nothing.
    const misses = cache.counts.misses;
    expect((await loadCandidateListings(ds, 'SERVICE_OFFERING', filter, cache)).map((l) => ({ side: l.side, version: l.version }))).toEqual(got);
    expect(cache.counts.misses).toBe(misses);
    await expectSameRows(firms());
  }, 60_000);
});
