/**
 * Issue 15 / DOMAIN.md §8.2: the AUTHORITY records a re-review (复核) as pending. Two 小巨人 whose
 * titles expired yesterday: the one recorded as pending reads "复核中，有效至…", counts as certified
 * in tierPipeline and keeps a 小巨人-only credit product; the control has lapsed. The firm is told;
 * the call is audited; clearing the mark lapses the title and tells the firm again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, confirmTitle, profileInput } from '../helpers/profile-fixtures.js';
import { beijingDate, loginAuthority, ok, publishTierOnlyCreditProduct, registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { addMonthsClamped } from '../../libs/tiers/src/index.js';

const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) { tier tierStatus tierStatusText tierReviewPendingUntil tierExpiresOn } }`;
const RECORD = `mutation($i: RecordTitleReviewPendingInput!) { recordTitleReviewPending(input: $i) { id action pendingUntil organizationIds organizationCount document tier certifiedOn } }`;
const CLEAR = `mutation($i: ClearTitleReviewPendingInput!) { clearTitleReviewPending(input: $i) { id action pendingUntil organizationCount } }`;
const PIPELINE = `query($r: String) { tierPipeline(regionCode: $r) { regionCode enterprises lapsed certified { tier count } } }`;
const RECOMMENDED = `query { recommendations(kinds: [CREDIT_PRODUCT], first: 100) { listing { id } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { kind title body } }`;

describe('re-review pending (§8.2) over HTTP', () => {
  let app: TestApp;
  let authority: string;
  let pending: Org;
  let control: Org;
  let productId: string;
  /** 3 years before yesterday: both titles expired yesterday. */
  const certifiedOn = addMonthsClamped(beijingDate(-1), -36);
  const until = beijingDate(30);

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    pending = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    control = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    for (const org of [pending, control]) {
      const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'LITTLE_GIANT', tierCertifiedOn: certifiedOn }) }, org.token);
      expect(res.errors).toBeUndefined();
      // Only a title the AUTHORITY confirmed (or imported) counts for others (§8.10).
      await confirmTitle(app, authority, org.organizationId, 'LITTLE_GIANT', certifiedOn);
    }
    productId = await publishTierOnlyCreditProduct(app, bank.token, '小巨人复核期专享贷', ['LITTLE_GIANT']);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an enterprise may not record it (FORBIDDEN); a date in the past is refused with its field; nothing is written', async () => {
    const forbidden = await app.gql(RECORD, { i: { organizationIds: [pending.organizationId], pendingUntil: until } }, pending.token);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const past = await app.gql(RECORD, { i: { organizationIds: [pending.organizationId], pendingUntil: beijingDate(-1) } }, authority);
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.pendingUntil' });
    expect(past.errors?.[0]?.message).toMatch(/^复核待定截止日不能早于今天/);
    const [row] = await sql(app, 'SELECT tier_review_pending_until FROM enterprise_profiles WHERE organization_id = $1', [pending.organizationId]);
    expect(row.tier_review_pending_until).toBeNull();
  });

  it('the AUTHORITY records it for one firm; the call is audited with the mark as its target', async () => {
    const mark = ok<Record<string, unknown>>(
      await app.gql(RECORD, { i: { organizationIds: [pending.organizationId], pendingUntil: until, document: '工信厅企业函〔2026〕117号' } }, authority),
      'recordTitleReviewPending',
    );
    expect(mark).toMatchObject({ action: 'PENDING_RECORDED', pendingUntil: until, organizationIds: [pending.organizationId], organizationCount: 1, document: '工信厅企业函〔2026〕117号', tier: null });
    const audited = await sql(app, `SELECT outcome FROM audit_log WHERE operation = 'recordTitleReviewPending' AND target_id = $1`, [mark.id]);
    expect(audited).toEqual([{ outcome: 'OK' }]);
    await app.drain();
  });

  it('the firm and the AUTHORITY read "复核中，有效至…"; the control has lapsed', async () => {
    for (const token of [pending.token, authority]) {
      const p = ok<Record<string, unknown>>(await app.gql(PROFILE, { id: pending.organizationId }, token), 'enterpriseProfile');
      expect(p).toMatchObject({ tierStatus: 'REVIEW_PENDING', tierReviewPendingUntil: until, tierExpiresOn: beijingDate(-1) });
      expect(p.tierStatusText).toMatch(new RegExp(`^复核中，有效至${until}`));
    }
    const c = ok<Record<string, unknown>>(await app.gql(PROFILE, { id: control.organizationId }, control.token), 'enterpriseProfile');
    expect(c).toMatchObject({ tierStatus: 'LAPSED', tierReviewPendingUntil: null });
  });

  it('tierPipeline counts the pending firm as a certified 小巨人 and only the control as lapsed', async () => {
    const rows = ok<Array<{ regionCode: string; enterprises: number; lapsed: number; certified: Array<{ tier: string; count: number }> }>>(
      await app.gql(PIPELINE, { r: '330281' }, authority),
      'tierPipeline',
    );
    const yuyao = rows.find((r) => r.regionCode === '330281')!;
    expect(yuyao.enterprises).toBe(2);
    expect(yuyao.certified.find((c) => c.tier === 'LITTLE_GIANT')!.count).toBe(1);
    expect(yuyao.lapsed).toBe(1);
  });

  it('the 小巨人-only credit product is recommended to the pending firm, not to the lapsed control', async () => {
    const listed = async (org: Org) => ok<Array<{ listing: { id: string } }>>(await app.gql(RECOMMENDED, {}, org.token), 'recommendations').map((r) => r.listing.id);
    expect(await listed(pending)).toContain(productId);
    expect(await listed(control)).not.toContain(productId);
  });

  it('the firm is told in Chinese; the control is not', async () => {
    const notices = ok<Array<{ kind: string; title: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, pending.token), 'notifications');
    const notice = notices.find((n) => n.kind === 'title-review.pending-recorded')!;
    expect(notice.title).toBe(`专精特新"小巨人"企业称号复核中，有效至${until}`);
    expect(notice.body).toContain('依据：工信厅企业函〔2026〕117号');
    const others = ok<Array<{ kind: string }>>(await app.gql(NOTIFICATIONS, {}, control.token), 'notifications');
    expect(others.some((n) => n.kind.startsWith('title-review.'))).toBe(false);
  });

  it('clearing the mark lapses the title, drops the product and tells the firm', async () => {
    const cleared = ok<Record<string, unknown>>(await app.gql(CLEAR, { i: { organizationIds: [pending.organizationId] } }, authority), 'clearTitleReviewPending');
    expect(cleared).toMatchObject({ action: 'PENDING_CLEARED', pendingUntil: null, organizationCount: 1 });
    await app.drain();
    const p = ok<Record<string, unknown>>(await app.gql(PROFILE, { id: pending.organizationId }, pending.token), 'enterpriseProfile');
    expect(p).toMatchObject({ tierStatus: 'LAPSED', tierReviewPendingUntil: null });
    const listed = ok<Array<{ listing: { id: string } }>>(await app.gql(RECOMMENDED, {}, pending.token), 'recommendations').map((r) => r.listing.id);
    expect(listed).not.toContain(productId);
    const notices = ok<Array<{ kind: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, pending.token), 'notifications');
    expect(notices.find((n) => n.kind === 'title-review.pending-cleared')?.body).toContain('按失效处理');
    // Clearing again: nothing is pending any more.
    const again = await app.gql(CLEAR, { i: { organizationIds: [pending.organizationId] } }, authority);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationIds[0]' });
  });
});
