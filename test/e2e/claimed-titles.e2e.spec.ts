/**
 * Issue 15 item 8 / DOMAIN.md §8.10 over HTTP: a title the firm declares itself is CLAIMED and
 * counts for no one but the firm's own self-assessment (marked) until the AUTHORITY confirms it.
 * The original bug: an unverified firm declared 国家重点小巨人 and the city's certified count went
 * 1 → 2. Here the count stays 1 for the claim, becomes 2 on confirmation, falls back to 1 when the
 * firm edits the confirmed title (a new claim), and a rejection reaches the firm with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { beijingDate, loginAuthority, ok, publishTierOnlyCreditProduct, registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { expectError } from '../helpers/expect-error.js';
import { addMonthsClamped } from '../../libs/tiers/src/index.js';

const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) {
  tier tierCertifiedOn tierProvenance tierProvenanceText tierCounted tierProvenanceAt tierRejectionReason version
  tierProvenanceBy { displayName organizationName } reviewRisk { expiresOn }
  assessments(ruleSet: "MIIT-2022") { tier criteria { code status actual } } } }`;
const RISKS = `query($r: String) { enterprisesAtReviewRisk(regionCode: $r) { organizationId } }`;
const PIPELINE = `query($r: String) { tierPipeline(regionCode: $r) { regionCode enterprises certified { tier count } } }`;
const RECOMMENDED = `query { recommendations(kinds: [CREDIT_PRODUCT], first: 100) { listing { id } } }`;
const CONFIRM = `mutation($id: ID!, $t: EnterpriseTier!, $d: Date!) { confirmCertification(organizationId: $id, tier: $t, certifiedOn: $d) { tier tierCertifiedOn tierProvenance tierCounted version } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectCertificationClaim(organizationId: $id, reason: $r) { tierProvenance tierRejectionReason tierCounted } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { kind title body } }`;
const AUDIT = `query($f: AuditLogFilter) { auditLog(filter: $f, first: 20) { edges { node { operation targetId outcome organizationKind } } } }`;

type Profile = {
  tier: string;
  tierCertifiedOn: string | null;
  tierProvenance: string | null;
  tierProvenanceText: string | null;
  tierCounted: boolean;
  tierProvenanceAt: string | null;
  tierRejectionReason: string | null;
  version: number;
  tierProvenanceBy: { displayName: string | null; organizationName: string | null } | null;
  reviewRisk: { expiresOn: string } | null;
  assessments: Array<{ tier: string; criteria: Array<{ code: string; status: string; actual: string | null }> }>;
};

describe('claimed vs confirmed titles (§8.10) over HTTP', () => {
  let app: TestApp;
  let authority: string;
  let bank: Org;
  /** The unverified firm that declares 国家重点小巨人 itself. */
  let claimant: Org;
  /** A firm whose 国家重点小巨人 the AUTHORITY confirmed first: the city's "1". */
  let certified: Org;
  let productId: string;
  /** Certified 30 months ago: valid for 6 more months, so inside the 12-month 复核 window. */
  const certifiedOn = addMonthsClamped(beijingDate(), -30);
  /** Weak R&D: the firm does not meet 小巨人 now, so a counted title would be at 复核 risk. */
  const weak = profileInput().financials.map((y) => ({ ...y, rdExpense: 50_000 }));
  const claimKeyLittleGiant = (org: Org, date = certifiedOn) =>
    app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'KEY_LITTLE_GIANT', tierCertifiedOn: date, financials: weak }) }, org.token);

  const profileOf = async (token: string, org: Org) => ok<Profile>(await app.gql(PROFILE, { id: org.organizationId }, token), 'enterpriseProfile');
  const keyLittleGiants = async () => {
    const rows = ok<Array<{ regionCode: string; certified: Array<{ tier: string; count: number }> }>>(await app.gql(PIPELINE, { r: '330281' }, authority), 'tierPipeline');
    return rows.find((r) => r.regionCode === '330281')!.certified.find((c) => c.tier === 'KEY_LITTLE_GIANT')!.count;
  };
  const recommended = async (org: Org) => ok<Array<{ listing: { id: string } }>>(await app.gql(RECOMMENDED, {}, org.token), 'recommendations').map((r) => r.listing.id);
  const atRisk = async () => ok<Array<{ organizationId: string }>>(await app.gql(RISKS, { r: '330281' }, authority), 'enterprisesAtReviewRisk').map((e) => e.organizationId);
  const notices = async (org: Org) => ok<Array<{ kind: string; title: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, org.token), 'notifications');

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    claimant = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    certified = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281', verifyWith: authority });
    expect((await claimKeyLittleGiant(certified)).errors).toBeUndefined();
    ok(await app.gql(CONFIRM, { id: certified.organizationId, t: 'KEY_LITTLE_GIANT', d: certifiedOn }, authority), 'confirmCertification');
    productId = await publishTierOnlyCreditProduct(app, bank.token, '小巨人专享信用贷', ['LITTLE_GIANT', 'KEY_LITTLE_GIANT']);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('before any claim: the confirmed firm is the one 国家重点小巨人, recommended the product and at 复核 risk', async () => {
    expect(await keyLittleGiants()).toBe(1);
    expect(await recommended(certified)).toContain(productId);
    expect(await atRisk()).toContain(certified.organizationId);
  });

  it('an unverified firm claims 国家重点小巨人: not counted, not eligible for the 小巨人 product, not at 复核 risk', async () => {
    const res = await claimKeyLittleGiant(claimant);
    expect(res.errors).toBeUndefined();
    await app.drain();
    expect(await keyLittleGiants()).toBe(1);
    expect(await recommended(claimant)).not.toContain(productId);
    expect(await atRisk()).not.toContain(claimant.organizationId);
    for (const token of [claimant.token, authority]) {
      const p = await profileOf(token, claimant);
      expect(p).toMatchObject({ tier: 'KEY_LITTLE_GIANT', tierProvenance: 'CLAIMED', tierCounted: false, reviewRisk: null, tierRejectionReason: null });
      expect(p.tierProvenanceText).toContain('尚待主管部门确认');
      expect(p.tierProvenanceAt).not.toBeNull();
    }
  });

  it("the firm's own self-assessment uses the claim and marks it", async () => {
    const p = await profileOf(claimant.token, claimant);
    const prereq = p.assessments.find((a) => a.tier === 'LITTLE_GIANT')!.criteria.find((c) => c.code === 'A3.PREREQ')!;
    expect(prereq.status).toBe('MET');
    expect(prereq.actual).toContain('称号为企业自报，尚待确认');
  });

  it('the AUTHORITY confirms: counted, eligible, at risk; the firm is told in Chinese; the call is audited', async () => {
    const confirmed = ok<Record<string, unknown>>(await app.gql(CONFIRM, { id: claimant.organizationId, t: 'KEY_LITTLE_GIANT', d: certifiedOn }, authority), 'confirmCertification');
    expect(confirmed).toMatchObject({ tier: 'KEY_LITTLE_GIANT', tierCertifiedOn: certifiedOn, tierProvenance: 'CONFIRMED', tierCounted: true });
    await app.drain();
    expect(await keyLittleGiants()).toBe(2);
    expect(await recommended(claimant)).toContain(productId);
    expect(await atRisk()).toContain(claimant.organizationId);
    const p = await profileOf(claimant.token, claimant);
    expect(p.tierProvenanceBy).toMatchObject({ displayName: null });
    expect(p.tierProvenanceBy!.organizationName).toBeTruthy();
    expect((await profileOf(authority, claimant)).tierProvenanceBy!.displayName).toBeTruthy();
    const prereq = p.assessments.find((a) => a.tier === 'LITTLE_GIANT')!.criteria.find((c) => c.code === 'A3.PREREQ')!;
    expect(prereq.actual ?? '').not.toContain('自报');
    const notice = (await notices(claimant)).find((n) => n.kind === 'enterprise.title-confirmed');
    expect(notice?.title).toBe('称号已获主管部门确认：国家重点“小巨人”企业');
    expect(notice?.body).not.toMatch(/KEY_LITTLE_GIANT|CONFIRMED/);
    // Confirming the same title again changes nothing.
    const again = ok<{ version: number }>(await app.gql(CONFIRM, { id: claimant.organizationId, t: 'KEY_LITTLE_GIANT', d: certifiedOn }, authority), 'confirmCertification');
    expect(again.version).toBe(confirmed.version);
    const audit = ok<{ edges: Array<{ node: Record<string, string> }> }>(await app.gql(AUDIT, { f: { operation: 'confirmCertification' } }, authority), 'auditLog');
    expect(audit.edges.map((e) => e.node)).toContainEqual({ operation: 'confirmCertification', targetId: claimant.organizationId, outcome: 'OK', organizationKind: 'AUTHORITY' });
    const [{ n }] = await sql(app, `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enterprise-title.decided' AND aggregate_id = $1`, [claimant.organizationId]);
    expect(n).toBe(1);
  });

  it('re-sending the profile unchanged keeps the confirmation', async () => {
    expect((await claimKeyLittleGiant(claimant)).errors).toBeUndefined();
    expect((await profileOf(claimant.token, claimant)).tierProvenance).toBe('CONFIRMED');
  });

  it('the firm changes its confirmed title: back to CLAIMED and uncounted', async () => {
    const res = await claimKeyLittleGiant(claimant, addMonthsClamped(certifiedOn, 1));
    expect(res.errors).toBeUndefined();
    await app.drain();
    expect((await profileOf(claimant.token, claimant)).tierProvenance).toBe('CLAIMED');
    expect(await keyLittleGiants()).toBe(1);
    expect(await recommended(claimant)).not.toContain(productId);
    expect(await atRisk()).not.toContain(claimant.organizationId);
  });

  it('the AUTHORITY rejects the claim with a reason the firm reads; the title stays marked and uncounted', async () => {
    const reason = '主管部门认定名单中无该企业的重点“小巨人”称号';
    const rejected = ok<Record<string, unknown>>(await app.gql(REJECT, { id: claimant.organizationId, r: reason }, authority), 'rejectCertificationClaim');
    expect(rejected).toMatchObject({ tierProvenance: 'REJECTED', tierRejectionReason: reason, tierCounted: false });
    await app.drain();
    const p = await profileOf(claimant.token, claimant);
    expect(p).toMatchObject({ tier: 'KEY_LITTLE_GIANT', tierProvenance: 'REJECTED', tierRejectionReason: reason, tierCounted: false });
    expect(p.tierProvenanceText).toContain('未获主管部门确认');
    // A rejected claim is not used even in the firm's own view.
    const prereq = p.assessments.find((a) => a.tier === 'LITTLE_GIANT')!.criteria.find((c) => c.code === 'A3.PREREQ')!;
    expect(prereq.status).toBe('UNMET');
    const notice = (await notices(claimant)).find((n) => n.kind === 'enterprise.title-rejected');
    expect(notice?.title).toBe('自报称号未获确认：国家重点“小巨人”企业');
    expect(notice?.body).toContain(`原因：${reason}`);
    expect(await keyLittleGiants()).toBe(1);
    // Re-sending the rejected title unchanged does not turn it into a claim again.
    expect((await claimKeyLittleGiant(claimant, addMonthsClamped(certifiedOn, 1))).errors).toBeUndefined();
    expect((await profileOf(claimant.token, claimant)).tierProvenance).toBe('REJECTED');
  });

  it('refusals write nothing: no pending claim (CONFLICT), NONE as a title, a blank reason, a future date', async () => {
    const before = await profileOf(authority, claimant);
    expectError(await app.gql(REJECT, { id: claimant.organizationId, r: '再次驳回' }, authority), 'CONFLICT', 'organizationId');
    expectError(await app.gql(REJECT, { id: certified.organizationId, r: '已确认的称号' }, authority), 'CONFLICT', 'organizationId');
    expectError(await app.gql(CONFIRM, { id: claimant.organizationId, t: 'NONE', d: certifiedOn }, authority), 'BAD_USER_INPUT', 'tier');
    expectError(await app.gql(CONFIRM, { id: claimant.organizationId, t: 'LITTLE_GIANT', d: beijingDate(1) }, authority), 'BAD_USER_INPUT', 'certifiedOn');
    expectError(await app.gql(CONFIRM, { id: bank.organizationId, t: 'LITTLE_GIANT', d: certifiedOn }, authority), 'BAD_USER_INPUT', 'organizationId');
    expectError(await app.gql(CONFIRM, { id: claimant.organizationId, t: 'LITTLE_GIANT', d: certifiedOn }, claimant.token), 'FORBIDDEN');
    const fresh = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    expectError(await app.gql(CONFIRM, { id: fresh.organizationId, t: 'LITTLE_GIANT', d: certifiedOn }, authority), 'NOT_FOUND', 'organizationId');
    expect((await claimKeyLittleGiant(fresh)).errors).toBeUndefined();
    expectError(await app.gql(REJECT, { id: fresh.organizationId, r: '   ' }, authority), 'BAD_USER_INPUT', 'reason');
    expectError(await app.gql(REJECT, { id: fresh.organizationId, r: '长'.repeat(501) }, authority), 'BAD_USER_INPUT', 'reason');
    expect((await profileOf(authority, fresh)).tierProvenance).toBe('CLAIMED');
    expect(await profileOf(authority, claimant)).toEqual(before);
  });

  it('the firm corrects the rejected title: a new claim the AUTHORITY can confirm as a different tier', async () => {
    const corrected = addMonthsClamped(certifiedOn, 2);
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'LITTLE_GIANT', tierCertifiedOn: corrected, financials: weak }) }, claimant.token);
    expect(res.errors).toBeUndefined();
    expect((await profileOf(claimant.token, claimant)).tierProvenance).toBe('CLAIMED');
    ok(await app.gql(CONFIRM, { id: claimant.organizationId, t: 'SPECIALIZED_SME', d: corrected }, authority), 'confirmCertification');
    await app.drain();
    const notice = (await notices(claimant)).find((n) => n.kind === 'enterprise.title-confirmed' && n.title === '称号已获主管部门确认：专精特新中小企业');
    expect(notice?.body).toContain('贵企业自报的称号为“专精特新“小巨人”企业”，以主管部门确认的称号为准');
    expect((await profileOf(claimant.token, claimant))).toMatchObject({ tier: 'SPECIALIZED_SME', tierProvenance: 'CONFIRMED', tierCounted: true });
  });
});
