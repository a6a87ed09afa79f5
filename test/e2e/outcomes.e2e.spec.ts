/**
 * Issue 17 items 3, 5 and 8 (part): coded decline reasons, the bank's credit decision, service
 * delivery and 揭榜 acceptance with contract value, and the figures they feed — through GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import {
  APPLY,
  DECIDE,
  REQUEST_MATCH,
  RESPOND,
  beijingDate,
  challengeInput,
  createListing,
  createMutation,
  inputFor,
  creditProductInput,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  serviceOfferingInput,
  sql,
  writeSnapshot,
  type Org,
} from '../helpers/listing-fixtures.js';

const OUTCOME_FIELDS = `id status requestedAmount declineReason { code kind label requiresText }
  creditDecision { approved amountGranted annualRatePercent termMonths disbursedOn declineReason { code label } note recordedAt }
  serviceDelivery { deliveredOn price note }`;
// Within the cost limit, which counts every page (ADR 0037): 30 requests × 20 timeline entries.
const SENT = `query { matchRequests(role: SENT, first: 30) { edges { node { ${OUTCOME_FIELDS} timeline(first: 20) { entries { kind status reasonCode note } } } } } }`;
const CREDIT_DECISION = `mutation($id: ID!, $i: CreditDecisionInput!) { recordCreditDecision(requestId: $id, input: $i) { ${OUTCOME_FIELDS} } }`;
const DELIVERY = `mutation($id: ID!, $i: ServiceDeliveryInput!) { recordServiceDelivery(requestId: $id, input: $i) { ${OUTCOME_FIELDS} } }`;
const REASONS = `query($k: DeclineReasonKind) { declineReasons(kind: $k) { code kind label requiresText } }`;
const FINANCING = `query($p: InsightsPeriod!) { financingInsights(period: $p) {
  productType requests completed successful completedAmount successfulAmount appliedAmount decided approved approvalRate grantedAmount medianDaysToDisbursement } }`;
const DECLINES = `query($p: InsightsPeriod!) { declineReasonInsights(period: $p) { institutionId institutionName kind stage reasonCode reasonLabel count } }`;
const STATS = `query($id: ID!) { organization(id: $id) { matchStats { requestsReceived declined creditApprovalRate medianDaysToDisbursement } } }`;
const APPLICATION = `query($id: ID!) { challengeApplication(id: $id) { id status contractValue rejectionReason { code label } } }`;
const DECIDE_WITH_VALUE = `mutation($id: ID!, $d: ApplicationDecision!, $v: SafeInt, $r: String) {
  decideChallengeApplication(id: $id, decision: $d, contractValue: $v, reasonCode: $r) { id status } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { kind title body } }`;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** The product of these tests: 1,000,000–10,000,000 yuan, up to 36 months, open to any firm. */
const PRODUCT = creditProductInput({
  title: '姚江人才贷（结果登记测试）',
  productType: 'TALENT_LOAN',
  regionCodes: ['330281'],
  industryCodes: [],
  amountMin: 1_000_000,
  amountMax: 10_000_000,
  termMonthsMax: 36,
  eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null },
});

type Outcome = {
  id: string;
  status: string;
  requestedAmount: number | null;
  declineReason: { code: string; kind: string; label: string } | null;
  creditDecision: Record<string, unknown> | null;
  serviceDelivery: Record<string, unknown> | null;
  timeline?: { entries: Array<{ kind: string; status: string | null; reasonCode: string | null; note: string | null }> };
};

