import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../helpers/test-database.js';
import { seedMatchingData, type MatchingData } from '../bench/matching-data.js';
import { RecommendationPushService } from '../../libs/matching/src/pushes/recommendation-push.service.js';
import type { ScoredPair } from '../../libs/matching/src/core/match-engine.js';
import type { MatchListingKind } from '../../libs/matching/src/core/match-types.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

/**
 * The push decisions of one listing's entrants (ADR 0036), read from the database in one statement:
 * an entry already there (no second entry nor push), the firm's pushes that day (the cap), a match
 * request for the listing or an application to the 揭榜 challenge (ALREADY_REQUESTED), the threshold.
 */
describe('recordEntries: entries and push decisions from what the database holds', () => {
  let close: () => Promise<void>;
  let ds: DataSource;
  let data: MatchingData;
  let pushes: RecommendationPushService;
  const today = todayInShanghai();
  const pair = (e: string, l: string, kind: MatchListingKind, score: number): ScoredPair =>
    ({ enterpriseOrganizationId: e, listingId: l, kind, score, reasons: [], listingVersion: 1, profileVersion: 1 }) as unknown as ScoredPair;
  const listingOf = async (id: string) => {
    const [row] = await ds.query('SELECT id AS "listingId", kind, owner_organization_id AS "ownerOrganizationId" FROM listings WHERE id = $1', [id]);
    return row as { listingId: string; kind: MatchListingKind; ownerOrganizationId: string };
  };
  const entries = (listingId: string) =>
    ds.query('SELECT enterprise_organization_id AS e, pushed_at IS NOT NULL AS pushed, skip_reason AS skip FROM recommendation_entries WHERE listing_id = $1 ORDER BY 1', [listingId]) as Promise<Array<{ e: string; pushed: boolean; skip: string | null }>>;

  beforeAll(async () => {
    const opened = await openTestDataSource();
    close = opened.close;
    ds = opened.dataSource;
    data = await seedMatchingData(ds, { enterprises: 12, listings: 40, today, seed: 36 });
    pushes = new RecommendationPushService(ds);
    pushes.rules.dailyCap = 2;
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('a credit product: requested firm skipped, below threshold skipped, capped firm skipped, the rest pushed; a replay decides nothing again', async () => {
    const [a, b, c, d] = data.enterpriseIds;
    const [p1, p2, p3] = data.byKind.CREDIT_PRODUCT!;
    const product = await listingOf(p3!);
    // d already got two pushes today (the cap is 2): entries of two other products, pushed today.
    for (const other of [p1!, p2!]) {
      const l = await listingOf(other);
      await ds.transaction((m) => pushes.recordEntries(m, l, [pair(d!, other, 'CREDIT_PRODUCT', 90)], today));
    }
    // a asked the bank about this product before it entered a's set.
    await ds.query(
      `INSERT INTO match_requests (listing_id, listing_kind, owner_organization_id, enterprise_organization_id, enterprise_region_code, share_profile)
       VALUES ($1, 'CREDIT_PRODUCT', $2, $3, '330281', false)`,
      [product.listingId, product.ownerOrganizationId, a],
    );
    const out = await ds.transaction((m) =>
      pushes.recordEntries(m, product, [pair(a!, p3!, 'CREDIT_PRODUCT', 95), pair(b!, p3!, 'CREDIT_PRODUCT', 59.5), pair(c!, p3!, 'CREDIT_PRODUCT', 60), pair(d!, p3!, 'CREDIT_PRODUCT', 99)], today),
    );
    expect(out).toMatchObject({ entered: 4, pushed: 1 });
    expect(await entries(p3!)).toEqual(
      [
        { e: a, pushed: false, skip: 'ALREADY_REQUESTED' },
        { e: b, pushed: false, skip: 'BELOW_THRESHOLD' },
        { e: c, pushed: true, skip: null },
        { e: d, pushed: false, skip: 'DAILY_CAP' },
      ].sort((x, y) => (x.e! < y.e! ? -1 : 1)),
    );
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'recommendation.pushed' AND aggregate_id = $1`, [p3]);
    expect(n).toBe(1);
    // Replayed: every entrant has its entry, nothing is entered, pushed or announced again.
    const again = await ds.transaction((m) => pushes.recordEntries(m, product, [pair(c!, p3!, 'CREDIT_PRODUCT', 60), pair(d!, p3!, 'CREDIT_PRODUCT', 99)], today));
    expect(again).toEqual({ entered: 0, pushed: 0, batch: null });
    const [{ n: events }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'recommendation.pushed' AND aggregate_id = $1`, [p3]);
    expect(events).toBe(1);
  });

  it('a 揭榜 challenge: a firm that applied is not pushed it; another firm is', async () => {
    const [, , , , e, f] = data.enterpriseIds;
    const challenge = await listingOf(data.byKind.CHALLENGE![0]!);
    await ds.query(`INSERT INTO challenge_applications (challenge_id, applicant_organization_id, proposal) VALUES ($1, $2, '联合攻关方案')`, [challenge.listingId, e]);
    const out = await ds.transaction((m) => pushes.recordEntries(m, challenge, [pair(e!, challenge.listingId, 'CHALLENGE', 80), pair(f!, challenge.listingId, 'CHALLENGE', 50)], today));
    expect(out).toMatchObject({ entered: 2, pushed: 1 });
    expect(Object.fromEntries((await entries(challenge.listingId)).map((r) => [r.e, r.skip ?? 'pushed']))).toEqual({ [e!]: 'ALREADY_REQUESTED', [f!]: 'pushed' });
  });
});
