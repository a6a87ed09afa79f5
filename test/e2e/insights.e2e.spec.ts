import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, confirmTitle, profileInput } from '../helpers/profile-fixtures.js';
import {
  APPLY,
  COMPLETE,
  DECIDE,
  RESPOND,
  createListing,
  creditProductInput,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  type Org,
} from '../helpers/listing-fixtures.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';

const PIPELINE = `query($r: String) { tierPipeline(regionCode: $r) { regionCode regionName enterprises atRisk certified { tier count } eligibleNotCertified { tier count } } }`;
const MATCHMAKING = `query($p: InsightsPeriod!, $r: String) { matchmakingInsights(period: $p, regionCode: $r) {
  month regionCode listingKind requests pending accepted declined completed successful cancelled acceptanceRate successRate medianFirstResponseHours } }`;
const FINANCING = `query($p: InsightsPeriod!) { financingInsights(period: $p) { productType requests completed successful completedAmount successfulAmount } }`;
const CHALLENGES = `query($p: InsightsPeriod!) { challengeInsights(period: $p) { anchorOrganizationId challengesPublished applications acceptedSolvers } }`;
const RANKING = `query($p: InsightsPeriod!) { serviceInstitutionRanking(period: $p) { rank score requests completed acceptanceRate successRate averageRating organization { id } components { input contribution } } }`;
const AUDIT = `query($f: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) {
  pageInfo { hasNextPage endCursor } edges { cursor node { id at userId organizationId organizationKind operation targetId outcome } } } }`;

/** A Beijing date `months` months from `ymd`, on `day` (0 = the last day of the month before). */
const monthsFrom = (ymd: string, months: number, day: number) => {
  const [y, m] = ymd.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, day)).toISOString().slice(0, 10);
};
/** Everything is relative to today (the period limit is 5 years): requests pinned two months back, the period from two months before that. */
const TODAY = todayInShanghai();
const PINNED_ON = monthsFrom(TODAY, -2, 10);
const PINNED_MONTH = PINNED_ON.slice(0, 7);
const BEFORE_PINNED_MONTH = { from: monthsFrom(TODAY, -4, 1), to: monthsFrom(TODAY, -2, 0) };
const CERTIFIED_A = monthsFrom(TODAY, -18, 1);
const CERTIFIED_Z = monthsFrom(TODAY, -21, 1);

const openProduct = (productType: string, title: string) =>
  creditProductInput({ title, productType, regionCodes: [], industryCodes: [], eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null } });

/**
 * A small world whose figures are counted by hand: three firms in two counties, two banks' products,
 * two service providers, one anchor's challenge, and match requests whose times are pinned.
 */
