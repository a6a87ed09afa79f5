/**
 * ADR 0044 (issue 20 item 4): a profile write that changes no field rescoring or reassessment reads
 * queues neither; a write that changes such a field queues both, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { createListing, loginAuthority, ok, publishListing, registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { MatchSetService } from '../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService, driftRows } from '../../libs/matching/src/sets/match-maintenance.service.js';

const PATCH_PROFILE = `mutation($p: EnterpriseProfilePatch!) { patchEnterpriseProfile(patch: $p) { version certifications financials { year revenue } } }`;

describe('profile writes and the scoring work they queue (ADR 0044)', () => {
  let app: TestApp;
  let firm: Org;

  /** The profile version the firm's match rows and its newest assessments were computed from, and the event's skipped jobs. */
  const state = async () => {
    const [row] = await sql(
      app,
      `SELECT (SELECT max(profile_version) FROM matches WHERE enterprise_organization_id = $1) AS "matched",
              (SELECT count(*)::int FROM matches WHERE enterprise_organization_id = $1) AS "rows",
              (SELECT max(profile_version) FROM tier_assessments WHERE organization_id = $1) AS "assessed",
              (SELECT payload->'skipJobs' FROM outbox_events WHERE type = 'enterprise-profile.changed' AND aggregate_id = $1::text ORDER BY id DESC LIMIT 1) AS "skipped"`,
      [firm.organizationId],
    );
    return row as { matched: number; rows: number; assessed: number; skipped: string[] | null };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const authority = await loginAuthority(app);
    const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    const provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    await publishListing(app, bank.token, (await createListing(app, bank.token, 'CREDIT_PRODUCT')).id);
    await publishListing(app, provider.token, (await createListing(app, provider.token, 'SERVICE_OFFERING')).id);
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm.token), 'upsertEnterpriseProfile');
    await app.drain();
    // Booting and draining the first scoring takes long on a loaded machine.
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('the first profile is scored and assessed', async () => {
    const s = await state();
    expect(s.rows).toBeGreaterThan(0);
    expect([s.matched, s.assessed, s.skipped]).toEqual([1, 1, null]);
  });

  it('a write that changes only text no factor or rule reads (certifications) rescored and reassessed nothing; its match rows moved to the new version with it', async () => {
    const rowsBefore = await sql(app, 'SELECT listing_id, score, reasons::text AS reasons, computed_at FROM matches WHERE enterprise_organization_id = $1 ORDER BY listing_id', [firm.organizationId]);
    const patched = ok(await app.gql(PATCH_PROFILE, { p: { certifications: ['ISO9001', 'ISO14001'] } }, firm.token), 'patchEnterpriseProfile');
    expect(patched.version).toBe(2);
    await app.drain();
    const s = await state();
    // The rows were not recomputed (same computed_at), only their profile version advanced in the write's transaction.
    expect([s.matched, s.assessed]).toEqual([2, 1]);
    expect(await sql(app, 'SELECT listing_id, score, reasons::text AS reasons, computed_at FROM matches WHERE enterprise_organization_id = $1 ORDER BY listing_id', [firm.organizationId])).toEqual(rowsBefore);
    expect([...(s.skipped ?? [])].sort()).toEqual(['matching.rescore-enterprise', 'tiers.assess-enterprise']);
  });

  it('the nightly reconcile after a skipped write rewrites no row', async () => {
    const stamps = () => sql(app, 'SELECT listing_id, xmin::text AS xmin FROM matches WHERE enterprise_organization_id = $1 ORDER BY listing_id', [firm.organizationId]);
    const before = await stamps();
    expect(before.length).toBeGreaterThan(0);
    const maintenance = new MatchMaintenanceService(new MatchSetService(app.started.runtime.database.dataSource));
    const report = await maintenance.reconcile();
    expect(driftRows(report)).toBe(0);
    expect(report.staleProfileVersion).toBe(0);
    // Not even rewritten in place: every row is the same tuple.
    expect(await stamps()).toEqual(before);
  });

  it('a write that changes revenue is rescored and reassessed', async () => {
    const financials = profileInput().financials.map((y: { revenue: number }, i: number) => (i === 0 ? { ...y, revenue: y.revenue + 1_000_000 } : y));
    const patched = ok(await app.gql(PATCH_PROFILE, { p: { financials } }, firm.token), 'patchEnterpriseProfile');
    expect(patched.version).toBe(3);
    await app.drain();
    const s = await state();
    expect([s.matched, s.assessed, s.skipped]).toEqual([3, 3, null]);
  });
});
