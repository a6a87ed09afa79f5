import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectError } from '../helpers/expect-error.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import {
  APPLY,
  CLOSE,
  LISTING,
  PUBLISH,
  REQUEST_MATCH,
  beijingDate,
  closeListing,
  createListing,
  createPark,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  sql,
  type Org,
} from '../helpers/listing-fixtures.js';

/**
 * Issue 24 (ADR 0031), through GraphQL: who closed a listing decides who reopens it (the owner's own
 * close vs. the AUTHORITY's takedown, its appeal and reinstatement, each step told to both sides);
 * parks edited and listed, their vacancies paged; drafts deleted, published listings not; partial
 * updates that keep untouched fields; match requests and 揭榜 applications from verified requesters only.
 */

const CLOSED_BY = `query($id: ID!) { listing(id: $id) { id status closedBy closedReason version } }`;
const APPEAL = `mutation($id: ID!, $m: String!) { appealTakedown(id: $id, message: $m) { id status message takedownReason resolutionNote } }`;
const REINSTATE = `mutation($id: ID!, $n: String!) { reinstateListing(id: $id, note: $n) { id status closedBy closedReason } }`;
const DESK = `query($open: Boolean, $first: Int, $after: String) {
  takedownAppeals(openOnly: $open, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status message takedownReason resolutionNote listing { id status } owner { id } } } } }`;
