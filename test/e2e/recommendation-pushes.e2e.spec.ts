import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { WsSubscriber, listening, wsUrl } from '../helpers/ws-subscriber.js';
import { keptMails } from '../helpers/mailbox.js';
import { RESPOND, beijingDate, createListing, creditProductInput, loginAuthority, ok, publishListing, registerOrg, requestMatch, sql, updateMutation, type Org } from '../helpers/listing-fixtures.js';
import { RecommendationPushService } from '../../libs/matching/src/pushes/recommendation-push.service.js';
import { RECOMMENDATION_ADDED } from '../../libs/platform/src/pubsub/channels.js';
import { FUNNEL_COLUMNS, funnelCells, type FunnelRow } from '../../libs/insights/src/matchmaking-funnel.service.js';

/**
 * Pushed recommendations (issue 18 items 3–6) through the running app: a credit product published
 * by a bank enters the sets of the firms with patents; the matching worker pushes it (one notice and
 * one `recommendationAdded` event per firm), the daily digest groups the day's pushes, the daily
 * cap holds, a firm that already requested a listing is not pushed it, members' preferences and
 * quiet hours filter the live feed, "seen" is idempotent, the bank sees its listing's reach, and the
 * funnel query and its XLSX export agree with hand-computed figures.
 */
const SUB = `subscription { recommendationAdded { score listing { id title } reasons { label } } }`;
const PREFS = `query { recommendationPushPreferences { kinds minScore digestByMail quietHoursStart quietHoursEnd } }`;
const SET_PREFS = `mutation($i: RecommendationPushPreferencesInput!) { updateRecommendationPushPreferences(input: $i) { kinds minScore digestByMail quietHoursStart quietHoursEnd } }`;
const SEEN = `mutation($id: ID!) { markRecommendationSeen(listingId: $id) }`;
const REACH = `query($id: ID!) { listing(id: $id) { id reach { recommendedTo pushedTo viewedBy requestedBy } } }`;
const FUNNEL = `query($p: InsightsPeriod!, $r: String, $k: [ListingKind!]) { matchmakingFunnel(period: $p, regionCode: $r, kinds: $k) {
  institutionId ${FUNNEL_COLUMNS.map((c) => c.key).join(" ")} } }`;
const CREDIT_DECISION = `mutation($id: ID!, $i: CreditDecisionInput!) { recordCreditDecision(requestId: $id, input: $i) { id } }`;

/** Any tier, two invention patents: the firms with five qualify, the firm with none does not. */
const pledge = (title: string, minInventionPatents = 2) =>
  creditProductInput({ title, regionCodes: ['330281'], industryCodes: [], eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents, minYearsInBusiness: null, maxDebtRatio: null } });

const withPatents = (n: number) => profileInput({ ipAssets: { inventionPatents: n, utilityModels: 3, designPatents: 0, softwareCopyrights: 1, trademarks: 1 }, tierFacts: n ? { selfDevelopedInventionPatents: n } : {} });

class Sub extends WsSubscriber<{ score: number; listing: { id: string; title: string }; reasons: Array<{ label: string }> }> {
  constructor(app: TestApp, token: string) {
    super(wsUrl(app), { authorization: `Bearer ${token}` }, SUB, 'recommendationAdded');
  }
}

