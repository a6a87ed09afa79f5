import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../helpers/test-database.js';
import { rng } from '../helpers/seeded-random.js';
import { seedMatchingData, type MatchingData } from '../bench/matching-data.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService, driftRows } from '../../libs/matching/src/sets/match-maintenance.service.js';
import { SCORER_VERSION } from '../../libs/matching/src/core/weights.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { In } from 'typeorm';
import { scoreMatch } from '../../libs/matching/src/core/scorer.js';
import { compareBest } from '../../libs/matching/src/core/match-engine.js';
import { MATCH_KINDS, loadEnterpriseSides, loadListingSides } from '../../libs/matching/src/sets/match-side-loader.js';
import { enterpriseSide, listingSide } from '../../libs/matching/src/sets/match-sides.js';
import { EnterpriseProfileEntity } from '../../libs/enterprises/src/enterprise-profile.entity.js';
import { EnterpriseFinancialsEntity } from '../../libs/enterprises/src/enterprise-financials.entity.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { ListingService } from '../../libs/listings/src/listing.service.js';
import { ParkVacancyEntity } from '../../libs/listings/src/entities/listing-details.entity.js';
import { TierAssessmentService } from '../../libs/tier-assessments/src/tier-assessment.service.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';

/** Every stored row except computed_at, in a stable order. */
async function snapshot(ds: DataSource) {
  return ds.query(
    `SELECT enterprise_organization_id AS e, listing_id AS l, kind, score, reasons::text AS reasons, scorer_version, listing_version, profile_version
       FROM matches ORDER BY 1, 2`,
  );
}

const PER_KIND = 3;

