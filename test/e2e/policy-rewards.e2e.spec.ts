/**
 * Issue 23 over HTTP: policy rewards without applying (惠企政策, 免申即享). A firm's claimed 小巨人
 * pays nothing; once the AUTHORITY confirms it, the firm sees its 余姚 (or district) entitlement
 * with the arithmetic and is notified; the bureau's payout list and its XLSX agree; marking a line
 * paid feeds the 奉化 1:1 配套; decisions are once per tranche, withheld lines need a coded reason.
 * A city-level 小巨人 reward (宁波市, 30万) is configured through REWARD_POLICIES_FILE so the 奉化
 * firm has an actual payout to be matched.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, confirmTitle, profileInput } from '../helpers/profile-fixtures.js';
import { APPLY, DECIDE, createListing, loginAuthority, ok, publishListing, registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { expectError } from '../helpers/expect-error.js';
import { SHIPPED_POLICIES } from '../../libs/rewards/src/index.js';

const REWARD = `id state triggeredOn amount amountDue amountPaid arithmetic policySetVersion
  policy { id name issuer documentNumber confirmation regionNames rule }
  tranches { index label amount status decision paidAmount paidOn reference withholdReasonCode withholdReason }
  facts { label value source } notes`;
const LIGHT = 'id state amount amountPaid policy { id }';
const MINE = `{ myPolicyRewards { totalOwed eligible { ${REWARD} } pending { ${LIGHT} } paid { ${LIGHT} } superseded { id }
  nearMisses { policy { id } missing potentialAmount } } }`;
const LIST = `query($p: ID!, $r: String, $first: Int, $after: String) {
  policyPayoutList(policyId: $p, period: { from: "2025-01-01", to: "2026-12-31" }, regionCode: $r, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id organizationId organizationName uscc regionName reward { ${REWARD} } } } } }`;
const TOTALS = `query($p: ID!) { policyPayoutTotals(policyId: $p, period: { from: "2025-01-01", to: "2026-12-31" }) { regionCode regionName organizations entitled paid withheld } }`;
const PAID = `mutation($i: MarkPolicyPayoutPaidInput!) { markPolicyPayoutPaid(input: $i) { id reward { state amountPaid tranches { decision paidAmount reference } } } }`;
const WITHHOLD = `mutation($i: WithholdPolicyPayoutInput!) { withholdPolicyPayout(input: $i) { id reward { state tranches { decision withholdReasonCode withholdReason } } } }`;
const WHAT_IF = `query($d: DraftRewardPolicyInput!) { policyWhatIf(draft: $d) { beneficiaries cost evaluated } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { kind title body } }`;
const AUDIT = `query($f: AuditLogFilter) { auditLog(filter: $f, first: 20) { edges { node { operation targetId outcome } } } }`;

type Reward = {
  id: string;
  state: string;
  amount: number;
  amountDue: number;
  amountPaid: number;
  arithmetic: string;
  policySetVersion: string;
  policy: { id: string; name: string; regionNames: string[]; confirmation: string; documentNumber: string | null; rule: string };
  tranches: Array<{ index: number; amount: number; status: string; decision: string | null; paidAmount: number | null }>;
  facts: Array<{ label: string; value: string; source: string }>;
  notes: string[];
};
type Mine = { totalOwed: number; eligible: Reward[]; pending: Reward[]; paid: Reward[]; superseded: Array<{ id: string }>; nearMisses: Array<{ policy: { id: string }; missing: string; potentialAmount: number | null }> };
type Line = { id: string; organizationId: string; organizationName: string; uscc: string | null; regionName: string; reward: Reward };

const CITY = {
  ...SHIPPED_POLICIES.find((p) => p.id === 'NINGBO-HAISHU-LITTLE-GIANT')!,
  id: 'NINGBO-CITY-LITTLE-GIANT-TEST',
  name: '宁波市“小巨人”奖励（测试配置）',
  issuer: '宁波市经济和信息化局',
  regionCodes: ['330200'],
  formula: { kind: 'FIXED', amount: 300_000 },
};

describe('policy rewards (issue 23) over HTTP', () => {
  let app: TestApp;
  let authority: string;
  let yuyao: Org;
  let haishu: Org;
  let fenghua: Org;
  const certifiedOn = '2025-06-01';

  const mine = async (org: Org) => ok<Mine>(await app.gql(MINE, {}, org.token), 'myPolicyRewards');
  const list = async (policyId: string, regionCode?: string) =>
    ok<{ totalCount: number; edges: Array<{ node: Line }> }>(await app.gql(LIST, { p: policyId, r: regionCode ?? null, first: 10 }, authority), 'policyPayoutList');
  const claimLittleGiant = async (org: Org) => {
    const res = await app.gql(UPSERT_PROFILE, { i: profileInput({ tier: 'LITTLE_GIANT', tierCertifiedOn: certifiedOn }) }, org.token);
    expect(res.errors).toBeUndefined();
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rewards-'));
    const file = join(dir, 'policies.json');
    writeFileSync(file, JSON.stringify([CITY]));
    app = await startTestApp({ env: { REWARD_POLICIES_FILE: file } });
    authority = await loginAuthority(app);
    yuyao = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281', verifyWith: authority });
    haishu = await registerOrg(app, 'ENTERPRISE', { regionCode: '330203', verifyWith: authority });
    fenghua = await registerOrg(app, 'ENTERPRISE', { regionCode: '330213', verifyWith: authority });
    for (const org of [yuyao, haishu, fenghua]) await claimLittleGiant(org);
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a claimed title pays nothing: the firm sees what it would get once confirmed', async () => {
    const m = await mine(yuyao);
    expect(m.eligible).toEqual([]);
    expect(m.totalOwed).toBe(0);
    const miss = m.nearMisses.find((x) => x.policy.id === 'YUYAO-2022-LITTLE-GIANT')!;
    expect(miss.missing).toContain('再获得专精特新“小巨人”企业或国家重点“小巨人”企业认定即可获得');
    expect(miss.potentialAmount).toBe(500_000);
  });

  it('the AUTHORITY confirms 小巨人: the 余姚 firm sees 余姚 50万 (and the city reward) with the arithmetic and evidence, and is notified', async () => {
    for (const org of [yuyao, haishu, fenghua]) await confirmTitle(app, authority, org.organizationId, 'LITTLE_GIANT', certifiedOn);
    await app.drain();
    const m = await mine(yuyao);
    const yy = m.eligible.find((r) => r.policy.id === 'YUYAO-2022-LITTLE-GIANT')!;
    expect(yy).toMatchObject({ state: 'ELIGIBLE', triggeredOn: certifiedOn, amount: 500_000, amountDue: 500_000, amountPaid: 0, arithmetic: '定额 50万元' });
    expect(yy.policy).toMatchObject({ documentNumber: '余政办发〔2022〕60号', confirmation: 'CONFIRMED', regionNames: ['余姚市'] });
    expect(yy.policy.rule).toContain('首次获得专精特新“小巨人”企业或国家重点“小巨人”企业认定，定额 50万元');
    expect(yy.facts).toEqual([{ label: '专精特新“小巨人”企业认定日期', value: certifiedOn, source: '主管部门确认的称号' }]);
    expect(yy.policySetVersion).toMatch(/^seeds-2026-12-05\+[0-9a-f]{12}$/);
    expect(m.eligible.map((r) => r.policy.id).sort()).toEqual(['NINGBO-CITY-LITTLE-GIANT-TEST', 'YUYAO-2022-LITTLE-GIANT']);
    expect(m.totalOwed).toBe(800_000);
    // The firm's 5万 专精特新 near miss is gone: it holds the higher reward of the group (就高不重复).
    expect(m.nearMisses.map((x) => x.policy.id)).not.toContain('YUYAO-2022-SPECIALIZED-FIRST');
    const notices = ok<Array<{ kind: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, yuyao.token), 'notifications').filter((n) => n.kind === 'policy.entitlement-created');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('“余姚市国家级专精特新“小巨人”企业奖励” 50万元');
  });

  it('the 海曙 firm sees its district reward; the 奉化 firm waits for the actual payout to be matched', async () => {
    const h = await mine(haishu);
    expect(h.eligible.find((r) => r.policy.id === 'NINGBO-HAISHU-LITTLE-GIANT')).toMatchObject({ amount: 500_000, arithmetic: '定额 50万元', notes: [expect.stringContaining('政策参数尚待确认')] });
    const f = await mine(fenghua);
    expect(f.eligible.map((r) => r.policy.id)).toEqual(['NINGBO-CITY-LITTLE-GIANT-TEST']);
    expect(f.nearMisses.find((x) => x.policy.id === 'NINGBO-FENGHUA-LITTLE-GIANT-MATCH')!.missing).toContain('实际发放后，按 1:1 配套');
  });

  it('the payout list: every entitled firm of the city reward, filtered by region, paged; the XLSX has the same lines', async () => {
    const all = await list(CITY.id);
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e) => e.node.organizationId).sort()).toEqual([yuyao, haishu, fenghua].map((o) => o.organizationId).sort());
    const fh = await list(CITY.id, '330213');
    expect(fh.totalCount).toBe(1);
    expect(fh.edges[0]!.node).toMatchObject({ organizationId: fenghua.organizationId, regionName: '奉化区', reward: { amount: 300_000, amountDue: 300_000 } });
    expect((await list(CITY.id, '330200')).totalCount).toBe(3);
    const page1 = ok<{ edges: Array<{ node: Line }>; pageInfo: { hasNextPage: boolean; endCursor: string } }>(await app.gql(LIST, { p: CITY.id, first: 2 }, authority), 'policyPayoutList');
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok<{ edges: Array<{ node: Line }>; pageInfo: { hasNextPage: boolean } }>(await app.gql(LIST, { p: CITY.id, first: 2, after: page1.pageInfo.endCursor }, authority), 'policyPayoutList');
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id).sort()).toEqual(all.edges.map((e) => e.node.id).sort());

    const base = app.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/exports/policy-payouts/${CITY.id}.xlsx?from=2025-01-01&to=2026-12-31`, { headers: { authorization: `Bearer ${authority}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows.map((r) => [r[0], r[1], r[3], r[6], r[7]]).sort()).toEqual(all.edges.map((e) => [e.node.id, e.node.organizationName, e.node.regionName, e.node.reward.amount, e.node.reward.amountDue]).sort());
    expect((await fetch(`${base}/exports/policy-payouts/${CITY.id}.xlsx?from=2025-01-01&to=2026-12-31`, { headers: { authorization: `Bearer ${yuyao.token}` } })).status).toBe(403);
  });

  it('marking the city reward paid (a reduced actual amount) feeds the 奉化 1:1 配套; a second mark is refused', async () => {
    const line = (await list(CITY.id, '330213')).edges[0]!.node;
    const paid = ok<{ reward: { state: string; amountPaid: number } }>(
      await app.gql(PAID, { i: { entitlementId: line.id, paidOn: '2025-09-30', reference: 'NB-2025-0930-01', amount: 250_000 } }, authority),
      'markPolicyPayoutPaid',
    );
    expect(paid.reward).toMatchObject({ state: 'PAID', amountPaid: 250_000 });
    await app.drain();
    const f = await mine(fenghua);
    const match = f.eligible.find((r) => r.policy.id === 'NINGBO-FENGHUA-LITTLE-GIANT-MATCH')!;
    expect(match).toMatchObject({ amount: 250_000, arithmetic: '实际奖励总额 25万元 × 1:1 = 25万元' });
    expect(match.facts).toContainEqual({ label: '已实际发放：宁波市“小巨人”奖励（测试配置）', value: '25万元（2025-09-30）', source: '已发放记录（凭证 NB-2025-0930-01）' });
    expect(f.paid.map((r) => r.policy.id)).toEqual(['NINGBO-CITY-LITTLE-GIANT-TEST']);
    const again = expectError(await app.gql(PAID, { i: { entitlementId: line.id, paidOn: '2025-10-01', reference: 'NB-2' } }, authority), 'CONFLICT', 'entitlementId');
    expect(again.message).toContain('已于 2025-09-30 标记为已发放（凭证 NB-2025-0930-01）');
    expectError(await app.gql(WITHHOLD, { i: { entitlementId: line.id, reasonCode: 'POOR_CREDIT' } }, authority), 'CONFLICT', 'entitlementId');
    const audit = ok<{ edges: Array<{ node: { operation: string; outcome: string } }> }>(await app.gql(AUDIT, { f: { operation: 'markPolicyPayoutPaid' } }, authority), 'auditLog');
    expect(audit.edges.map((e) => e.node.outcome).sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('withholding needs a coded reason; the firm sees it as withheld', async () => {
    const line = (await list('YUYAO-2022-LITTLE-GIANT')).edges[0]!.node;
    expectError(await app.gql(WITHHOLD, { i: { entitlementId: line.id, reasonCode: '' } }, authority), 'BAD_USER_INPUT', 'reasonCode');
    expectError(await app.gql(WITHHOLD, { i: { entitlementId: line.id, reasonCode: 'WITHHOLD_OTHER' } }, authority), 'BAD_USER_INPUT', 'reasonCode');
    const w = ok<{ reward: { state: string; tranches: Array<{ withholdReason: string }> } }>(await app.gql(WITHHOLD, { i: { entitlementId: line.id, reasonCode: 'POOR_CREDIT' } }, authority), 'withholdPolicyPayout');
    expect(w.reward.state).toBe('WITHHELD');
    expect(w.reward.tranches[0]!.withholdReason).toBe('信用不良');
    const m = await mine(yuyao);
    expect(m.pending.map((r) => r.policy.id)).toEqual(['YUYAO-2022-LITTLE-GIANT']);
  });

  it('bad payout input is refused precisely', async () => {
    const line = (await list('NINGBO-HAISHU-LITTLE-GIANT')).edges[0]!.node;
    expectError(await app.gql(PAID, { i: { entitlementId: line.id, paidOn: '2025-09-30', reference: ' ' } }, authority), 'BAD_USER_INPUT', 'reference');
    expectError(await app.gql(PAID, { i: { entitlementId: line.id, paidOn: '2025-09-30', reference: 'R', amount: 500_001 } }, authority), 'BAD_USER_INPUT', 'amount');
    expectError(await app.gql(PAID, { i: { entitlementId: line.id, paidOn: '2025-09-30', reference: 'R', trancheIndex: 1 } }, authority), 'BAD_USER_INPUT', 'trancheIndex');
    expectError(await app.gql(PAID, { i: { entitlementId: line.id, paidOn: '2025-09-30', reference: 'R' } }, haishu.token), 'FORBIDDEN');
    expectError(await app.gql(LIST, { p: 'NOPE' }, authority), 'NOT_FOUND');
    expectError(await app.gql(LIST, { p: CITY.id, r: '339999' }, authority), 'BAD_USER_INPUT', 'regionCode');
    expectError(await app.gql(LIST, { p: CITY.id }, yuyao.token), 'FORBIDDEN');
  });

  it('totals by region agree with the lines and the payout', async () => {
    const totals = ok<Array<{ regionCode: string; regionName: string; organizations: number; entitled: number; paid: number }>>(await app.gql(TOTALS, { p: CITY.id }, authority), 'policyPayoutTotals');
    expect(totals.map((t) => [t.regionName, t.organizations, t.entitled, t.paid])).toEqual([
      ['海曙区', 1, 300_000, 0],
      ['奉化区', 1, 300_000, 250_000],
      ['余姚市', 1, 300_000, 0],
    ]);
  });

  it('揭榜: an accepted application, its planned and actual investment and 验收 recorded by the bureau, pays 余姚 揭榜挂帅 in two tranches and 宁波 30% of R&D', async () => {
    const RECORD = `mutation($i: RecordChallengeProjectFactsInput!) { recordChallengeProjectFacts(input: $i) { applicationId plannedInvestment actualInvestment completedOn completionPassed } }`;
    const anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    const challenge = await createListing(app, anchor.token, 'CHALLENGE');
    await publishListing(app, anchor.token, challenge.id);
    const application = ok<{ id: string }>(await app.gql(APPLY, { i: { challengeId: challenge.id, proposal: '产学研联合攻关，12 个月交付样机。' } }, yuyao.token), 'applyToChallenge');
    expectError(await app.gql(RECORD, { i: { applicationId: application.id, plannedInvestment: 2_000_000 } }, authority), 'CONFLICT', 'applicationId');
    ok(await app.gql(DECIDE, { id: application.id, d: 'ACCEPT' }, anchor.token), 'decideChallengeApplication');
    await app.drain();
    let m = await mine(yuyao);
    expect(m.nearMisses.find((x) => x.policy.id === 'NINGBO-2024-CHALLENGE-RD')!.missing).toContain('的实际研发投入后，按 30% 计算（最高 200万元）');
    ok(await app.gql(RECORD, { i: { applicationId: application.id, category: 'INDUSTRIAL', plannedInvestment: 2_000_000 } }, authority), 'recordChallengeProjectFacts');
    m = await mine(yuyao);
    const yy = m.eligible.find((r) => r.policy.id === 'YUYAO-2021-CHALLENGE-INDUSTRIAL')!;
    expect(yy.tranches.map((t) => [t.amount, t.status])).toEqual([
      [200_000, 'DUE'],
      [200_000, 'WAITING'],
    ]);
    expect(yy.amountDue).toBe(200_000);
    expectError(await app.gql(RECORD, { i: { applicationId: application.id, completedOn: '2026-01-01' } }, authority), 'BAD_USER_INPUT', 'completionPassed');
    expectError(await app.gql(RECORD, { i: { applicationId: application.id, actualInvestment: -1 } }, authority), 'BAD_USER_INPUT');
    expectError(await app.gql(RECORD, { i: { applicationId: application.id, plannedInvestment: 1 } }, yuyao.token), 'FORBIDDEN');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    ok(await app.gql(RECORD, { i: { applicationId: application.id, actualInvestment: 3_000_000, completedOn: today, completionPassed: true } }, authority), 'recordChallengeProjectFacts');
    m = await mine(yuyao);
    const done = m.eligible.find((r) => r.policy.id === 'YUYAO-2021-CHALLENGE-INDUSTRIAL')!;
    // 20% × 300万 = 60万, capped at 50万; balance 50万 − 20万 = 30万.
    expect(done.tranches.map((t) => [t.amount, t.status])).toEqual([
      [200_000, 'DUE'],
      [300_000, 'DUE'],
    ]);
    const nb = m.eligible.find((r) => r.policy.id === 'NINGBO-2024-CHALLENGE-RD')!;
    expect(nb).toMatchObject({ amount: 900_000, arithmetic: '30% × 实际研发投入 300万元 = 90万元' });
    expect(nb.facts.map((f) => f.source)).toEqual(expect.arrayContaining(['揭榜立项或验收记录', '主管部门确认的称号', '登记的研发投入']));
  });

  it('优质服务机构: the bureau records a verified institution\'s selection and award; the institution sees the reward, capped at 50万', async () => {
    const provider = await registerOrg(app, 'SERVICE_PROVIDER', { regionCode: '330281', verifyWith: authority });
    const QUALITY = 'NINGBO-2024-QUALITY-SERVICE-PROVIDER';
    expect((await mine(provider)).nearMisses.find((m) => m.policy.id === QUALITY)?.missing).toContain('优质服务机构');
    const SELECT = `mutation($i: RecordServiceProviderSelectionInput!) { recordServiceProviderSelection(input: $i) { organizationId year award selectedOn } }`;
    // Refused precisely, nothing written: a firm is no institution; a year before 2018; a caller other than the AUTHORITY.
    expect((await app.gql(SELECT, { i: { organizationId: yuyao.organizationId, year: 2025, award: 300_000 } }, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    expect((await app.gql(SELECT, { i: { organizationId: provider.organizationId, year: 2017, award: 300_000 } }, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect((await app.gql(SELECT, { i: { organizationId: provider.organizationId, year: 2025, award: 300_000 } }, provider.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await sql(app, 'SELECT count(*)::int AS n FROM service_provider_selections', []))[0].n).toBe(0);
    // An award above the policy's cap: the reward is capped at 50万.
    const recorded = ok<{ year: number; award: number; selectedOn: string }>(
      await app.gql(SELECT, { i: { organizationId: provider.organizationId, year: 2025, award: 600_000, selectedOn: '2025-12-20' } }, authority),
      'recordServiceProviderSelection',
    );
    expect(recorded).toEqual({ organizationId: provider.organizationId, year: 2025, award: 600_000, selectedOn: '2025-12-20' });
    const reward = (await mine(provider)).eligible.find((r) => r.policy.id === QUALITY);
    expect(reward).toMatchObject({ amount: 500_000, triggeredOn: '2025-12-20' });
    expect(reward!.facts.map((f) => f.label)).toContain('2025年度优质服务机构核定奖励');
    // Correcting the same year rewrites the record (one row) and the reward.
    ok(await app.gql(SELECT, { i: { organizationId: provider.organizationId, year: 2025, award: 200_000, selectedOn: '2025-12-20' } }, authority), 'recordServiceProviderSelection');
    expect((await sql(app, 'SELECT count(*)::int AS n FROM service_provider_selections WHERE organization_id = $1', [provider.organizationId]))[0].n).toBe(1);
    expect((await mine(provider)).eligible.find((r) => r.policy.id === QUALITY)?.amount).toBe(200_000);
  });

  it('what-if: a draft 10万 小巨人 reward for 宁波 reaches the three firms; a draft ending before it starts is refused', async () => {
    const draft = { id: 'DRAFT-NB-LG', name: '宁波市小巨人奖励（草案）', issuer: '宁波市经信局', regionCodes: ['330200'], validFrom: '2025-01-01', trigger: 'TITLE_FIRST_CONFIRMED', tiers: ['LITTLE_GIANT', 'KEY_LITTLE_GIANT'], formula: 'FIXED', amount: 100_000 };
    const r = ok<{ beneficiaries: number; cost: number; evaluated: number }>(await app.gql(WHAT_IF, { d: draft }, authority), 'policyWhatIf');
    expect(r).toMatchObject({ beneficiaries: 3, cost: 300_000 });
    expect(r.evaluated).toBeGreaterThanOrEqual(3);
    const bad = expectError(await app.gql(WHAT_IF, { d: { ...draft, validTo: '2024-12-31' } }, authority), 'BAD_USER_INPUT', 'draft.validTo');
    expect(bad.message).toContain('截止日期 2024-12-31 早于起始日期 2025-01-01');
    expectError(await app.gql(WHAT_IF, { d: { ...draft, formula: 'SHARE', base: 'CHALLENGE_RD_ACTUAL', shareBp: 3000, cap: 1 } }, authority), 'BAD_USER_INPUT', 'draft.formula.base');
    expectError(await app.gql(WHAT_IF, { d: draft }, yuyao.token), 'FORBIDDEN');
  });
});
