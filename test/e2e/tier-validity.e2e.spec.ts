/**
 * Issue 15 / DOMAIN.md §8.2: a title past its 3 years without renewal or a pending re-review is
 * LAPSED. A firm whose title expired yesterday is not at 复核 risk, is not counted as certified in
 * tierPipeline, and is not eligible for a 小巨人-only credit product; a firm whose title expires
 * tomorrow (the control) is all three.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, confirmTitle, profileInput } from '../helpers/profile-fixtures.js';
import { beijingDate, loginAuthority, ok, publishTierOnlyCreditProduct, registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { addMonthsClamped } from '../../libs/tiers/src/index.js';

const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) { tier tierCertifiedOn tierExpiresOn tierStatus tierStatusText reviewRisk { expiresOn } } }`;
const RISKS = `query($r: String) { enterprisesAtReviewRisk(regionCode: $r) { organizationId risk { expiresOn } } }`;
const PIPELINE = `query($r: String) { tierPipeline(regionCode: $r) { regionCode enterprises atRisk lapsed certified { tier count } } }`;
const RECOMMENDED = `query { recommendations(kinds: [CREDIT_PRODUCT], first: 100) { listing { id } } }`;

describe('LAPSED titles (§8.2) over HTTP', () => {
  let app: TestApp;
  let authority: string;
  let lapsed: Org;
  let control: Org;
  let productId: string;
  /** 3 years before yesterday: the title's last valid day was the day before yesterday. */
  const expiredYesterday = addMonthsClamped(beijingDate(-1), -36);
  const expiresTomorrow = addMonthsClamped(beijingDate(1), -36);

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    // Region 330281 (余姚) for both; the weak R&D makes neither meet 小巨人, so an unexpired title is at risk.
    lapsed = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    control = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    const weak = profileInput().financials.map((y) => ({ ...y, rdExpense: 50_000 }));
    for (const [org, certifiedOn] of [[lapsed, expiredYesterday], [control, expiresTomorrow]] as const) {
      const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'LITTLE_GIANT', tierCertifiedOn: certifiedOn, financials: weak }) }, org.token);
      expect(res.errors).toBeUndefined();
      // Confirmed by the AUTHORITY, so only the lapse decides what counts (claims: claimed-titles.e2e.spec.ts).
      await confirmTitle(app, authority, org.organizationId, 'LITTLE_GIANT', certifiedOn);
    }
    productId = await publishTierOnlyCreditProduct(app, bank.token, '小巨人专享信用贷', ['LITTLE_GIANT']);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the firm and the AUTHORITY read "title lapsed on …"; the control is valid', async () => {
    for (const token of [lapsed.token, authority]) {
      const p = ok<Record<string, unknown>>(await app.gql(PROFILE, { id: lapsed.organizationId }, token), 'enterpriseProfile');
      expect(p).toMatchObject({ tier: 'LITTLE_GIANT', tierStatus: 'LAPSED', tierExpiresOn: beijingDate(-1), reviewRisk: null });
      expect(p.tierStatusText).toBe(`称号已于${beijingDate(-1)}失效（认定满3年，未续期且无待定复核）`);
    }
    const c = ok<Record<string, unknown>>(await app.gql(PROFILE, { id: control.organizationId }, control.token), 'enterpriseProfile');
    expect(c).toMatchObject({ tierStatus: 'VALID', tierExpiresOn: beijingDate(1), reviewRisk: { expiresOn: beijingDate(1) } });
  });

  it('missingData comes with Chinese labels and units (missingFacts), and no criterion text carries markup or file names', async () => {
    const q = `query($id: ID!) { enterpriseProfile(organizationId: $id) { assessments(ruleSet: "MIIT-2022") { tier missingData missingFacts { path label unit } criteria { label note actual required } } } }`;
    const { assessments } = ok<{ assessments: Array<{ missingData: string[]; missingFacts: Array<{ path: string; label: string; unit: string | null }>; criteria: Array<Record<string, string | null>> }> }>(
      await app.gql(q, { id: lapsed.organizationId }, lapsed.token),
      'enterpriseProfile',
    );
    expect(assessments.length).toBe(3);
    for (const a of assessments) {
      expect(a.missingFacts.map((m) => m.path)).toEqual(a.missingData);
      for (const m of a.missingFacts) expect(m.label).toMatch(/[\u4e00-\u9fff]/);
      for (const c of a.criteria) for (const t of Object.values(c)) if (t) expect(t).not.toMatch(/<\/?[A-Za-z][^<>]*>|DOMAIN|\.md\b|\.ts\b/);
    }
  });

  it('enterprisesAtReviewRisk lists the title expiring tomorrow, not the one that expired yesterday', async () => {
    const ids = ok<Array<{ organizationId: string }>>(await app.gql(RISKS, { r: '330281' }, authority), 'enterprisesAtReviewRisk').map((e) => e.organizationId);
    expect(ids).toContain(control.organizationId);
    expect(ids).not.toContain(lapsed.organizationId);
  });

  it('a risk stored before the expiry day stops listing the firm once the title has expired', async () => {
    // As if the nightly job ran before the expiry: a stored risk with yesterday's expiry.
    await sql(app, `UPDATE enterprise_profiles SET review_risk = '{"tier":"LITTLE_GIANT"}'::jsonb, review_risk_expires_on = $2::date WHERE organization_id = $1`, [lapsed.organizationId, beijingDate(-1)]);
    const ids = ok<Array<{ organizationId: string }>>(await app.gql(RISKS, { r: '330281' }, authority), 'enterprisesAtReviewRisk').map((e) => e.organizationId);
    expect(ids).not.toContain(lapsed.organizationId);
  });

  it('tierPipeline counts the control as certified 小巨人 and at risk, the lapsed firm under NONE and as lapsed', async () => {
    const rows = ok<Array<{ regionCode: string; enterprises: number; atRisk: number; lapsed: number; certified: Array<{ tier: string; count: number }> }>>(
      await app.gql(PIPELINE, { r: '330281' }, authority),
      'tierPipeline',
    );
    const yuyao = rows.find((r) => r.regionCode === '330281')!;
    const count = (tier: string) => yuyao.certified.find((c) => c.tier === tier)!.count;
    expect(yuyao.enterprises).toBe(2);
    expect(count('LITTLE_GIANT')).toBe(1);
    expect(count('NONE')).toBe(1);
    expect(yuyao.lapsed).toBe(1);
    expect(yuyao.atRisk).toBe(1);
  });

  it('a 小巨人-only credit product is recommended to the control, not to the lapsed firm', async () => {
    const listed = async (org: Org) => ok<Array<{ listing: { id: string } }>>(await app.gql(RECOMMENDED, {}, org.token), 'recommendations').map((r) => r.listing.id);
    expect(await listed(control)).toContain(productId);
    expect(await listed(lapsed)).not.toContain(productId);
  });
});