describe('pushed recommendations, seen, reach and the funnel', () => {
  let app: TestApp;
  let authority: string;
  let bank: Org;
  let otherBank: Org;
  let a: Org;
  let b: Org;
  let none: Org;
  let pushes: RecommendationPushService;
  let subA: Sub;
  let subB: Sub;
  let subNone: Sub;
  const titles = new Map<string, string>();

  const publish = async (title: string, minPatents = 2) => {
    const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: pledge(title, minPatents) });
    titles.set(id, title);
    await publishListing(app, bank.token, id);
    await app.drain();
    return id;
  };
  const notices = async (org: Org, kind: string) =>
    sql(app, 'SELECT title, body, target_id FROM notifications WHERE organization_id = $1 AND kind = $2 ORDER BY created_at', [org.organizationId, kind]);

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    otherBank = await registerOrg(app, 'BANK', { verifyWith: authority });
    a = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    b = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    none = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    for (const [org, n] of [[a, 5], [b, 5], [none, 0]] as const) expect((await app.gql(UPSERT_PROFILE, { i: withPatents(n) }, org.token)).errors).toBeUndefined();
    await app.drain();
    pushes = app.started.app.get(RecommendationPushService, { strict: false });
    // Every eligible pledge product is above the threshold here; the cap is generous until its own test.
    pushes.rules.thresholds.CREDIT_PRODUCT = 1;
    pushes.rules.dailyCap = 100;
    expect(ok(await app.gql(SET_PREFS, { i: { digestByMail: true } }, a.token), 'updateRecommendationPushPreferences').digestByMail).toBe(true);
    subA = new Sub(app, a.token);
    subB = new Sub(app, b.token);
    subNone = new Sub(app, none.token);
    await listening(app, RECOMMENDATION_ADDED, 3);
  });
  afterAll(async () => {
    await Promise.all([subA, subB, subNone].map((s) => s?.dispose()));
    await app?.close();
  });

  let p1: string;

  it('a new credit product above the threshold: one notice (reasons by name) and one live event per eligible firm, none for the ineligible', async () => {
    p1 = await publish('姚江专利质押快贷一号');
    for (const org of [a, b]) {
      const rows = await notices(org, 'recommendation.added');
      expect(rows).toHaveLength(1);
      expect(rows[0].target_id).toBe(p1);
      expect(rows[0].title).toBe('为您推荐金融产品：姚江专利质押快贷一号');
      expect(rows[0].body).toContain(`「${(await sql(app, 'SELECT name FROM organizations WHERE id = $1', [bank.organizationId]))[0].name}」发布的金融产品`);
      expect(rows[0].body).toMatch(/匹配分 \d+\.\d（满分 100）。主要理由：[^。]+。/);
      expect(rows[0].body).not.toMatch(/CREDIT\.|[A-Z]{3,}_/);
    }
    expect(await notices(none, 'recommendation.added')).toHaveLength(0);
    for (const sub of [subA, subB]) {
      await sub.until(() => sub.received.length >= 1, 'the push');
      expect(sub.received.map((r) => r.listing.id)).toEqual([p1]);
      expect(sub.received[0]!.reasons.length).toBeGreaterThan(0);
    }
    const entries = await sql(app, 'SELECT enterprise_organization_id AS e, pushed_at IS NOT NULL AS pushed, skip_reason FROM recommendation_entries WHERE listing_id = $1 ORDER BY 1', [p1]);
    expect(entries.map((r) => r.e).sort()).toEqual([a.organizationId, b.organizationId].sort());
    expect(entries.every((r) => r.pushed)).toBe(true);
  });

  it('a replayed listing job pushes nothing again (the entries decide once)', async () => {
    await app.started.runtime.queues.queue('matching').add('matching.sync-listing', { eventId: '0', eventType: 'listing.updated', occurredAt: new Date().toISOString(), data: { listingId: p1, kind: 'CREDIT_PRODUCT', ownerOrganizationId: bank.organizationId, status: 'PUBLISHED', version: 2 } } as never, { jobId: `replay-${p1}`, attempts: 1 });
    await app.drain();
    expect(await notices(a, 'recommendation.added')).toHaveLength(1);
    expect((await sql(app, 'SELECT count(*)::int AS n FROM outbox_events WHERE type = $1', ['recommendation.pushed']))[0].n).toBe(1);
  });

  it("the daily digest: one in-app entry per firm naming the day's matches, a mail to members who opted in, once", async () => {
    const day = beijingDate();
    const runDigest = async (n: number) => {
      await app.started.runtime.queues.queue('notify').add('recommendations.digest', { requestedBy: 'test', day }, { jobId: `digest-test-${n}`, attempts: 1 });
      await app.drain();
    };
    await runDigest(1);
    for (const org of [a, b]) {
      const rows = await notices(org, 'recommendation.digest');
      expect(rows).toHaveLength(1);
      expect(rows[0].body).toContain('金融产品「姚江专利质押快贷一号」');
    }
    expect(await notices(none, 'recommendation.digest')).toHaveLength(0);
    const mailsA = (await keptMails(app, a.email)).filter((m) => m.kind === 'recommendation.digest');
    expect(mailsA).toHaveLength(1);
    expect(mailsA[0]!.body).toContain('姚江专利质押快贷一号');
    // B did not opt in to the mail.
    expect((await keptMails(app, b.email)).filter((m) => m.kind === 'recommendation.digest')).toHaveLength(0);
    await runDigest(2);
    expect(await notices(a, 'recommendation.digest')).toHaveLength(1);
    expect((await keptMails(app, a.email)).filter((m) => m.kind === 'recommendation.digest')).toHaveLength(1);
  });

  it('never more than the daily cap per firm: the third product of the day is entered but not pushed', async () => {
    pushes.rules.dailyCap = 2;
    try {
      const p2 = await publish('姚江专利质押快贷二号');
      const p3 = await publish('姚江专利质押快贷三号');
      for (const org of [a, b]) expect((await notices(org, 'recommendation.added')).map((r) => r.target_id)).toEqual([p1, p2]);
      const skipped = await sql(app, 'SELECT skip_reason FROM recommendation_entries WHERE listing_id = $1', [p3]);
      expect(skipped.map((r) => r.skip_reason)).toEqual(['DAILY_CAP', 'DAILY_CAP']);
      await subA.until(() => subA.received.length >= 2, 'the second push');
      // The third would have arrived by now if it were sent (it went through the same jobs, drained).
      expect(subA.received.map((r) => r.listing.id)).toEqual([p1, p2]);
    } finally {
      pushes.rules.dailyCap = 100;
    }
  });

  it('no push for a listing the firm already requested, nor one below the threshold; drafts are never pushed', async () => {
    // Six patents required: A (five) is outside the set, requests it anyway, then the bank lowers it to two.
    const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: pledge('姚江专利质押快贷四号', 6) });
    await publishListing(app, bank.token, id);
    await app.drain();
    await requestMatch(app, a.token, id);
    await app.drain();
    ok(await app.gql(updateMutation('CREDIT_PRODUCT'), { id, i: pledge('姚江专利质押快贷四号', 2) }, bank.token), 'updateCreditProduct');
    await app.drain();
    const byFirm = new Map((await sql(app, 'SELECT enterprise_organization_id AS e, skip_reason FROM recommendation_entries WHERE listing_id = $1', [id])).map((r) => [r.e, r.skip_reason]));
    expect(byFirm.get(a.organizationId)).toBe('ALREADY_REQUESTED');
    expect(byFirm.get(b.organizationId)).toBeNull();
    expect((await notices(a, 'recommendation.added')).map((r) => r.target_id)).not.toContain(id);

    pushes.rules.thresholds.CREDIT_PRODUCT = 101;
    try {
      const high = await publish('姚江专利质押快贷五号');
      expect((await sql(app, 'SELECT DISTINCT skip_reason FROM recommendation_entries WHERE listing_id = $1', [high])).map((r) => r.skip_reason)).toEqual(['BELOW_THRESHOLD']);
    } finally {
      pushes.rules.thresholds.CREDIT_PRODUCT = 1;
    }
    const draft = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: pledge('姚江专利质押快贷草稿') });
    await app.drain();
    expect((await sql(app, 'SELECT count(*)::int AS n FROM recommendation_entries WHERE listing_id = $1', [draft.id]))[0].n).toBe(0);
  });

  it("preferences: defaults, a valid change, precise errors; quiet hours keep the live event but not the notice", async () => {
    expect(ok(await app.gql(PREFS, {}, b.token), 'recommendationPushPreferences')).toEqual({ kinds: null, minScore: 0, digestByMail: false, quietHoursStart: null, quietHoursEnd: null });
    const bad = async (i: Record<string, unknown>, field: string) => {
      const res = await app.gql(SET_PREFS, { i }, b.token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      return res.errors![0]!.message;
    };
    expect(await bad({ minScore: 101 }, 'input.minScore')).toContain('0–100');
    expect(await bad({ minScore: -1 }, 'input.minScore')).toContain('0–100');
    expect(await bad({ quietHoursStart: '25:00', quietHoursEnd: '07:00' }, 'input.quietHoursStart')).toContain('HH:MM');
    expect(await bad({ quietHoursStart: '22:00', quietHoursEnd: '7:00' }, 'input.quietHoursEnd')).toContain('HH:MM');
    expect(await bad({ quietHoursStart: '22:00' }, 'input.quietHoursEnd')).toContain('同时给出');
    expect(await bad({ quietHoursStart: '22:00', quietHoursEnd: '22:00' }, 'input.quietHoursEnd')).toContain('不能等于');
    expect(await bad({ kinds: [] }, 'input.kinds')).toContain('金融产品');
    const unknown = await app.gql(SET_PREFS, { i: { kinds: ['LOANS'] } }, b.token);
    expect(unknown.errors?.[0]?.message).toContain('LOANS');
    expect((await app.gql(PREFS, {}, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(SET_PREFS, { i: { minScore: 10 } }, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nothing was half-written by the refusals.
    expect(ok(await app.gql(PREFS, {}, b.token), 'recommendationPushPreferences').minScore).toBe(0);

    // Quiet all day long but one minute: B's live feed stays silent, its inbox still gets the notice.
    const now = new Date(Date.now() + 8 * 3600_000);
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const set = ok(await app.gql(SET_PREFS, { i: { kinds: ['CREDIT_PRODUCT', 'SERVICE_OFFERING'], minScore: 5, quietHoursStart: hhmm(new Date(now.getTime() - 60 * 60_000)), quietHoursEnd: hhmm(new Date(now.getTime() + 60 * 60_000)) } }, b.token), 'updateRecommendationPushPreferences');
    expect(set).toMatchObject({ kinds: ['CREDIT_PRODUCT', 'SERVICE_OFFERING'], minScore: 5 });
    const before = subB.received.length;
    const p6 = await publish('姚江专利质押快贷六号');
    await subA.until(() => subA.received.some((r) => r.listing.id === p6), 'the push to A');
    await new Promise((r) => setTimeout(r, 300));
    expect(subB.received.length).toBe(before);
    expect((await notices(b, 'recommendation.added')).map((r) => r.target_id)).toContain(p6);
  });

  it('seen is idempotent; the bank sees counts of its listing’s reach, nobody else does', async () => {
    const first = ok<string>(await app.gql(SEEN, { id: p1 }, a.token), 'markRecommendationSeen');
    const again = ok<string>(await app.gql(SEEN, { id: p1 }, a.token), 'markRecommendationSeen');
    expect(again).toBe(first);
    expect((await app.gql(SEEN, { id: p1 }, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(SEEN, { id: '00000000-0000-4000-8000-000000000000' }, a.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(ok(await app.gql(REACH, { id: p1 }, bank.token), 'listing').reach).toEqual({ recommendedTo: 2, pushedTo: 2, viewedBy: 1, requestedBy: 0 });
    expect(ok(await app.gql(REACH, { id: p1 }, authority), 'listing').reach).toEqual({ recommendedTo: 2, pushedTo: 2, viewedBy: 1, requestedBy: 0 });
    expect(ok(await app.gql(REACH, { id: p1 }, otherBank.token), 'listing').reach).toBeNull();
    expect(ok(await app.gql(REACH, { id: p1 }, a.token), 'listing').reach).toBeNull();
  });

  it('the funnel: hand-computed figures, the same rows in GraphQL and in the XLSX export', async () => {
    // A requests p1 (after seeing it); the bank accepts and grants 3,000,000 元. B requests p2; the bank declines.
    const reqA = await requestMatch(app, a.token, p1);
    ok(await app.gql(RESPOND, { id: reqA, accept: true }, bank.token), 'respondToMatchRequest');
    ok(await app.gql(CREDIT_DECISION, { id: reqA, i: { approved: true, amountGranted: 3_000_000, annualRatePercent: 3.5, termMonths: 12, disbursedOn: beijingDate() } }, bank.token), 'recordCreditDecision');
    const p2 = [...titles.entries()].find(([, t]) => t === '姚江专利质押快贷二号')![0];
    const reqB = await requestMatch(app, b.token, p2);
    ok(await app.gql(RESPOND, { id: reqB, accept: false, r: 'CREDIT_QUOTA_FULL' }, bank.token), 'respondToMatchRequest');
    await app.drain();
    // One of B's entries moves to last year: outside the period, not counted at all.
    const p3 = [...titles.entries()].find(([, t]) => t === '姚江专利质押快贷三号')![0];
    await sql(app, `UPDATE recommendation_entries SET entered_at = now() - interval '400 days' WHERE listing_id = $1 AND enterprise_organization_id = $2`, [p3, b.organizationId]);

    // Hand count for the bank, credit products, region 330281, today:
    //   entries: p1 A,B; p2 A,B; p3 A (B moved out); p4 A (ALREADY_REQUESTED), B; p5 A,B (below threshold); p6 A,B  = 11
    //   pushed:  p1 A,B; p2 A,B; p4 B; p6 A,B = 7   viewed: p1 A = 1
    //   requested: p1 A, p2 B = 2 (A's p4 request came before p4 entered its set: not counted)
    //   responded: 2   accepted: 1 (p1 A)   succeeded: 1, funded 3,000,000 元
    const period = { from: beijingDate(-1), to: beijingDate() };
    const rows = ok<FunnelRow[]>(await app.gql(FUNNEL, { p: period, r: '330281', k: ['CREDIT_PRODUCT'] }, authority), 'matchmakingFunnel');
    const mine = rows.filter((r) => r.institutionId === bank.organizationId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      listingKind: 'CREDIT_PRODUCT', regionCode: '330281', matched: 11, pushed: 7, viewed: 1, requested: 2, responded: 2, accepted: 1, succeeded: 1, fundedAmount: 3_000_000,
      pushRate: 0.6364, viewRate: 0.0909, requestRate: 0.1818, responseRate: 1, acceptanceRate: 0.5, successRate: 1,
    });
    // Last year's period holds only the moved entry.
    const last = ok<FunnelRow[]>(await app.gql(FUNNEL, { p: { from: beijingDate(-500), to: beijingDate(-300) } }, authority), 'matchmakingFunnel');
    expect(last.filter((r) => r.institutionId === bank.organizationId).map((r) => [r.matched, r.pushed])).toEqual([[1, 0]]);

    // The export: the same rows, cell for cell.
    const base = app.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/exports/insights/matchmaking-funnel.xlsx?from=${period.from}&to=${period.to}&regionCode=330281&kinds=CREDIT_PRODUCT`, { headers: { authorization: `Bearer ${authority}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(FUNNEL_COLUMNS.map((c) => c.header));
    const cells: unknown[][] = [];
    for (let i = 2; i <= sheet.rowCount; i++) cells.push(FUNNEL_COLUMNS.map((_, j) => sheet.getRow(i).getCell(j + 1).value ?? null));
    expect(cells).toEqual(funnelCells(rows).map((r) => r.map((v) => v ?? null)));

    // Bad input is refused precisely, in both.
    const badKind = await fetch(`${base}/exports/insights/matchmaking-funnel.xlsx?from=${period.from}&to=${period.to}&kinds=LOANS`, { headers: { authorization: `Bearer ${authority}` } });
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { error: { field: string; message: string } }).error).toMatchObject({ field: 'kinds' });
    expect((await app.gql(FUNNEL, { p: { from: period.to, to: period.from } }, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.from' });
    expect((await app.gql(FUNNEL, { p: period, r: '999999' }, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    expect((await app.gql(FUNNEL, { p: period }, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