const NOTICES = `{ notifications(first: 100) { kind title body target { __typename ... on Listing { id } } } }`;
const DELETE = `mutation($id: ID!) { deleteListing(id: $id) }`;
const UPDATE_PARK = `mutation($id: ID!, $p: ParkPatch!) { updatePark(id: $id, patch: $p) { id name regionCode starRating industries address } }`;
const MY_PARKS = `query($first: Int, $after: String) { myParks(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;
const VACANCIES = `query($id: ID!, $s: ListingStatus) { park(id: $id) { vacancies(status: $s, first: 10) { totalCount edges { node { id status regionCodes } } } } }`;
const PATCH_SERVICE = `mutation($id: ID!, $p: ServiceOfferingPatch, $i: ServiceOfferingInput) {
  updateServiceOffering(id: $id, patch: $p, input: $i) { id version title description regionCodes tags category priceMin priceMax acceptsServiceVoucher } }`;
const PATCH_CREDIT = `mutation($id: ID!, $p: CreditProductPatch) {
  updateCreditProduct(id: $id, patch: $p) { id title amountMin amountMax annualRateMin annualRateMax eligibility { tiers minAnnualRevenue minInventionPatents maxDebtRatio } partnerInvestor } }`;
const PATCH_CHALLENGE = `mutation($id: ID!, $p: ChallengePatch) { updateChallenge(id: $id, patch: $p) { id budget applyBy completionDeadline indicators techField } }`;
const PATCH_VACANCY = `mutation($id: ID!, $p: ParkVacancyPatch) { updateParkVacancy(id: $id, patch: $p) { id rentPerSqmDay floor entryConditions areaSqm park { id } } }`;
const PATCH_PROFILE = `mutation($p: EnterpriseProfilePatch!) { patchEnterpriseProfile(patch: $p) { version capabilities mainProducts financingNeed { amount } financials { year revenue } } }`;

interface Notice {
  kind: string;
  title: string;
  body: string;
  target: { __typename: string; id?: string } | null;
}

describe('listing lifecycle (issue 24)', () => {
  let app: TestApp;
  let authority: string;
  let provider: Org;
  let bank: Org;
  let anchor: Org;
  let operator: Org;
  let otherOperator: Org;
  let firm: Org;

  const noticesAbout = async (token: string, listingId: string): Promise<Notice[]> =>
    ok<Notice[]>(await app.gql(NOTICES, {}, token), 'notifications').filter((n) => n.target?.id === listingId);

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    operator = await registerOrg(app, 'PARK_OPERATOR', { verifyWith: authority });
    otherOperator = await registerOrg(app, 'PARK_OPERATOR', { verifyWith: authority });
    firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('who closed it decides who reopens it', () => {
    it('an owner that closed its own listing with a reason publishes it again', async () => {
      const { id } = await createListing(app, provider.token, 'SERVICE_OFFERING');
      await publishListing(app, provider.token, id);
      await closeListing(app, provider.token, id, '年底检测排期已满');
      expect(ok(await app.gql(CLOSED_BY, { id }, provider.token), 'listing')).toMatchObject({ status: 'CLOSED', closedBy: 'OWNER', closedReason: '年底检测排期已满' });
      expect(ok(await app.gql(PUBLISH, { id }, provider.token), 'publishListing')).toMatchObject({ status: 'PUBLISHED', closedReason: null });
      expect(ok(await app.gql(CLOSED_BY, { id }, provider.token), 'listing')).toMatchObject({ closedBy: null });
      // Its own close is not an appealable takedown.
      await closeListing(app, provider.token, id, '暂停接单');
      expectError(await app.gql(APPEAL, { id, m: '申诉' }, provider.token), 'CONFLICT', 'id');
    });

    it('an AUTHORITY takedown: the owner is refused, appeals (on the desk), the AUTHORITY reinstates; both sides told with the reason each step', async () => {
      const { id } = await createListing(app, provider.token, 'SERVICE_OFFERING');
      await publishListing(app, provider.token, id);
      const reason = '宣传用语夸大，与资质不符';
      ok(await app.gql(CLOSE, { id, reason }, authority), 'closeListing');
      expect(ok(await app.gql(CLOSED_BY, { id }, provider.token), 'listing')).toMatchObject({ status: 'CLOSED', closedBy: 'AUTHORITY', closedReason: reason });
      // The takedown notice quotes the reason while the takedown stands (ListingClosedNotifier): let it go out.
      await app.drain();

      const refused = expectError(await app.gql(PUBLISH, { id }, provider.token), 'FORBIDDEN', 'id');
      expect(refused.message).toMatch(/^该信息已被主管部门下架/);
      expect(refused.message).toContain(reason);
      expect(refused.message).toContain('appealTakedown');
      // The owner closing it again changes nothing: still the AUTHORITY's takedown.
      await closeListing(app, provider.token, id);
      expect(ok(await app.gql(CLOSED_BY, { id }, provider.token), 'listing')).toMatchObject({ closedBy: 'AUTHORITY' });
      // Reinstating needs a note; only the AUTHORITY reinstates.
      expectError(await app.gql(REINSTATE, { id, n: '   ' }, authority), 'BAD_USER_INPUT', 'note');
      expectError(await app.gql(REINSTATE, { id, n: '自行恢复' }, provider.token), 'FORBIDDEN');

      expectError(await app.gql(APPEAL, { id, m: '' }, provider.token), 'BAD_USER_INPUT', 'message');
      expectError(await app.gql(APPEAL, { id, m: '很'.repeat(1001) }, provider.token), 'BAD_USER_INPUT', 'message');
      const appeal = ok(await app.gql(APPEAL, { id, m: '已删除夸大表述，并补充检测资质证书' }, provider.token), 'appealTakedown');
      expect(appeal).toMatchObject({ status: 'OPEN', takedownReason: reason, resolutionNote: null });
      expectError(await app.gql(APPEAL, { id, m: '再次申诉' }, provider.token), 'CONFLICT', 'id');
      // Another provider cannot appeal for it; only the AUTHORITY reads the desk.
      const stranger = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
      expectError(await app.gql(APPEAL, { id, m: '替人申诉' }, stranger.token), 'FORBIDDEN');
      expectError(await app.gql(DESK, {}, provider.token), 'FORBIDDEN');

      const desk = ok(await app.gql(DESK, { first: 100 }, authority), 'takedownAppeals');
      const row = desk.edges.find((e: { node: { id: string } }) => e.node.id === appeal.id);
      expect(row.node).toMatchObject({ status: 'OPEN', message: '已删除夸大表述，并补充检测资质证书', listing: { id, status: 'CLOSED' }, owner: { id: provider.organizationId } });

      const reinstated = ok(await app.gql(REINSTATE, { id, n: '经核实已整改，予以恢复' }, authority), 'reinstateListing');
      expect(reinstated).toMatchObject({ status: 'PUBLISHED', closedBy: null, closedReason: null });
      expectError(await app.gql(REINSTATE, { id, n: '再次恢复' }, authority), 'CONFLICT', 'id');
      const after = ok(await app.gql(DESK, { first: 100 }, authority), 'takedownAppeals');
      expect(after.edges.some((e: { node: { id: string } }) => e.node.id === appeal.id)).toBe(false);
      const all = ok(await app.gql(DESK, { open: false, first: 100 }, authority), 'takedownAppeals');
      expect(all.edges.find((e: { node: { id: string } }) => e.node.id === appeal.id).node).toMatchObject({ status: 'REINSTATED', resolutionNote: '经核实已整改，予以恢复' });

      await app.drain();
      const owner = await noticesAbout(provider.token, id);
      expect(owner.map((n) => n.kind).sort()).toEqual(['listing.reinstated', 'listing.takedown-appealed', 'listing.taken-down']);
      for (const n of owner) expect(n.body).toContain(reason);
      expect(owner.find((n) => n.kind === 'listing.takedown-appealed')!.body).toContain('已删除夸大表述');
      expect(owner.find((n) => n.kind === 'listing.reinstated')!.body).toContain('经核实已整改，予以恢复');
      const desk2 = await noticesAbout(authority, id);
      expect(desk2.map((n) => n.kind).sort()).toEqual(['listing.reinstated', 'listing.takedown-appealed', 'listing.taken-down']);
      for (const n of desk2) expect(n.body).toContain(reason);
      expect(desk2.find((n) => n.kind === 'listing.takedown-appealed')!.body).toContain('已删除夸大表述');
    });

    it('a listing its owner had closed, then taken down by the AUTHORITY, stays down until reinstated; a reinstatement without an appeal works too', async () => {
      const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT');
      await publishListing(app, bank.token, id);
      await closeListing(app, bank.token, id, '额度已用完');
      ok(await app.gql(CLOSE, { id, reason: '利率信息不实' }, authority), 'closeListing');
      expect(ok(await app.gql(CLOSED_BY, { id }, bank.token), 'listing')).toMatchObject({ status: 'CLOSED', closedBy: 'AUTHORITY', closedReason: '利率信息不实' });
      expectError(await app.gql(PUBLISH, { id }, bank.token), 'FORBIDDEN', 'id');
      expect(ok(await app.gql(REINSTATE, { id, n: '已更正利率' }, authority), 'reinstateListing')).toMatchObject({ status: 'PUBLISHED' });
    });

    it('a challenge whose applyBy passed while down is cleared for its owner, not republished; the owner fixes the date and publishes', async () => {
      const { id } = await createListing(app, anchor.token, 'CHALLENGE');
      await publishListing(app, anchor.token, id);
      ok(await app.gql(CLOSE, { id, reason: '预算不实' }, authority), 'closeListing');
      await sql(app, `UPDATE challenges SET apply_by = $2 WHERE listing_id = $1`, [id, beijingDate(-1)]);
      expect(ok(await app.gql(REINSTATE, { id, n: '预算已核实' }, authority), 'reinstateListing')).toMatchObject({ status: 'CLOSED', closedBy: 'OWNER' });
      ok(await app.gql(PATCH_CHALLENGE, { id, p: { applyBy: beijingDate(20) } }, anchor.token), 'updateChallenge');
      expect(ok(await app.gql(PUBLISH, { id }, anchor.token), 'publishListing')).toMatchObject({ status: 'PUBLISHED' });
    });
  });

  describe('parks and drafts', () => {
    it('updatePark changes only the fields given; a new region moves its vacancies; another operator is refused', async () => {
      const park = await createPark(app, operator.token);
      const vacancy = await createListing(app, operator.token, 'PARK_VACANCY', { parkId: park.id });
      await publishListing(app, operator.token, vacancy.id);
      const before = ok(await app.gql(`query($id: ID!) { park(id: $id) { id name regionCode starRating industries address } }`, { id: park.id }, operator.token), 'park');
      const renamed = ok(await app.gql(UPDATE_PARK, { id: park.id, p: { name: '余姚智能装备产业园（二期）', starRating: null } }, operator.token), 'updatePark');
      expect(renamed).toEqual({ ...before, name: '余姚智能装备产业园（二期）', starRating: null });
      expectError(await app.gql(UPDATE_PARK, { id: park.id, p: { address: null } }, operator.token), 'BAD_USER_INPUT', 'patch.address');
      expectError(await app.gql(UPDATE_PARK, { id: park.id, p: { regionCode: '999999' } }, operator.token), 'BAD_USER_INPUT', 'patch.regionCode');
      expectError(await app.gql(UPDATE_PARK, { id: park.id, p: { name: '抢来的园区' } }, otherOperator.token), 'FORBIDDEN');
      const moved = ok(await app.gql(UPDATE_PARK, { id: park.id, p: { regionCode: '330211' } }, operator.token), 'updatePark');
      expect(moved.regionCode).toBe('330211');
      const vacancies = ok(await app.gql(VACANCIES, { id: park.id }, firm.token), 'park').vacancies;
      expect(vacancies.edges.map((e: { node: { id: string; regionCodes: string[] } }) => e.node)).toEqual([{ id: vacancy.id, status: 'PUBLISHED', regionCodes: ['330211'] }]);
    });

    it('myParks pages the caller’s own parks; Park.vacancies shows drafts to the operator only', async () => {
      const fresh = await registerOrg(app, 'PARK_OPERATOR', { verifyWith: authority });
      const parks = [];
      for (let i = 0; i < 3; i += 1) parks.push(await createPark(app, fresh.token));
      const first = ok(await app.gql(MY_PARKS, { first: 2 }, fresh.token), 'myParks');
      expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      const second = ok(await app.gql(MY_PARKS, { first: 2, after: first.pageInfo.endCursor }, fresh.token), 'myParks');
      const ids = [...first.edges, ...second.edges].map((e: { node: { id: string } }) => e.node.id);
      expect(ids).toEqual(parks.map((p) => p.id).reverse());
      expectError(await app.gql(MY_PARKS, { first: 101 }, fresh.token), 'BAD_USER_INPUT', 'first');
      expectError(await app.gql(MY_PARKS, {}, firm.token), 'FORBIDDEN');

      const draft = await createListing(app, fresh.token, 'PARK_VACANCY', { parkId: parks[0]!.id });
      const asOperator = ok(await app.gql(VACANCIES, { id: parks[0]!.id }, fresh.token), 'park').vacancies;
      expect(asOperator).toMatchObject({ totalCount: 1, edges: [{ node: { id: draft.id, status: 'DRAFT' } }] });
      expect(ok(await app.gql(VACANCIES, { id: parks[0]!.id }, firm.token), 'park').vacancies).toEqual({ totalCount: 0, edges: [] });
      expect(ok(await app.gql(VACANCIES, { id: parks[0]!.id, s: 'PUBLISHED' }, fresh.token), 'park').vacancies.totalCount).toBe(0);
    });

    it('a draft never published is deleted; a published (even closed) one is refused with CONFLICT; another’s draft is NOT_FOUND', async () => {
      const draft = await createListing(app, provider.token, 'SERVICE_OFFERING');
      const stranger = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
      expectError(await app.gql(DELETE, { id: draft.id }, stranger.token), 'NOT_FOUND');
      expect(ok(await app.gql(DELETE, { id: draft.id }, provider.token), 'deleteListing')).toBe(draft.id);
      expect(ok(await app.gql(LISTING, { id: draft.id }, provider.token), 'listing')).toBeNull();
      expect((await sql(app, 'SELECT count(*)::int AS n FROM service_offerings WHERE listing_id = $1', [draft.id]))[0].n).toBe(0);
      expectError(await app.gql(DELETE, { id: draft.id }, provider.token), 'NOT_FOUND');

      const published = await createListing(app, provider.token, 'SERVICE_OFFERING');
      await publishListing(app, provider.token, published.id);
      const refused = expectError(await app.gql(DELETE, { id: published.id }, provider.token), 'CONFLICT', 'id');
      expect(refused.message).toMatch(/^该服务产品已发布过，不能删除.*closeListing/);
      await closeListing(app, provider.token, published.id);
      expectError(await app.gql(DELETE, { id: published.id }, provider.token), 'CONFLICT', 'id');
      expect(ok(await app.gql(LISTING, { id: published.id }, provider.token), 'listing')).toMatchObject({ status: 'CLOSED' });
    });
  });

  describe('partial updates keep what they do not name', () => {
    it('a service offering: a patch changes the title only; null clears priceMax; a required field cannot be cleared; validation runs on the merged whole', async () => {
      const { id } = await createListing(app, provider.token, 'SERVICE_OFFERING');
      const before = ok(await app.gql(`query($id: ID!) { listing(id: $id) { ... on ServiceOffering { description regionCodes tags category priceMin priceMax acceptsServiceVoucher } } }`, { id }, provider.token), 'listing');
      const patched = ok(await app.gql(PATCH_SERVICE, { id, p: { title: '专利导航分析（部分修改）' } }, provider.token), 'updateServiceOffering');
      expect(patched).toMatchObject({ ...before, title: '专利导航分析（部分修改）', version: 2 });
      expect(ok(await app.gql(PATCH_SERVICE, { id, p: { priceMax: null } }, provider.token), 'updateServiceOffering')).toMatchObject({ priceMin: before.priceMin, priceMax: null, title: '专利导航分析（部分修改）' });
      expectError(await app.gql(PATCH_SERVICE, { id, p: { category: null } }, provider.token), 'BAD_USER_INPUT', 'patch.category');
      // priceMin above the stored priceMax: checked against the merged whole.
      await app.gql(PATCH_SERVICE, { id, p: { priceMax: 30_000 } }, provider.token);
      expectError(await app.gql(PATCH_SERVICE, { id, p: { priceMin: 50_000 } }, provider.token), 'BAD_USER_INPUT', 'patch.priceMin');
      expectError(await app.gql(PATCH_SERVICE, { id, p: { title: ' ' } }, provider.token), 'BAD_USER_INPUT', 'patch.title');
      // Exactly one of input and patch.
      expectError(await app.gql(PATCH_SERVICE, { id }, provider.token), 'BAD_USER_INPUT');
      expect((await sql(app, 'SELECT version FROM listings WHERE id = $1', [id]))[0].version).toBe(4);
    });

    it('a credit product: eligibility changed item by item; a challenge and a vacancy likewise', async () => {
      const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT');
      const credit = ok(await app.gql(PATCH_CREDIT, { id, p: { amountMax: 20_000_000, eligibility: { maxDebtRatio: null, minInventionPatents: 2 } } }, bank.token), 'updateCreditProduct');
      expect(credit).toMatchObject({
        amountMin: 1_000_000,
        amountMax: 20_000_000,
        annualRateMin: 3.2,
        eligibility: { tiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 10_000_000, minInventionPatents: 2, maxDebtRatio: null },
      });
      expectError(await app.gql(PATCH_CREDIT, { id, p: { amountMin: 30_000_000 } }, bank.token), 'BAD_USER_INPUT', 'patch.amountMin');
      expectError(await app.gql(PATCH_CREDIT, { id, p: { eligibility: null } }, bank.token), 'BAD_USER_INPUT', 'patch.eligibility');

      const challenge = await createListing(app, anchor.token, 'CHALLENGE');
      const c = ok(await app.gql(PATCH_CHALLENGE, { id: challenge.id, p: { budget: 3_500_000, completionDeadline: null } }, anchor.token), 'updateChallenge');
      expect(c).toMatchObject({ budget: 3_500_000, applyBy: beijingDate(30), completionDeadline: null, techField: '精密传动', indicators: ['背隙 ≤ 10 弧秒', '寿命 ≥ 10000 小时'] });

      const park = await createPark(app, operator.token);
      const vacancy = await createListing(app, operator.token, 'PARK_VACANCY', { parkId: park.id });
      const v = ok(await app.gql(PATCH_VACANCY, { id: vacancy.id, p: { rentPerSqmDay: 1.1, entryConditions: null } }, operator.token), 'updateParkVacancy');
      expect(v).toMatchObject({ rentPerSqmDay: 1.1, entryConditions: null, floor: 1, areaSqm: 1200, park: { id: park.id } });
      const foreignPark = await createPark(app, otherOperator.token);
      expectError(await app.gql(PATCH_VACANCY, { id: vacancy.id, p: { parkId: foreignPark.id } }, operator.token), 'FORBIDDEN');
    });

    it('the enterprise profile: patchEnterpriseProfile keeps the rest; upsertEnterpriseProfile still replaces it whole', async () => {
      const fresh = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
      expectError(await app.gql(PATCH_PROFILE, { p: { capabilities: '无档案时部分修改' } }, fresh.token), 'NOT_FOUND');
      ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, fresh.token), 'upsertEnterpriseProfile');
      const patched = ok(await app.gql(PATCH_PROFILE, { p: { capabilities: '五轴联动精密加工', financingNeed: null } }, fresh.token), 'patchEnterpriseProfile');
      expect(patched).toMatchObject({ version: 2, capabilities: '五轴联动精密加工', mainProducts: ['精密齿轮减速机', '谐波减速器'], financingNeed: null });
      expect(patched.financials).toHaveLength(profileInput().financials.length);
      expectError(await app.gql(PATCH_PROFILE, { p: { industryCode: null } }, fresh.token), 'BAD_USER_INPUT', 'patch.industryCode');
      expectError(await app.gql(PATCH_PROFILE, { p: { foundedOn: beijingDate(10) } }, fresh.token), 'BAD_USER_INPUT', 'patch.foundedOn');
      expectError(await app.gql(PATCH_PROFILE, { p: { capabilities: '企业不能改' } }, provider.token), 'FORBIDDEN');
    });
  });

  describe('requests need a verified requester', () => {
    it('an unverified enterprise is told to get verified; once verified it requests and applies', async () => {
      const newcomer = await registerOrg(app, 'ENTERPRISE');
      const product = await createListing(app, bank.token, 'CREDIT_PRODUCT');
      await publishListing(app, bank.token, product.id);
      const challenge = await createListing(app, anchor.token, 'CHALLENGE');
      await publishListing(app, anchor.token, challenge.id);
      const before = await sql(app, 'SELECT (SELECT count(*)::int FROM match_requests) AS m, (SELECT count(*)::int FROM challenge_applications) AS a');

      const request = expectError(await app.gql(REQUEST_MATCH, { i: { listingId: product.id, shareProfile: false } }, newcomer.token), 'FORBIDDEN');
      expect(request.message).toMatch(/^贵单位尚未通过认证.*请在“认证”中提交/);
      const application = expectError(await app.gql(APPLY, { i: { challengeId: challenge.id, proposal: '联合攻关' } }, newcomer.token), 'FORBIDDEN');
      expect(application.message).toMatch(/^贵单位尚未通过认证/);
      expect(await sql(app, 'SELECT (SELECT count(*)::int FROM match_requests) AS m, (SELECT count(*)::int FROM challenge_applications) AS a')).toEqual(before);

      ok(await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: newcomer.organizationId }, authority), 'verifyOrganization');
      expect(ok(await app.gql(REQUEST_MATCH, { i: { listingId: product.id, shareProfile: false } }, newcomer.token), 'requestMatch')).toMatchObject({ status: 'PENDING' });
      expect(ok(await app.gql(APPLY, { i: { challengeId: challenge.id, proposal: '联合攻关' } }, newcomer.token), 'applyToChallenge')).toMatchObject({ status: 'SUBMITTED' });
    });
  });
});