describe('match sets: a full rebuild equals the incremental result, and reconcile repairs every kind of drift', () => {
  let close: () => Promise<void>;
  let ds: DataSource;
  let sets: MatchSetService;
  let maintenance: MatchMaintenanceService;
  let data: MatchingData;
  const today = todayInShanghai();

  beforeAll(async () => {
    const opened = await openTestDataSource();
    close = opened.close;
    ds = opened.dataSource;
    sets = new MatchSetService(ds);
    // A small bound so that most sets are full and admission, eviction and refill all happen.
    sets.bounds.perKind = PER_KIND;
    maintenance = new MatchMaintenanceService(sets);
    data = await seedMatchingData(ds, { enterprises: 240, listings: 320, today, seed: 7 });
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('the bulk loaders give the scorer exactly the sides the entity path gives', async () => {
    const firms = data.enterpriseIds.slice(0, 40);
    const bulk = await loadEnterpriseSides(ds, { ids: firms }, today, true);
    const [profiles, financials, orgs, latest] = await Promise.all([
      ds.getRepository(EnterpriseProfileEntity).findBy({ organizationId: In(firms) }),
      ds.getRepository(EnterpriseFinancialsEntity).find({ where: { organizationId: In(firms) }, order: { year: 'DESC' } }),
      ds.getRepository(OrganizationEntity).findBy({ id: In(firms) }),
      new TierAssessmentService(ds, new EnterpriseProfileService(ds)).latest(firms),
    ]);
    const expected = profiles.map((p) => {
      p.financials = financials.filter((f) => f.organizationId === p.organizationId);
      return enterpriseSide(p, orgs.find((o) => o.id === p.organizationId)!.regionCode, latest.get(p.organizationId) ?? [], today);
    });
    const byId = (a: { organizationId: string }, b: { organizationId: string }) => (a.organizationId < b.organizationId ? -1 : 1);
    expect(bulk.map((b) => b.side).sort(byId)).toEqual(expected.sort(byId));
    expect(bulk.some((b) => b.side.latestAssessments.length > 0)).toBe(true);

    const listings = new ListingService(ds);
    for (const kind of MATCH_KINDS) {
      const ids = data.byKind[kind]!.slice(0, 15);
      const rows = await listings.byIds(ids);
      const parks = new Map((await listings.parksByIds(rows.filter((r) => r.listing.kind === 'PARK_VACANCY').map((r) => (r.details as ParkVacancyEntity).parkId))).map((p) => [p.id, p]));
      const viaEntities = rows.map((r) => listingSide(r, r.listing.kind === 'PARK_VACANCY' ? parks.get((r.details as ParkVacancyEntity).parkId) : null));
      const viaBulk = (await loadListingSides(ds, kind, { ids })).map((l) => l.side);
      const byListing = (a: { listingId: string }, b: { listingId: string }) => (a.listingId < b.listingId ? -1 : 1);
      expect(viaBulk.sort(byListing)).toEqual(viaEntities.sort(byListing));
    }
  });

  it('the indexed engine with its pre-checks keeps exactly the best pairs a brute-force scoring of every pair keeps', async () => {
    const report = await maintenance.rebuildAll(today);
    const firms = await loadEnterpriseSides(ds, {}, today, true);
    const all = (await Promise.all(MATCH_KINDS.map((k) => loadListingSides(ds, k)))).flat();
    const expected: Array<{ e: string; l: string; score: number }> = [];
    for (const f of firms) {
      for (const kind of MATCH_KINDS) {
        const eligible = all
          .filter((l) => l.side.kind === kind)
          .flatMap((l) => {
            const r = scoreMatch(f.side, l.side, { today });
            return r.eligible ? [{ listingId: l.side.listingId, score: r.score }] : [];
          })
          .sort(compareBest)
          .slice(0, PER_KIND);
        expected.push(...eligible.map((x) => ({ e: f.side.organizationId, l: x.listingId, score: x.score })));
      }
    }
    const stored: Array<{ e: string; l: string; score: number }> = await ds.query('SELECT enterprise_organization_id AS e, listing_id AS l, score FROM matches');
    const key = (x: { e: string; l: string; score: number }) => `${x.e}/${x.l}/${x.score}`;
    expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
    expect(report.scored).toBeLessThan(firms.length * all.length); // the pre-checks skipped pairs
    await ds.query('DELETE FROM matches');
  });

  it('incremental jobs (listings published one by one, then updated, closed, profiles changed) end with the rows a rebuild writes', async () => {
    await ds.query('DELETE FROM matches'); // from empty sets, whatever ran before
    const r = rng(11);
    const order = [...data.listingIds].sort(() => r() - 0.5);
    for (const id of order) await sets.scoreListing(id, today);

    // Updates that raise and lower scores and eligibility, as listing.updated events would.
    const credit = data.byKind.CREDIT_PRODUCT!.slice(0, 12);
    await ds.query(
      `UPDATE credit_products SET min_invention_patents = CASE WHEN min_invention_patents IS NULL THEN 3 ELSE NULL END,
              annual_rate_min = annual_rate_min - 0.5 WHERE listing_id = ANY($1::uuid[])`,
      [credit],
    );
    await ds.query('UPDATE listings SET version = version + 1 WHERE id = ANY($1::uuid[])', [credit]);
    for (const id of credit) await sets.scoreListing(id, today);
    const services = data.byKind.SERVICE_OFFERING!.slice(0, 8);
    await ds.query('UPDATE service_offerings SET accepts_service_voucher = NOT accepts_service_voucher WHERE listing_id = ANY($1::uuid[])', [services]);
    await ds.query('UPDATE listings SET version = version + 1 WHERE id = ANY($1::uuid[])', [services]);
    for (const id of services) await sets.scoreListing(id, today);

    // Closing listings that sit in full sets: the next-best listing must move up.
    const [{ ids: popular }] = await ds.query(
      `SELECT array_agg(listing_id) AS ids FROM (SELECT listing_id FROM matches GROUP BY listing_id ORDER BY count(*) DESC, listing_id LIMIT 10) x`,
    );
    await ds.query(`UPDATE listings SET status = 'CLOSED', version = version + 1 WHERE id = ANY($1::uuid[])`, [popular]);
    for (const id of popular as string[]) await sets.scoreListing(id, today);

    // Profile changes (patents, tier), as enterprise-profile.changed events would.
    const firms = data.enterpriseIds.slice(0, 15);
    await ds.query(
      `UPDATE enterprise_profiles SET invention_patents = invention_patents + 4, tier = 'SPECIALIZED_SME', tier_provenance = 'IMPORTED', version = version + 1 WHERE organization_id = ANY($1::uuid[])`,
      [firms],
    );
    for (const id of firms) await sets.rescoreEnterprise(id, today);

    const incremental = await snapshot(ds);
    expect(incremental.length).toBeGreaterThan(500);
    const [{ full }] = await ds.query(
      `SELECT count(*)::int AS full FROM (SELECT 1 FROM matches GROUP BY enterprise_organization_id, kind HAVING count(*) = $1) x`,
      [PER_KIND],
    );
    expect(full).toBeGreaterThan(50); // the bound is active
    const [{ over }] = await ds.query(
      `SELECT count(*)::int AS over FROM (SELECT 1 FROM matches GROUP BY enterprise_organization_id, kind HAVING count(*) > $1) x`,
      [PER_KIND],
    );
    expect(over).toBe(0);

    const report = await maintenance.rebuildAll(today);
    expect(report.enterprises).toBe(240);
    expect(report.stored).toBe(incremental.length);
    expect(await snapshot(ds)).toEqual(incremental);
    // Replaying a job changes nothing.
    await sets.scoreListing(order[0]!, today);
    await sets.rescoreEnterprise(data.enterpriseIds[20]!, today);
    expect(await snapshot(ds)).toEqual(incremental);
  }, 120_000);

  it('new tier assessments rescore the service offerings only: those rows equal a whole rescoring\'s, the other kinds stay as they were', async () => {
    await maintenance.rebuildAll(today);
    const firms = data.enterpriseIds.slice(30, 45);
    // A profile change that moves tier criteria (and the credit products' patent floors), then its new assessments.
    await ds.query('UPDATE enterprise_profiles SET invention_patents = invention_patents + 6, version = version + 1 WHERE organization_id = ANY($1::uuid[])', [firms]);
    const tiers = new TierAssessmentService(ds, new EnterpriseProfileService(ds));
    for (const id of firms) await tiers.assess(id, today);
    const rowsOf = async (kind: 'SERVICE_OFFERING' | 'OTHER') =>
      (await snapshot(ds)).filter((r: { e: string; kind: string }) => firms.includes(r.e) && (kind === 'SERVICE_OFFERING') === (r.kind === 'SERVICE_OFFERING'));
    const othersBefore = await rowsOf('OTHER');
    for (const id of firms) await sets.rescoreEnterprise(id, today, ['SERVICE_OFFERING']);
    const services = await rowsOf('SERVICE_OFFERING');
    expect(services.length).toBeGreaterThan(10);
    expect(await rowsOf('OTHER')).toEqual(othersBefore);
    for (const id of firms) await sets.rescoreEnterprise(id, today);
    expect(await rowsOf('SERVICE_OFFERING')).toEqual(services);
    // The whole rescoring did change the other kinds (new profile version, patents): the partial one left them alone.
    expect(await rowsOf('OTHER')).not.toEqual(othersBefore);
  }, 120_000);

  /** Each reconcile test starts from sets a rebuild wrote, not from what the tests before it left. */
  const consistentSets = () => maintenance.rebuildAll(today);

  it('reconcile on consistent sets changes nothing', async () => {
    await consistentSets();
    const before = await snapshot(ds);
    const report = await maintenance.reconcile(today);
    expect(report).toMatchObject({ removedNoProfile: 0, removedUnpublished: 0, staleScorerVersion: 0, staleListingVersion: 0, staleProfileVersion: 0, rescored: 0, removedOutOfSet: 0, added: 0 });
    expect(report.enterprisesChecked).toBe(240);
    expect(await snapshot(ds)).toEqual(before);
  });

  /** After a repair, the sets equal a fresh rebuild and a second reconcile finds nothing. */
  async function expectRepaired() {
    const repaired = await snapshot(ds);
    const again = await maintenance.reconcile(today);
    expect(again.rowsBefore).toBe(again.rowsAfter);
    expect(again.added + again.removedOutOfSet + again.staleScorerVersion + again.staleListingVersion + again.staleProfileVersion + again.rescored).toBe(0);
    await maintenance.rebuildAll(today);
    expect(await snapshot(ds)).toEqual(repaired);
  }

  it('rescores rows written by another scorer version', async () => {
    await consistentSets();
    const firms = data.enterpriseIds.slice(30, 36);
    const [, n] = await ds.query(`UPDATE matches SET scorer_version = '0.9.0', score = score - 1 WHERE enterprise_organization_id = ANY($1::uuid[])`, [firms]);
    expect(n).toBeGreaterThan(0);
    // drift() measures what reconcile would repair, and changes nothing (the fault suite relies on it).
    const drifted = await snapshot(ds);
    const measured = await maintenance.drift(today);
    expect(measured.staleScorerVersion).toBe(n);
    expect(driftRows(measured)).toBe(n);
    expect(await snapshot(ds)).toEqual(drifted);
    const report = await maintenance.reconcile(today);
    expect(report.staleScorerVersion).toBe(n);
    expect({ ...report, ms: 0 }).toEqual({ ...measured, ms: 0 });
    const [{ c }] = await ds.query('SELECT count(*)::int AS c FROM matches WHERE scorer_version <> $1', [SCORER_VERSION]);
    expect(c).toBe(0);
    await expectRepaired();
  });

  it('repairs a listing changed without its event (listing_version behind)', async () => {
    await consistentSets();
    // The most-matched credit product now demands 8 invention patents; nobody told the workers.
    const [{ id }] = await ds.query(
      `SELECT m.listing_id AS id FROM matches m WHERE m.kind = 'CREDIT_PRODUCT' GROUP BY m.listing_id ORDER BY count(*) DESC, m.listing_id LIMIT 1`,
    );
    const [{ n: had }] = await ds.query('SELECT count(*)::int AS n FROM matches WHERE listing_id = $1', [id]);
    await ds.query('UPDATE credit_products SET min_invention_patents = 8 WHERE listing_id = $1', [id]);
    await ds.query('UPDATE listings SET version = version + 1 WHERE id = $1', [id]);
    const report = await maintenance.reconcile(today);
    expect(report.staleListingVersion + report.removedOutOfSet).toBeGreaterThanOrEqual(had);
    const [{ stale }] = await ds.query('SELECT count(*)::int AS stale FROM matches m JOIN listings l ON l.id = m.listing_id WHERE m.listing_version <> l.version');
    expect(stale).toBe(0);
    await expectRepaired();
  });

  it('repairs a profile changed without its event (profile_version behind)', async () => {
    await consistentSets();
    const [{ id }] = await ds.query(`SELECT enterprise_organization_id AS id FROM matches GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    await ds.query(`UPDATE enterprise_profiles SET invention_patents = 0, tier = 'NONE', tier_provenance = NULL, version = version + 1 WHERE organization_id = $1`, [id]);
    const report = await maintenance.reconcile(today);
    expect(report.staleProfileVersion + report.removedOutOfSet + report.added).toBeGreaterThan(0);
    const [{ stale }] = await ds.query(
      'SELECT count(*)::int AS stale FROM matches m JOIN enterprise_profiles p ON p.organization_id = m.enterprise_organization_id WHERE m.profile_version <> p.version',
    );
    expect(stale).toBe(0);
    await expectRepaired();
  });

  it('removes rows of listings no longer published and refills the sets they leave', async () => {
    await consistentSets();
    const [{ id }] = await ds.query(`SELECT listing_id AS id FROM matches GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM matches WHERE listing_id = $1', [id]);
    await ds.query(`UPDATE listings SET status = 'CLOSED', version = version + 1 WHERE id = $1`, [id]);
    const report = await maintenance.reconcile(today);
    expect(report.removedUnpublished).toBe(n);
    expect(report.added).toBeGreaterThan(0); // next-best listings move into the full sets
    await expectRepaired();
  });

  it('removes rows of enterprises that have no profile any more', async () => {
    await consistentSets();
    const [{ id }] = await ds.query(`SELECT enterprise_organization_id AS id FROM matches GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM matches WHERE enterprise_organization_id = $1', [id]);
    await ds.query('DELETE FROM tier_assessments WHERE organization_id = $1', [id]);
    await ds.query('DELETE FROM enterprise_profiles WHERE organization_id = $1', [id]);
    const report = await maintenance.reconcile(today);
    expect(report.removedNoProfile).toBe(n);
    await expectRepaired();
  });

  it('adds the matches of an enterprise and of a listing that have none they should have', async () => {
    await consistentSets();
    const [{ id: firm }] = await ds.query(`SELECT enterprise_organization_id AS id FROM matches GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const [, lostFirm] = await ds.query('DELETE FROM matches WHERE enterprise_organization_id = $1', [firm]);
    const [{ id: listing }] = await ds.query(`SELECT listing_id AS id FROM matches GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const [, lostListing] = await ds.query('DELETE FROM matches WHERE listing_id = $1', [listing]);
    const report = await maintenance.reconcile(today);
    expect(report.added).toBe(lostFirm + lostListing);
    expect(report.removedOutOfSet).toBe(0);
    await expectRepaired();
  });
});