describe('authority insights: hand-computed figures on a small seeded world', () => {
  let app: TestApp;
  let authority: string;
  let yuyaoA: Org; // 余姚, SPECIALIZED_SME
  let yuyaoB: Org; // 余姚, NONE
  let zhenhai: Org; // 镇海, INNOVATIVE_SME
  let bank: Org;
  let goodProvider: Org;
  let slowProvider: Org;
  let anchor: Org;
  const period = { from: BEFORE_PINNED_MONTH.from, to: TODAY };
  const figures = async <T,>(query: string, variables: Record<string, unknown>, field: string, token = authority) => ok<T>(await app.gql(query, variables, token), field);

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    yuyaoA = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority, regionCode: '330281' });
    yuyaoB = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority, regionCode: '330281' });
    zhenhai = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority, regionCode: '330211' });
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    goodProvider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    slowProvider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    const profiles: Array<[Org, Record<string, unknown>]> = [
      [yuyaoA, { tier: 'SPECIALIZED_SME', tierCertifiedOn: CERTIFIED_A }],
      [yuyaoB, {}],
      [zhenhai, { tier: 'INNOVATIVE_SME', tierCertifiedOn: CERTIFIED_Z, financingNeed: { amount: 8_000_000, termMonths: 24, purpose: '扩产' } }],
    ];
    for (const [org, overrides] of profiles) expect((await app.gql(UPSERT_PROFILE, { i: profileInput(overrides) }, org.token)).errors).toBeUndefined();
    // The titles are the bureau's: confirmed, so the pipeline counts them (a firm's own claim would not, DOMAIN.md §8.10).
    await confirmTitle(app, authority, yuyaoA.organizationId, 'SPECIALIZED_SME', CERTIFIED_A);
    await confirmTitle(app, authority, zhenhai.organizationId, 'INNOVATIVE_SME', CERTIFIED_Z);

    const pledge = (await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: openProduct('IP_PLEDGE', '甬江知产贷') })).id;
    const creditLoan = (await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: openProduct('CREDIT_LOAN', '甬江信用贷') })).id;
    const goodService = (await createListing(app, goodProvider.token, 'SERVICE_OFFERING')).id;
    const slowService = (await createListing(app, slowProvider.token, 'SERVICE_OFFERING')).id;
    const challenge = (await createListing(app, anchor.token, 'CHALLENGE')).id;
    for (const [owner, id] of [[bank, pledge], [bank, creditLoan], [goodProvider, goodService], [slowProvider, slowService], [anchor, challenge]] as const) {
      await publishListing(app, owner.token, id);
    }

    // Credit: A → pledge 3,000,000 SUCCESS; Z → pledge (need 8,000,000) FAILURE; B → credit loan DECLINED; A → credit loan PENDING.
    const aPledge = await requestMatch(app, yuyaoA.token, pledge);
    await sql(app, 'UPDATE match_requests SET requested_amount = 3000000 WHERE id = $1', [aPledge]);
    const zPledge = await requestMatch(app, zhenhai.token, pledge);
    const bLoan = await requestMatch(app, yuyaoB.token, creditLoan);
    await requestMatch(app, yuyaoA.token, creditLoan);
    for (const id of [aPledge, zPledge]) ok(await app.gql(RESPOND, { id, accept: true }, bank.token), 'respondToMatchRequest');
    ok(await app.gql(RESPOND, { id: bLoan, accept: false, r: 'CREDIT_INELIGIBLE' }, bank.token), 'respondToMatchRequest');
    ok(await app.gql(COMPLETE, { id: aPledge, o: 'SUCCESS', r: 5 }, yuyaoA.token), 'completeMatchRequest');
    ok(await app.gql(COMPLETE, { id: zPledge, o: 'FAILURE', r: 2 }, zhenhai.token), 'completeMatchRequest');

    // Services: the good provider accepts and completes both of its requests (ratings 5 and 4); the slow one declines its only one.
    const g1 = await requestMatch(app, yuyaoA.token, goodService);
    const g2 = await requestMatch(app, zhenhai.token, goodService);
    const s1 = await requestMatch(app, yuyaoB.token, slowService);
    for (const id of [g1, g2]) ok(await app.gql(RESPOND, { id, accept: true }, goodProvider.token), 'respondToMatchRequest');
    ok(await app.gql(RESPOND, { id: s1, accept: false, r: 'SERVICE_FULLY_BOOKED' }, slowProvider.token), 'respondToMatchRequest');

    // Pin every request to PINNED_ON 10:00 Beijing; response times 2 h (credit), 1 h (good), 30 h (slow).
    await sql(app, `UPDATE match_requests SET created_at = $1::timestamptz`, [`${PINNED_ON}T10:00:00+08:00`]);
    await sql(app, `UPDATE match_requests SET responded_at = created_at + interval '2 hours' WHERE listing_kind = 'CREDIT_PRODUCT' AND responded_at IS NOT NULL`);
    await sql(app, `UPDATE match_requests SET responded_at = created_at + interval '1 hour' WHERE owner_organization_id = $1`, [goodProvider.organizationId]);
    await sql(app, `UPDATE match_requests SET responded_at = created_at + interval '30 hours' WHERE owner_organization_id = $1`, [slowProvider.organizationId]);
    // The last transitions come after the pinning, so the monthly figures the worker refreshes see it.
    ok(await app.gql(COMPLETE, { id: g1, o: 'SUCCESS', r: 5 }, yuyaoA.token), 'completeMatchRequest');
    ok(await app.gql(COMPLETE, { id: g2, o: 'SUCCESS', r: 4 }, zhenhai.token), 'completeMatchRequest');

    // 揭榜: two applications, one accepted.
    const app1 = ok<{ id: string }>(await app.gql(APPLY, { i: { challengeId: challenge, proposal: '方案一：联合攻关 10 个月交付样机' } }, yuyaoA.token), 'applyToChallenge').id;
    ok(await app.gql(APPLY, { i: { challengeId: challenge, proposal: '方案二：技术转让' } }, zhenhai.token), 'applyToChallenge');
    ok(await app.gql(DECIDE, { id: app1, d: 'ACCEPT' }, anchor.token), 'decideChallengeApplication');
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('tier pipeline: certified tiers per county, eligible-not-certified from the maintained verdict, 复核 risk', async () => {
    const rows = await figures<Array<{ regionCode: string; regionName: string; enterprises: number; certified: Array<{ tier: string; count: number }>; eligibleNotCertified: Array<{ tier: string; count: number }> }>>(
      PIPELINE,
      { r: '330200' },
      'tierPipeline',
    );
    const byRegion = Object.fromEntries(rows.map((r) => [r.regionCode, r]));
    expect(Object.keys(byRegion).sort()).toEqual(['330211', '330281']);
    expect(byRegion['330281']).toMatchObject({ regionName: '余姚市', enterprises: 2 });
    const count = (list: Array<{ tier: string; count: number }>, tier: string) => list.find((c) => c.tier === tier)!.count;
    expect(count(byRegion['330281']!.certified, 'SPECIALIZED_SME')).toBe(1);
    expect(count(byRegion['330281']!.certified, 'NONE')).toBe(1);
    expect(count(byRegion['330211']!.certified, 'INNOVATIVE_SME')).toBe(1);
    // The eligible-not-certified counts agree with each firm's own latest verdict, kept on its profile.
    const verdicts: Array<{ region_code: string; tier: string; eligible_tier: string }> = await sql(
      app,
      'SELECT o.region_code, p.tier, p.eligible_tier FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id',
    );
    expect(verdicts.every((v) => v.eligible_tier !== null)).toBe(true);
    const order = ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'];
    for (const region of ['330211', '330281']) {
      for (const tier of order.slice(1)) {
        const expected = verdicts.filter((v) => v.region_code === region && v.eligible_tier === tier && order.indexOf(tier) > order.indexOf(v.tier)).length;
        expect(count(byRegion[region]!.eligibleNotCertified, tier)).toBe(expected);
      }
    }
    // A county filter keeps only that county.
    expect((await figures<Array<{ regionCode: string }>>(PIPELINE, { r: '330211' }, 'tierPipeline')).map((r) => r.regionCode)).toEqual(['330211']);
  });

  it('matchmaking: per month, region and kind, with acceptance, success and the median first response', async () => {
    // Read from the monthly view the worker refreshed after the last request changed (a burst costs one refresh).
    const rows = await figures<Array<Record<string, unknown>>>(MATCHMAKING, { p: period }, 'matchmakingInsights');
    const key = (r: Record<string, unknown>) => `${r.regionCode}|${r.listingKind}`;
    const byKey = Object.fromEntries(rows.map((r) => [key(r), r]));
    expect(rows.every((r) => r.month === PINNED_MONTH)).toBe(true);
    // 余姚 credit: A pledge COMPLETED SUCCESS, B loan DECLINED, A loan PENDING → responded 2, accepted-or-completed 1.
    expect(byKey['330281|CREDIT_PRODUCT']).toMatchObject({ requests: 3, pending: 1, declined: 1, completed: 1, successful: 1, acceptanceRate: 0.5, successRate: 1, medianFirstResponseHours: 2 });
    // 镇海 credit: Z pledge COMPLETED FAILURE.
    expect(byKey['330211|CREDIT_PRODUCT']).toMatchObject({ requests: 1, completed: 1, successful: 0, acceptanceRate: 1, successRate: 0, medianFirstResponseHours: 2 });
    // 余姚 services: A → good (1 h, completed), B → slow (30 h, declined): median of 1 and 30 = 15.5.
    expect(byKey['330281|SERVICE_OFFERING']).toMatchObject({ requests: 2, declined: 1, completed: 1, acceptanceRate: 0.5, medianFirstResponseHours: 15.5 });
    expect(byKey['330211|SERVICE_OFFERING']).toMatchObject({ requests: 1, completed: 1, successful: 1 });
    expect(rows).toHaveLength(4);
    // The region filter nests (330200 covers both), and a period before the pinned month holds nothing.
    expect(await figures(MATCHMAKING, { p: period, r: '330211' }, 'matchmakingInsights')).toHaveLength(2);
    expect(await figures(MATCHMAKING, { p: BEFORE_PINNED_MONTH }, 'matchmakingInsights')).toEqual([]);
  });

  it('financing: completed credit matches by product type with the amounts applied for', async () => {
    const rows = await figures<Array<Record<string, unknown>>>(FINANCING, { p: period }, 'financingInsights');
    // IP_PLEDGE: A 3,000,000 SUCCESS + Z 8,000,000 (its financing need) FAILURE; CREDIT_LOAN: nothing completed.
    expect(rows).toEqual([
      { productType: 'IP_PLEDGE', requests: 2, completed: 2, successful: 1, completedAmount: 11_000_000, successfulAmount: 3_000_000 },
      { productType: 'CREDIT_LOAN', requests: 2, completed: 0, successful: 0, completedAmount: 0, successfulAmount: 0 },
    ]);
  });

  it('揭榜: challenges published, applications and accepted solvers per anchor', async () => {
    const rows = await figures<Array<Record<string, unknown>>>(CHALLENGES, { p: period }, 'challengeInsights');
    expect(rows).toEqual([{ anchorOrganizationId: anchor.organizationId, challengesPublished: 1, applications: 2, acceptedSolvers: 1 }]);
  });

  it('ranks the service institutions with the inputs, components summing to the score', async () => {
    const rows = await figures<Array<{ rank: number; score: number; requests: number; completed: number; acceptanceRate: number; successRate: number | null; averageRating: number | null; organization: { id: string }; components: Array<{ contribution: number }> }>>(
      RANKING,
      { p: period },
      'serviceInstitutionRanking',
    );
    const ids = rows.map((r) => r.organization.id);
    expect(ids.indexOf(goodProvider.organizationId)).toBeLessThan(ids.indexOf(slowProvider.organizationId));
    const good = rows.find((r) => r.organization.id === goodProvider.organizationId)!;
    expect(good).toMatchObject({ requests: 2, completed: 2, acceptanceRate: 1, successRate: 1, averageRating: 4.5 });
    const slow = rows.find((r) => r.organization.id === slowProvider.organizationId)!;
    expect(slow).toMatchObject({ requests: 1, completed: 0, acceptanceRate: 0, successRate: null, averageRating: null });
    for (const r of rows) expect(Math.round(r.components.reduce((s, c) => s + c.contribution, 0) * 100) / 100).toBe(r.score);
  });

  it('exports each table as XLSX for the authority only', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const url = `${base}/exports/insights/financing.xlsx?from=${period.from}&to=${period.to}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${authority}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    // The first six columns; the credit-decision columns follow (issue 17, test/e2e/outcomes.e2e.spec.ts).
    expect((sheet.getRow(2).values as unknown[]).slice(0, 7)).toEqual([undefined, 'IP_PLEDGE', 2, 2, 1, 11_000_000, 3_000_000]);
    for (const report of ['tier-pipeline', 'matchmaking', 'challenges', 'service-ranking']) {
      const r = await fetch(`${base}/exports/insights/${report}.xlsx?from=${period.from}&to=${period.to}`, { headers: { authorization: `Bearer ${authority}` } });
      expect(r.status).toBe(200);
    }
    expect((await fetch(url)).status).toBe(401);
    const forbidden = await fetch(url, { headers: { authorization: `Bearer ${bank.token}` } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const reversed = await fetch(`${base}/exports/insights/financing.xlsx?from=${PINNED_ON}&to=${period.from}`, { headers: { authorization: `Bearer ${authority}` } });
    expect(reversed.status).toBe(400);
    expect((await fetch(`${base}/exports/insights/nope.xlsx`, { headers: { authorization: `Bearer ${authority}` } })).status).toBe(404);
  });

  it('refuses non-authority callers, reversed or over-long periods and unknown regions', async () => {
    for (const [query, field, vars] of [
      [PIPELINE, 'tierPipeline', {}],
      [MATCHMAKING, 'matchmakingInsights', { p: period }],
      [FINANCING, 'financingInsights', { p: period }],
      [CHALLENGES, 'challengeInsights', { p: period }],
      [RANKING, 'serviceInstitutionRanking', { p: period }],
      [AUDIT, 'auditLog', {}],
    ] as const) {
      for (const token of [yuyaoA.token, bank.token, goodProvider.token]) {
        const res = await app.gql(query, vars, token);
        expect({ field, code: res.errors?.[0]?.extensions?.code }).toEqual({ field, code: 'FORBIDDEN' });
      }
      expect((await app.gql(query, vars)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const bad = async (vars: Record<string, unknown>, field: string) =>
      expect((await app.gql(MATCHMAKING, vars, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    await bad({ p: { from: PINNED_ON, to: period.from } }, 'period.from');
    await bad({ p: { from: '2020-01-01', to: '2025-01-01' } }, 'period.to');
    await bad({ p: period, r: '330299' }, 'regionCode');
    expect((await app.gql(MATCHMAKING, { p: { from: '2021-01-02', to: '2026-01-01' } }, authority)).errors).toBeUndefined();
    expect((await app.gql(PIPELINE, { r: '999999' }, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  });

  it('keeps an append-only audit log of every mutation, refusals included, without secrets', async () => {
    // A refused mutation is logged too; a failed anonymous login is not.
    await app.gql(RESPOND, { id: '00000000-0000-4000-8000-000000000000', accept: true }, yuyaoA.token);
    await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: 'nobody@example.com', password: 'secret-password-123' } });
    const page = await figures<{ edges: Array<{ node: Record<string, string | null> }> }>(AUDIT, { f: { operation: 'respondToMatchRequest' }, first: 100 }, 'auditLog');
    const outcomes = page.edges.map((e) => e.node);
    // Six responses went through (bank: 2 accepts + 1 decline; good provider: 2 accepts; slow provider: 1 decline), then the refusal.
    expect(outcomes.filter((n) => n.outcome === 'OK')).toHaveLength(6);
    const refused = outcomes.find((n) => n.outcome === 'FORBIDDEN')!;
    expect(refused).toMatchObject({ organizationId: yuyaoA.organizationId, organizationKind: 'ENTERPRISE', targetId: '00000000-0000-4000-8000-000000000000' });
    // An anonymous refusal (the failed login) writes no row (ADR 0037); successful logins do.
    const logins = (await figures<{ edges: Array<{ node: Record<string, string | null> }> }>(AUDIT, { f: { operation: 'login', outcome: 'UNAUTHENTICATED' } }, 'auditLog')).edges;
    expect(logins.length + (await figures<{ edges: unknown[] }>(AUDIT, { f: { operation: 'login', outcome: 'BAD_USER_INPUT' } }, 'auditLog')).edges.length).toBe(0);
    expect((await figures<{ edges: unknown[] }>(AUDIT, { f: { operation: 'login', outcome: 'OK' } }, 'auditLog')).edges.length).toBeGreaterThanOrEqual(1);
    // Nothing secret is stored, and rows cannot be changed or removed.
    const [{ dump }] = await sql(app, `SELECT string_agg(a::text, '|') AS dump FROM audit_log a`);
    expect(dump).not.toContain('secret-password-123');
    expect(dump).not.toContain(authority);
    await expect(sql(app, `UPDATE audit_log SET outcome = 'OK'`)).rejects.toThrow(/append-only/);
    await expect(sql(app, `DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    // Pages newest first by cursor.
    const first = await figures<{ pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> }>(AUDIT, { first: 2 }, 'auditLog');
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await figures<{ edges: Array<{ node: { id: string } }> }>(AUDIT, { first: 2, after: first.pageInfo.endCursor }, 'auditLog');
    expect(BigInt(next.edges[0]!.node.id)).toBeLessThan(BigInt(first.edges[1]!.node.id));
  });
});