describe('outcomes that count: coded reasons, credit decisions, deliveries, contract values', () => {
  let app: TestApp;
  let authority: string;
  let bank: Org;
  let otherBank: Org;
  let provider: Org;
  let anchor: Org;
  let firmA: Org;
  let firmB: Org;
  let firmC: Org;
  let productId: string;
  let offeringId: string;
  const today = beijingDate(0);
  const period = { from: today, to: today };
  const ids: Record<string, string> = {};

  /** A refusal with the code and field, and nothing written (listing tables, match requests, outbox, timeline). */
  async function expectRefused(query: string, variables: Record<string, unknown>, token: string, code: string, field?: string): Promise<string> {
    const before = { ...(await writeSnapshot(app)), timeline: (await sql(app, 'SELECT count(*)::int AS n FROM timeline_entries'))[0].n };
    const res = await app.gql(query, variables, token);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject(field ? { code, field } : { code });
    expect({ ...(await writeSnapshot(app)), timeline: (await sql(app, 'SELECT count(*)::int AS n FROM timeline_entries'))[0].n }).toEqual(before);
    return res.errors![0]!.message;
  }
  const sentBy = async (firm: Org, id: string) =>
    ok<{ edges: Array<{ node: Outcome }> }>(await app.gql(SENT, {}, firm.token), 'matchRequests').edges.find((e) => e.node.id === id)!.node;
  const financingRow = async () =>
    ok<Array<Record<string, unknown>>>(await app.gql(FINANCING, { p: period }, authority), 'financingInsights').find((r) => r.productType === 'TALENT_LOAN');

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    otherBank = await registerOrg(app, 'BANK', { verifyWith: authority });
    provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    firmA = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    firmB = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    firmC = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    // Financing need 5,000,000 yuan (inside the product's range): firm B's request defaults to it.
    for (const firm of [firmA, firmB, firmC]) expect((await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm.token)).errors).toBeUndefined();
    productId = (await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: PRODUCT })).id;
    await publishListing(app, bank.token, productId);
    offeringId = (await createListing(app, provider.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ regionCodes: ['330281'] }) })).id;
    await publishListing(app, provider.token, offeringId);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the reasons per kind for any signed-in caller', async () => {
    const credit = ok<Array<{ code: string; label: string; requiresText: boolean }>>(await app.gql(REASONS, { k: 'CREDIT_PRODUCT' }, firmA.token), 'declineReasons');
    expect(credit.map((r) => r.label)).toEqual(['不符合准入条件', '资料不全', '额度已满', '风险评估未通过', '其他']);
    expect(credit.filter((r) => r.requiresText).map((r) => r.code)).toEqual(['CREDIT_OTHER']);
    const all = ok<unknown[]>(await app.gql(REASONS, {}, bank.token), 'declineReasons');
    expect(all.length).toBe(20);
    expect((await app.gql(REASONS, { k: 'CREDIT_PRODUCT' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('bounds the amount applied for by the product\'s range and 2^53 (2^53 − 1 used to break financingInsights)', async () => {
    const ask = (requestedAmount: number) => ({ i: { listingId: productId, shareProfile: false, requestedAmount } });
    const message = await expectRefused(REQUEST_MATCH, ask(MAX_SAFE), firmA.token, 'BAD_USER_INPUT', 'input.requestedAmount');
    expect(message).toContain('额度范围');
    await expectRefused(REQUEST_MATCH, ask(10_000_001), firmA.token, 'BAD_USER_INPUT', 'input.requestedAmount');
    await expectRefused(REQUEST_MATCH, ask(999_999), firmA.token, 'BAD_USER_INPUT', 'input.requestedAmount');
    // Above 2^53 the SafeInt scalar refuses it before the resolver.
    const over = await app.gql(REQUEST_MATCH, ask(2 ** 53), firmA.token);
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Both edges of the range are accepted.
    ids.a = ok<{ id: string; requestedAmount: number }>(await app.gql(REQUEST_MATCH, ask(10_000_000), firmA.token), 'requestMatch').id;
    ids.c = ok<{ id: string; requestedAmount: number }>(await app.gql(REQUEST_MATCH, ask(1_000_000), firmC.token), 'requestMatch').id;
    // A product's own maximum of 2^53 − 1 (two completed requests of that amount once made financingInsights
    // fail with INTERNAL_SERVER_ERROR) is now refused as implausible (issue 24: money within 10^13 元)…
    const refusedProduct = await app.gql(createMutation('CREDIT_PRODUCT'), { i: inputFor('CREDIT_PRODUCT', undefined, { ...PRODUCT, title: '无上限测试贷', productType: 'OTHER', amountMax: MAX_SAFE }) }, bank.token);
    expect(refusedProduct.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amountMax' });
    // …and under the largest plausible maximum (10^13) the platform ceiling of 10^10 yuan for a request applies.
    const huge = (await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: { ...PRODUCT, title: '无上限测试贷', productType: 'OTHER', amountMax: 10_000_000_000_000 } })).id;
    await publishListing(app, bank.token, huge);
    const askHuge = (requestedAmount: number) => ({ i: { listingId: huge, shareProfile: false, requestedAmount } });
    await expectRefused(REQUEST_MATCH, askHuge(MAX_SAFE), firmB.token, 'BAD_USER_INPUT', 'input.requestedAmount');
    await expectRefused(REQUEST_MATCH, askHuge(10_000_000_001), firmB.token, 'BAD_USER_INPUT', 'input.requestedAmount');
    // financingInsights answers (no INTERNAL_SERVER_ERROR).
    expect((await app.gql(FINANCING, { p: period }, authority)).errors).toBeUndefined();
  });

  it('refuses a decline without a reason code, or with another kind\'s code; the firm reads the reason and is told it', async () => {
    ids.b = await requestMatch(app, firmB.token, productId);
    expect(await expectRefused(RESPOND, { id: ids.b, accept: false }, bank.token, 'BAD_USER_INPUT', 'reasonCode')).toContain('CREDIT_INELIGIBLE');
    expect(await expectRefused(RESPOND, { id: ids.b, accept: false, r: 'SERVICE_FULLY_BOOKED' }, bank.token, 'BAD_USER_INPUT', 'reasonCode')).toContain('属于服务产品的理由列表');
    await expectRefused(RESPOND, { id: ids.b, accept: false, r: 'CREDIT_OTHER' }, bank.token, 'BAD_USER_INPUT', 'reasonCode');
    await expectRefused(RESPOND, { id: ids.b, accept: false, r: 'CREDIT_NOPE' }, bank.token, 'BAD_USER_INPUT', 'reasonCode');
    await expectRefused(RESPOND, { id: ids.b, accept: true, r: 'CREDIT_QUOTA_FULL' }, bank.token, 'BAD_USER_INPUT', 'reasonCode');

    ok(await app.gql(RESPOND, { id: ids.b, accept: false, r: 'CREDIT_QUOTA_FULL', m: '本季度额度已用完' }, bank.token), 'respondToMatchRequest');
    const seen = await sentBy(firmB, ids.b);
    expect(seen).toMatchObject({ status: 'DECLINED', requestedAmount: 5_000_000, declineReason: { code: 'CREDIT_QUOTA_FULL', kind: 'CREDIT_PRODUCT', label: '额度已满' } });
    expect(seen.timeline!.entries.at(-1)).toEqual({ kind: 'STATUS_CHANGED', status: 'DECLINED', reasonCode: 'CREDIT_QUOTA_FULL', note: '本季度额度已用完' });
    await app.drain();
    const notices = ok<Array<{ kind: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, firmB.token), 'notifications');
    expect(notices.find((n) => n.kind === 'match-request.responded')?.body).toContain('理由：额度已满');
  });

  it('a credit decision moves the financing figures from applied to granted', async () => {
    for (const id of [ids.a!, ids.c!]) ok(await app.gql(RESPOND, { id, accept: true }, bank.token), 'respondToMatchRequest');
    await app.drain();
    // Applied: 10,000,000 (A) + 5,000,000 (B, declined) + 1,000,000 (C) = 16,000,000; nothing decided yet.
    expect(await financingRow()).toEqual({
      productType: 'TALENT_LOAN', requests: 3, completed: 0, successful: 0, completedAmount: 0, successfulAmount: 0,
      appliedAmount: 16_000_000, decided: 0, approved: 0, approvalRate: null, grantedAmount: 0, medianDaysToDisbursement: null,
    });

    const granted = ok<Outcome>(
      await app.gql(CREDIT_DECISION, { id: ids.a, i: { approved: true, amountGranted: 8_000_000, annualRatePercent: 3.65, termMonths: 24, disbursedOn: today } }, bank.token),
      'recordCreditDecision',
    );
    expect(granted.creditDecision).toMatchObject({ approved: true, amountGranted: 8_000_000, annualRatePercent: 3.65, termMonths: 24, disbursedOn: today, declineReason: null });
    const refused = ok<Outcome>(
      await app.gql(CREDIT_DECISION, { id: ids.c, i: { approved: false, declineReasonCode: 'CREDIT_RISK_REJECTED' } }, bank.token),
      'recordCreditDecision',
    );
    expect(refused.creditDecision).toMatchObject({ approved: false, amountGranted: null, declineReason: { code: 'CREDIT_RISK_REJECTED', label: '风险评估未通过' } });

    // Granted 8,000,000 of 2 decisions (1 approved: 0.5); disbursed the day it was requested: 0 days.
    expect(await financingRow()).toMatchObject({ requests: 3, appliedAmount: 16_000_000, decided: 2, approved: 1, approvalRate: 0.5, grantedAmount: 8_000_000, medianDaysToDisbursement: 0 });
    const stats = ok<{ matchStats: Record<string, unknown> }>(await app.gql(STATS, { id: bank.organizationId }, firmA.token), 'organization').matchStats;
    expect(stats).toMatchObject({ requestsReceived: 3, declined: 1, creditApprovalRate: 0.5, medianDaysToDisbursement: 0 });

    // The firm sees the decision on its request and its timeline; the figures stay off the timeline.
    const seen = await sentBy(firmA, ids.a!);
    expect(seen.creditDecision).toMatchObject({ approved: true, amountGranted: 8_000_000 });
    expect(seen.timeline!.entries.at(-1)).toEqual({ kind: 'DECISION', status: 'ACCEPTED', reasonCode: null, note: null });
    expect(JSON.stringify(await sql(app, 'SELECT data, note FROM timeline_entries WHERE subject_id = $1', [ids.a]))).not.toContain('8000000');
    await app.drain();
    const notices = ok<Array<{ kind: string; title: string }>>(await app.gql(NOTIFICATIONS, {}, firmC.token), 'notifications');
    expect(notices.find((n) => n.kind === 'match-request.outcome-recorded')?.title).toContain('授信未获批');

    // The XLSX carries the same figures beside the applied amounts.
    const base = app.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/exports/insights/financing.xlsx?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${authority}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (header: string) => row[headers.indexOf(header)];
    expect([cell('申请金额合计（元）'), cell('已登记授信结果'), cell('获批'), cell('授信通过率'), cell('获批金额（元）'), cell('申请至放款中位天数')]).toEqual([16_000_000, 2, 1, 0.5, 8_000_000, 0]);
  });

  it('refuses decisions out of bounds, after closure, twice or by another bank, with nothing written', async () => {
    const decide = (id: string, i: Record<string, unknown>, token = bank.token) => ({ q: CREDIT_DECISION, v: { id, i }, token });
    const approve = { approved: true, amountGranted: 5_000_000, annualRatePercent: 3.5, termMonths: 12, disbursedOn: today };
    // A fresh request from B (its earlier one was declined), still PENDING: accept first.
    ids.b2 = await requestMatch(app, firmB.token, productId);
    expect(await expectRefused(CREDIT_DECISION, { id: ids.b2, i: approve }, bank.token, 'CONFLICT', 'requestId')).toContain('请先接受');
    ok(await app.gql(RESPOND, { id: ids.b2, accept: true }, bank.token), 'respondToMatchRequest');

    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['above the product max', { ...approve, amountGranted: 10_000_001 }, 'input.amountGranted'],
      ['below the product min', { ...approve, amountGranted: 999_999 }, 'input.amountGranted'],
      ['2^53 − 1', { ...approve, amountGranted: MAX_SAFE }, 'input.amountGranted'],
      ['missing amount', { ...approve, amountGranted: null }, 'input.amountGranted'],
      ['rate above 24 %', { ...approve, annualRatePercent: 24.01 }, 'input.annualRatePercent'],
      ['negative rate', { ...approve, annualRatePercent: -0.01 }, 'input.annualRatePercent'],
      ['term above the product\'s 36 months', { ...approve, termMonths: 37 }, 'input.termMonths'],
      ['term 0', { ...approve, termMonths: 0 }, 'input.termMonths'],
      ['disbursed tomorrow', { ...approve, disbursedOn: beijingDate(1) }, 'input.disbursedOn'],
      ['disbursed before the request', { ...approve, disbursedOn: beijingDate(-1) }, 'input.disbursedOn'],
      ['approved with a reason', { ...approve, declineReasonCode: 'CREDIT_INELIGIBLE' }, 'input.declineReasonCode'],
      ['not approved without a reason', { approved: false }, 'input.declineReasonCode'],
      ['not approved with another kind\'s reason', { approved: false, declineReasonCode: 'CHALLENGE_UNQUALIFIED' }, 'input.declineReasonCode'],
      ['其他 without a note', { approved: false, declineReasonCode: 'CREDIT_OTHER' }, 'input.declineReasonCode'],
      ['not approved with an amount', { approved: false, declineReasonCode: 'CREDIT_INELIGIBLE', amountGranted: 5_000_000 }, 'input.amountGranted'],
    ];
    for (const [name, input, field] of cases) {
      const { q, v, token } = decide(ids.b2!, input);
      await expect(expectRefused(q, v, token, 'BAD_USER_INPUT', field).then(() => name)).resolves.toBe(name);
    }
    // Above 2^53: the scalar refuses it.
    expect((await app.gql(CREDIT_DECISION, { id: ids.b2, i: { ...approve, amountGranted: 2 ** 53 } }, bank.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await expectRefused(CREDIT_DECISION, { id: ids.b2, i: approve }, otherBank.token, 'FORBIDDEN');
    await expectRefused(CREDIT_DECISION, { id: ids.b2, i: approve }, provider.token, 'FORBIDDEN');
    await expectRefused(CREDIT_DECISION, { id: ids.b2, i: approve }, firmB.token, 'FORBIDDEN');
    // Closed: declined, or already decided.
    expect(await expectRefused(CREDIT_DECISION, { id: ids.b, i: approve }, bank.token, 'CONFLICT', 'requestId')).toContain('已结束');
    expect(await expectRefused(CREDIT_DECISION, { id: ids.a, i: approve }, bank.token, 'CONFLICT', 'requestId')).toContain('已于');
    expect(await expectRefused(CREDIT_DECISION, { id: ids.c, i: { approved: false, declineReasonCode: 'CREDIT_INELIGIBLE' } }, bank.token, 'CONFLICT', 'requestId')).toContain('已于');
    // A service request is not a credit request.
    const service = await requestMatch(app, firmA.token, offeringId);
    ok(await app.gql(RESPOND, { id: service, accept: true }, provider.token), 'respondToMatchRequest');
    ids.service = service;
    await expectRefused(CREDIT_DECISION, { id: service, i: approve }, bank.token, 'FORBIDDEN');
    // The valid decision still goes through afterwards (5,000,000 on the last day of the range).
    ok(await app.gql(CREDIT_DECISION, { id: ids.b2, i: approve }, bank.token), 'recordCreditDecision');
  });

  it('records a service delivery once, by the service institution', async () => {
    const delivery = { deliveredOn: today, price: 120_000, note: '诊断报告已交付' };
    await expectRefused(DELIVERY, { id: ids.service, i: delivery }, bank.token, 'FORBIDDEN');
    await expectRefused(DELIVERY, { id: ids.service, i: { ...delivery, price: -1 } }, provider.token, 'BAD_USER_INPUT', 'input.price');
    await expectRefused(DELIVERY, { id: ids.service, i: { ...delivery, price: 10_000_000_001 } }, provider.token, 'BAD_USER_INPUT', 'input.price');
    await expectRefused(DELIVERY, { id: ids.service, i: { ...delivery, deliveredOn: beijingDate(1) } }, provider.token, 'BAD_USER_INPUT', 'input.deliveredOn');
    const done = ok<Outcome>(await app.gql(DELIVERY, { id: ids.service, i: delivery }, provider.token), 'recordServiceDelivery');
    expect(done.serviceDelivery).toEqual({ deliveredOn: today, price: 120_000, note: '诊断报告已交付' });
    await expectRefused(DELIVERY, { id: ids.service, i: delivery }, provider.token, 'CONFLICT', 'requestId');
  });

  it('揭榜: a rejection needs a CHALLENGE reason the applicant reads; an acceptance may carry the contract value', async () => {
    const challengeId = (await createListing(app, anchor.token, 'CHALLENGE', { overrides: challengeInput({ applyBy: beijingDate(30) }) })).id;
    await publishListing(app, anchor.token, challengeId);
    const apply = async (firm: Org) => ok<{ id: string }>(await app.gql(APPLY, { i: { challengeId, proposal: '采用谐波齿形优化方案，12 个月完成样机。', quote: 2_000_000 } }, firm.token), 'applyToChallenge').id;
    const rejected = await apply(firmA);
    const accepted = await apply(firmB);

    await expectRefused(DECIDE, { id: rejected, d: 'REJECT' }, anchor.token, 'BAD_USER_INPUT', 'reasonCode');
    expect(await expectRefused(DECIDE, { id: rejected, d: 'REJECT', r: 'CREDIT_INELIGIBLE' }, anchor.token, 'BAD_USER_INPUT', 'reasonCode')).toContain('属于金融产品的理由列表');
    await expectRefused(DECIDE, { id: rejected, d: 'REJECT', r: 'CHALLENGE_OTHER' }, anchor.token, 'BAD_USER_INPUT', 'reasonCode');
    await expectRefused(DECIDE, { id: rejected, d: 'SHORTLIST', r: 'CHALLENGE_UNQUALIFIED' }, anchor.token, 'BAD_USER_INPUT', 'reasonCode');
    await expectRefused(DECIDE_WITH_VALUE, { id: rejected, d: 'SHORTLIST', v: 1_000 }, anchor.token, 'BAD_USER_INPUT', 'contractValue');
    await expectRefused(DECIDE_WITH_VALUE, { id: accepted, d: 'ACCEPT', v: 10_000_000_001 }, anchor.token, 'BAD_USER_INPUT', 'contractValue');

    ok(await app.gql(DECIDE, { id: rejected, d: 'REJECT', r: 'CHALLENGE_UNQUALIFIED', c: '缺少车规级认证' }, anchor.token), 'decideChallengeApplication');
    ok(await app.gql(DECIDE_WITH_VALUE, { id: accepted, d: 'ACCEPT', v: 1_800_000 }, anchor.token), 'decideChallengeApplication');
    expect(ok(await app.gql(APPLICATION, { id: rejected }, firmA.token), 'challengeApplication')).toMatchObject({ status: 'REJECTED', rejectionReason: { code: 'CHALLENGE_UNQUALIFIED', label: '资质不足' }, contractValue: null });
    expect(ok(await app.gql(APPLICATION, { id: accepted }, firmB.token), 'challengeApplication')).toMatchObject({ status: 'ACCEPTED', rejectionReason: null, contractValue: 1_800_000 });
    await app.drain();
    const notices = ok<Array<{ kind: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, firmA.token), 'notifications');
    expect(notices.find((n) => n.kind === 'challenge-application.rejected')?.body).toContain('理由：资质不足');
    // Rejecting after a final decision is CONFLICT, with or without a reason.
    await expectRefused(DECIDE, { id: rejected, d: 'REJECT', r: 'CHALLENGE_UNQUALIFIED' }, anchor.token, 'CONFLICT', 'decision');
    await expectRefused(DECIDE, { id: rejected, d: 'REJECT' }, anchor.token, 'CONFLICT', 'decision');
  });

  it('counts declines by reason per institution and kind for the AUTHORITY, in GraphQL and XLSX', async () => {
    const rows = ok<Array<Record<string, unknown>>>(await app.gql(DECLINES, { p: period }, authority), 'declineReasonInsights');
    const mine = rows.filter((r) => r.institutionId === bank.organizationId || r.institutionId === anchor.organizationId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ institutionId: bank.organizationId, kind: 'CREDIT_PRODUCT', stage: 'REQUEST_DECLINED', reasonCode: 'CREDIT_QUOTA_FULL', reasonLabel: '额度已满', count: 1 }),
        expect.objectContaining({ institutionId: bank.organizationId, kind: 'CREDIT_PRODUCT', stage: 'CREDIT_NOT_APPROVED', reasonCode: 'CREDIT_RISK_REJECTED', count: 1 }),
        expect.objectContaining({ institutionId: anchor.organizationId, kind: 'CHALLENGE', stage: 'APPLICATION_REJECTED', reasonCode: 'CHALLENGE_UNQUALIFIED', reasonLabel: '资质不足', count: 1 }),
      ]),
    );
    expect(mine).toHaveLength(3);
    expect((await app.gql(DECLINES, { p: period }, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const base = app.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/exports/insights/decline-reasons.xlsx?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${authority}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const values = book.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual(expect.arrayContaining([expect.arrayContaining(['CREDIT_QUOTA_FULL', '额度已满', 1])]));
  });
});
