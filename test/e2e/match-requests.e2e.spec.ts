import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import {
  CANCEL,
  CLOSE,
  COMPLETE,
  MATCH_REQUESTS,
  REQUEST_MATCH,
  RESPOND,
  createListing,
  creditProductInput,
  loginAuthority,
  matchRequestStatus,
  ok,
  outboxFor,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  writeSnapshot,
  type Org,
} from '../helpers/listing-fixtures.js';

const LEADS = `query($id: ID!) { leads(listingId: $id) { enterprise { id } profile { organization { id } version financials { year revenue } } } }`;
const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) { organization { id } version financials { year revenue } } }`;
const STATS = `query($id: ID!) { organization(id: $id) { id matchStats {
  requestsReceived pending accepted declined completed successful cancelled acceptanceRate successRate averageRating ratingCount medianResponseHours } } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { kind title body } }`;
const TIMELINE = `query($role: MatchRequestRole!, $first: Int = 10, $after: String) { matchRequests(role: $role, first: 50) { edges { node { id
  timeline(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } entries { kind status note actorOrganization { id } } } } } } }`;

type Request = { id: string; status: string; shareProfile: boolean; requestedAmount: number | null; message: string | null; responseMessage: string | null; outcome: string | null; rating: number | null; listing: { id: string }; enterprise: { id: string } };

/** A product open to the test firms: any tier, no patent floor, in 余姚. */
const openProduct = (title: string) =>
  creditProductInput({ title, regionCodes: ['330281'], industryCodes: [], eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null } });

describe('match requests: request, respond, complete, cancel; consent-based profile sharing; provider figures', () => {
  let app: TestApp;
  let authority: string;
  let bank: Org;
  let otherBank: Org;
  let firm: Org;
  let otherFirm: Org;
  let productId: string;
  let secondProductId: string;

  async function expectRefusal(query: string, variables: Record<string, unknown>, token: string | undefined, code: string, field?: string) {
    const before = await writeSnapshot(app);
    const res = await app.gql(query, variables, token);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject(field ? { code, field } : { code });
    expect(res.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    expect(res.errors![0]!.message.trim()).not.toBe('');
    expect(await writeSnapshot(app)).toEqual(before);
    return res.errors![0]!;
  }

  const list = async (token: string, role: 'SENT' | 'RECEIVED', extra: Record<string, unknown> = {}) =>
    ok<{ totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: Request }> }>(
      await app.gql(MATCH_REQUESTS, { role, ...extra }, token),
      'matchRequests',
    );

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    otherBank = await registerOrg(app, 'BANK', { verifyWith: authority });
    firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    otherFirm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    for (const org of [firm, otherFirm]) expect((await app.gql(UPSERT_PROFILE, { i: profileInput() }, org.token)).errors).toBeUndefined();
    productId = (await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: openProduct('姚江科创信用贷') })).id;
    secondProductId = (await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: openProduct('姚江人才贷') })).id;
    await publishListing(app, bank.token, productId);
    await publishListing(app, bank.token, secondProductId);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the whole journey: request with consent → the owner sees the profile in leads → accept → complete with a rating', async () => {
    // Before any request: a lead without a profile, and the profile itself is closed to the bank.
    const before = ok<Array<{ enterprise: { id: string }; profile: unknown }>>(await app.gql(LEADS, { id: productId }, bank.token), 'leads');
    expect(before.find((l) => l.enterprise.id === firm.organizationId)?.profile).toBeNull();
    expect((await app.gql(PROFILE, { id: firm.organizationId }, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const created = ok<Request>(await app.gql(REQUEST_MATCH, { i: { listingId: productId, shareProfile: true, message: '  拟申请 500 万元，期限 12 个月  ' } }, firm.token), 'requestMatch');
    expect(created).toMatchObject({ status: 'PENDING', shareProfile: true, message: '拟申请 500 万元，期限 12 个月', listing: { id: productId }, enterprise: { id: firm.organizationId }, outcome: null, rating: null });
    expect((await outboxFor(app, created.id)).map((e) => e.type)).toEqual(['match-request.created']);
    // A credit product: the amount applied for defaults to the profile's financing need.
    expect(created.requestedAmount).toBe(profileInput().financingNeed.amount);

    // Consent given: the bank now reads the profile (financials included), directly and in its leads; another bank does not.
    const profile = ok<{ organization: { id: string }; financials: unknown[] }>(await app.gql(PROFILE, { id: firm.organizationId }, bank.token), 'enterpriseProfile');
    expect(profile.organization.id).toBe(firm.organizationId);
    expect(profile.financials.length).toBeGreaterThan(0);
    const leads = ok<Array<{ enterprise: { id: string }; profile: { organization: { id: string } } | null }>>(await app.gql(LEADS, { id: productId }, bank.token), 'leads');
    expect(leads.find((l) => l.enterprise.id === firm.organizationId)?.profile?.organization.id).toBe(firm.organizationId);
    expect(leads.find((l) => l.enterprise.id === otherFirm.organizationId)?.profile ?? null).toBeNull();
    expect((await app.gql(PROFILE, { id: firm.organizationId }, otherBank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Both sides list it; nobody else does.
    expect((await list(firm.token, 'SENT')).edges.map((e) => e.node.id)).toEqual([created.id]);
    expect((await list(bank.token, 'RECEIVED')).edges.map((e) => e.node.id)).toEqual([created.id]);
    expect((await list(otherBank.token, 'RECEIVED')).totalCount).toBe(0);
    expect((await list(otherFirm.token, 'SENT')).totalCount).toBe(0);

    const accepted = ok<Request>(await app.gql(RESPOND, { id: created.id, accept: true, m: '请于本周内提交近两年审计报告' }, bank.token), 'respondToMatchRequest');
    expect(accepted).toMatchObject({ status: 'ACCEPTED', responseMessage: '请于本周内提交近两年审计报告' });
    const completed = ok<Request>(await app.gql(COMPLETE, { id: created.id, o: 'SUCCESS', r: 5 }, firm.token), 'completeMatchRequest');
    expect(completed).toMatchObject({ status: 'COMPLETED', outcome: 'SUCCESS', rating: 5 });
    expect((await outboxFor(app, created.id)).map((e) => e.type)).toEqual(['match-request.created', 'match-request.responded', 'match-request.completed']);

    // The timeline: one step per transition, oldest first, each naming who acted; both sides read the same one.
    type Step = { kind: string; status: string | null; note: string | null; actorOrganization: { id: string } | null };
    const timelineOf = async (token: string, first?: number, after?: string) =>
      ok<{ edges: Array<{ node: { id: string; timeline: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; entries: Step[] } } }> }>(
        await app.gql(TIMELINE, { role: token === firm.token ? 'SENT' : 'RECEIVED', first, after }, token),
        'matchRequests',
      ).edges.find((e) => e.node.id === created.id)!.node.timeline;
    const steps = await timelineOf(firm.token);
    expect(steps.totalCount).toBe(3);
    expect(steps.entries).toEqual([
      { kind: 'CREATED', status: 'PENDING', note: null, actorOrganization: { id: firm.organizationId } },
      { kind: 'STATUS_CHANGED', status: 'ACCEPTED', note: '请于本周内提交近两年审计报告', actorOrganization: { id: bank.organizationId } },
      { kind: 'STATUS_CHANGED', status: 'COMPLETED', note: null, actorOrganization: { id: firm.organizationId } },
    ]);
    expect((await timelineOf(bank.token)).entries).toEqual(steps.entries);
    // Paged: two, then the last one after the cursor.
    const firstTwo = await timelineOf(firm.token, 2);
    expect(firstTwo.entries.map((e) => e.status)).toEqual(['PENDING', 'ACCEPTED']);
    expect(firstTwo.pageInfo.hasNextPage).toBe(true);
    const rest = await timelineOf(firm.token, 2, firstTwo.pageInfo.endCursor);
    expect(rest.entries.map((e) => e.status)).toEqual(['COMPLETED']);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    // Each side was told, once per event.
    await app.drain();
    const bankNotes = ok<Array<{ kind: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, bank.token), 'notifications');
    expect(bankNotes.map((n) => n.kind).sort()).toEqual(['match-request.completed', 'match-request.created', 'organization.verified'].sort());
    expect(bankNotes.find((n) => n.kind === 'match-request.created')!.body).toContain('授权您查看其企业档案');
    const firmNotes = ok<Array<{ kind: string; title: string }>>(await app.gql(NOTIFICATIONS, {}, firm.token), 'notifications');
    expect(firmNotes.filter((n) => n.kind === 'match-request.responded').map((n) => n.title)).toEqual(['对接申请已接受：姚江科创信用贷']);
  });

  it('one open request per enterprise and listing: a second is CONFLICT; after a decline a new one is allowed', async () => {
    const id = await requestMatch(app, otherFirm.token, productId);
    const err = await expectRefusal(REQUEST_MATCH, { i: { listingId: productId, shareProfile: false } }, otherFirm.token, 'CONFLICT', 'input.listingId');
    expect(err.message).toContain(id);
    ok(await app.gql(RESPOND, { id, accept: false, m: '暂不符合授信条件', r: 'CREDIT_INELIGIBLE' }, bank.token), 'respondToMatchRequest');
    const again = await requestMatch(app, otherFirm.token, productId);
    expect(again).not.toBe(id);
    ok(await app.gql(CANCEL, { id: again }, otherFirm.token), 'cancelMatchRequest');
    expect(await matchRequestStatus(app, again)).toBe('CANCELLED');
  });

  it('state rules: completing a PENDING one, responding twice, cancelling an accepted one → CONFLICT; nothing written', async () => {
    const id = await requestMatch(app, firm.token, secondProductId);
    await expectRefusal(COMPLETE, { id, o: 'SUCCESS', r: 4 }, firm.token, 'CONFLICT', 'id');
    ok(await app.gql(RESPOND, { id, accept: true }, bank.token), 'respondToMatchRequest');
    await expectRefusal(RESPOND, { id, accept: false }, bank.token, 'CONFLICT', 'id');
    await expectRefusal(CANCEL, { id }, firm.token, 'CONFLICT', 'id');
    ok(await app.gql(COMPLETE, { id, o: 'FAILURE', r: 2 }, firm.token), 'completeMatchRequest');
    await expectRefusal(COMPLETE, { id, o: 'SUCCESS', r: 5 }, firm.token, 'CONFLICT', 'id');
  });

  it('bad input: ratings outside 1–5, drafts, closed listings, unknown ids, long messages, first over 100, bad cursors', async () => {
    const id = await requestMatch(app, otherFirm.token, secondProductId);
    ok(await app.gql(RESPOND, { id, accept: true }, bank.token), 'respondToMatchRequest');
    for (const r of [0, 6, -1]) await expectRefusal(COMPLETE, { id, o: 'SUCCESS', r }, otherFirm.token, 'BAD_USER_INPUT', 'rating');
    expect(await matchRequestStatus(app, id)).toBe('ACCEPTED');

    const draft = await createListing(app, otherBank.token, 'CREDIT_PRODUCT', { overrides: openProduct('未发布的草稿产品') });
    await expectRefusal(REQUEST_MATCH, { i: { listingId: draft.id, shareProfile: true } }, firm.token, 'NOT_FOUND', 'input.listingId');
    const closed = await createListing(app, otherBank.token, 'CREDIT_PRODUCT', { overrides: openProduct('已下线产品') });
    await publishListing(app, otherBank.token, closed.id);
    ok(await app.gql(CLOSE, { id: closed.id }, otherBank.token), 'closeListing');
    await expectRefusal(REQUEST_MATCH, { i: { listingId: closed.id, shareProfile: true } }, firm.token, 'BAD_USER_INPUT', 'input.listingId');
    await expectRefusal(REQUEST_MATCH, { i: { listingId: 'not-a-uuid', shareProfile: true } }, firm.token, 'BAD_USER_INPUT', 'input.listingId');
    await expectRefusal(REQUEST_MATCH, { i: { listingId: closed.id, shareProfile: true, requestedAmount: 0 } }, firm.token, 'BAD_USER_INPUT', 'input.requestedAmount');
    await expectRefusal(REQUEST_MATCH, { i: { listingId: productId, shareProfile: true, message: '长'.repeat(2001) } }, otherFirm.token, 'BAD_USER_INPUT', 'input.message');
    await expectRefusal(RESPOND, { id: '00000000-0000-4000-8000-000000000000', accept: true }, bank.token, 'NOT_FOUND');
    await expectRefusal(MATCH_REQUESTS, { role: 'SENT', first: 101 }, firm.token, 'BAD_USER_INPUT');
    await expectRefusal(MATCH_REQUESTS, { role: 'SENT', after: 'bm90LWEtY3Vyc29y' }, firm.token, 'BAD_USER_INPUT', 'after');
    await expectRefusal(MATCH_REQUESTS, { role: 'SENT' }, undefined, 'UNAUTHENTICATED');
  });

  it('pages newest first with cursors and filters by status', async () => {
    const all = await list(firm.token, 'SENT');
    expect(all.totalCount).toBe(2);
    const first = await list(firm.token, 'SENT', { first: 1 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(firm.token, 'SENT', { first: 1, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));
    expect(first.edges[0]!.cursor).toBe(first.pageInfo.endCursor);
    const received = await list(bank.token, 'RECEIVED', { status: 'COMPLETED' });
    expect(received.edges.map((e) => e.node.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it("a rating feeds the provider's service offerings: the worker rescores them with the new average", async () => {
    const authorityToken = authority;
    const provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authorityToken });
    const offering = (await createListing(app, provider.token, 'SERVICE_OFFERING')).id;
    await publishListing(app, provider.token, offering);
    await app.drain();
    const ratingLabel = async () => {
      const recs = ok<Array<{ listing: { id: string }; reasons: Array<{ code: string; label: string }> }>>(
        await app.gql(`query { recommendations(kinds: [SERVICE_OFFERING], first: 100) { listing { id } reasons { code label } } }`, {}, otherFirm.token),
        'recommendations',
      );
      return recs.find((r) => r.listing.id === offering)?.reasons.find((x) => x.code === 'SERVICE.PROVIDER_RATING')?.label;
    };
    expect(await ratingLabel()).toBe('服务商暂无评分');
    const id = await requestMatch(app, otherFirm.token, offering);
    ok(await app.gql(RESPOND, { id, accept: true }, provider.token), 'respondToMatchRequest');
    ok(await app.gql(COMPLETE, { id, o: 'SUCCESS', r: 4 }, otherFirm.token), 'completeMatchRequest');
    await app.drain();
    expect(await ratingLabel()).toBe('服务商评分 4 / 5');
  });

  it("the bank's figures follow its requests (hand-computed), and consent ends when a request is declined or cancelled", async () => {
    // The bank received 5: firm → COMPLETED (SUCCESS, 5) and COMPLETED (FAILURE, 2); otherFirm → DECLINED, CANCELLED, ACCEPTED.
    const stats = ok<{ matchStats: Record<string, number | null> }>(await app.gql(STATS, { id: bank.organizationId }, firm.token), 'organization').matchStats;
    const [{ n }] = await sql(app, 'SELECT count(*)::int AS n FROM match_requests WHERE owner_organization_id = $1', [bank.organizationId]);
    expect(stats).toMatchObject({ requestsReceived: n, pending: 0, accepted: 1, declined: 1, completed: 2, successful: 1, cancelled: 1, ratingCount: 2, averageRating: 3.5, successRate: 0.5 });
    // Responded = accepted 1 + declined 1 + completed 2 = 4; accepted or completed = 3.
    expect(stats.acceptanceRate).toBe(0.75);
    expect(stats.medianResponseHours).toBeGreaterThanOrEqual(0);
    const enterprise = ok<{ matchStats: unknown }>(await app.gql(STATS, { id: firm.organizationId }, bank.token), 'organization');
    expect(enterprise.matchStats).toBeNull();

    // Consent lasts while a request is open or completed; cancelling withdraws it.
    const third = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    expect((await app.gql(UPSERT_PROFILE, { i: profileInput() }, third.token)).errors).toBeUndefined();
    const id = await requestMatch(app, third.token, productId, true);
    expect((await app.gql(PROFILE, { id: third.organizationId }, bank.token)).errors).toBeUndefined();
    ok(await app.gql(CANCEL, { id }, third.token), 'cancelMatchRequest');
    expect((await app.gql(PROFILE, { id: third.organizationId }, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
