import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { SettableClock } from '../../libs/platform/src/time/clock.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { keptMails, tokenIn } from '../helpers/mailbox.js';
import { createListing, loginAuthority, ok, publishListing, registerOrg, requestMatch, RESPOND, serviceOfferingInput, sql, type Org } from '../helpers/listing-fixtures.js';

/** A Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);

const CREATE = `mutation($i: VoucherProgrammeInput!) { createVoucherProgramme(input: $i) { id status budget { budget available } } }`;
const CONTRACT = `mutation($p: ID!, $i: ID!, $r: String!) { addContractedInstitution(programmeId: $p, institutionId: $i, reason: $r) { id contractedInstitutions { institutionId removedAt } } }`;
const STATUS = `mutation($id: ID!, $s: VoucherProgrammeStatus!) { setVoucherProgrammeStatus(id: $id, status: $s) { id status } }`;
const APPLY = `mutation($p: ID!, $c: String!, $a: String!, $u: String!) { applyForVoucher(programmeId: $p, serviceCategory: $c, amount: $a, purpose: $u) { id status amount } }`;
const DECIDE = `mutation($v: ID!, $ok: Boolean!, $a: String, $r: String) { decideVoucherApplication(voucherId: $v, approve: $ok, amount: $a, reasonCode: $r) { id status code amount balance expiresOn declineReason { code } } }`;
const ATTACH = `mutation($v: ID!, $r: ID!) { attachVoucher(voucherId: $v, matchRequestId: $r) { id matchRequestId } }`;
const CLAIM = `mutation($v: ID!, $i: VoucherClaimInput!) { submitVoucherClaim(voucherId: $v, input: $i) { id status flagged findings { rule } } }`;
const CONFIRM = `mutation($c: ID!, $ok: Boolean!, $n: String) { confirmVoucherClaim(claimId: $c, confirmed: $ok, note: $n) { id status } }`;
const DECIDE_CLAIM = `mutation($c: ID!, $d: VoucherClaimDecision!) { decideVoucherClaim(claimId: $c, decision: $d) { id status firstApprovalGiven } }`;
const SETTLE = `mutation($p: ID!, $c: [ID!]!) { settleVoucherClaims(programmeId: $p, claimIds: $c, note: "2026 年 3 月批次") { id claimCount total downloadPath } }`;
const RECONCILE = `mutation($p: ID) { reconcileVoucherLedger(programmeId: $p) { programmes vouchers discrepancies { figure voucherId ledger row } } }`;
const FIGURES = `query($p: ID!) { voucherFigures(programmeId: $p) { budget { budget reserved redeemed settled available } redemptionRate medianDaysToRedemption flaggedClaimRate byCategory { key name granted redeemed settled } byInstitution { name settled } } }`;
const CLAIMS = `query($p: ID) { voucherClaims(programmeId: $p, first: 10) { totalCount edges { node { id status flagged findings { rule score evidence threshold } } } } }`;

describe('service vouchers: a programme from draft to settlement through the API', () => {
  const clock = new SettableClock(bj('2026-03-02T10:00'));
  let app: TestApp;
  let authority: string;
  let authority2: string;
  let firmA: Org;
  let firmB: Org;
  let instA: Org;
  let instB: Org;

  const q = async (text: string, variables: Record<string, unknown>, token: string, field: string) => ok<any>(await app.gql(text, variables, token), field);
  const refused = async (text: string, variables: Record<string, unknown>, token: string) => {
    const res = await app.gql(text, variables, token);
    expect(res.errors).toHaveLength(1);
    return { code: res.errors![0]!.extensions?.code as string, field: res.errors![0]!.extensions?.field as string | undefined, message: res.errors![0]!.message };
  };

  beforeAll(async () => {
    app = await startTestApp({ clock });
    authority = await loginAuthority(app);
    // A colleague at the AUTHORITY: the second approver.
    const email = 'second-approver@vouchers.test';
    ok(await app.gql('mutation($e: String!) { inviteMember(email: $e, role: MEMBER) { id } }', { e: email }, authority), 'inviteMember');
    const [mail] = await keptMails(app, email);
    authority2 = ok<any>(await app.gql('mutation($t: String!) { acceptInvitation(token: $t, password: "approver-password-1", displayName: "复核人") { accessToken } }', { t: tokenIn(mail!.body) }), 'acceptInvitation').accessToken;
    [firmA, firmB, instA, instB] = await Promise.all([
      registerOrg(app, 'ENTERPRISE', { verifyWith: authority }),
      registerOrg(app, 'ENTERPRISE', { verifyWith: authority, regionCode: '330203' }),
      registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority }),
      registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority }),
    ]);
    // Institution B and firm B share a contact phone: related parties.
    await sql(app, `UPDATE organizations SET contact_phone = '0574-8765 4321' WHERE id IN ($1, $2)`, [firmB.organizationId, instB.organizationId]);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function offeringOf(inst: Org, category: string): Promise<string> {
    const { id } = await createListing(app, inst.token, 'SERVICE_OFFERING', { overrides: serviceOfferingInput({ category, priceMin: 5_000, priceMax: 30_000 }) });
    await publishListing(app, inst.token, id);
    return id;
  }

  async function acceptedRequest(firm: Org, inst: Org, listingId: string): Promise<string> {
    const id = await requestMatch(app, firm.token, listingId);
    ok(await app.gql(RESPOND, { id, accept: true }, inst.token), 'respondToMatchRequest');
    return id;
  }

  it('runs draft → open → grants → claims (one flagged needing two approvers, one disputed) → settlement → expiry → reconcile', async () => {
    const input = {
      name: '宁波市专精特新中小企业服务券（2026）',
      issuer: '宁波市经济和信息化局',
      budget: '100000',
      coverPercent: 50,
      capPerVoucher: '20000',
      capPerFirmYear: '100000',
      eligibleRegionCodes: ['330200'],
      serviceCategories: ['INTELLECTUAL_PROPERTY', 'DIGITAL_TRANSFORMATION'],
      applyFrom: '2026-03-01',
      applyUntil: '2026-12-31',
      validityMonths: 9,
      fraudThresholdsJson: JSON.stringify({ spotCheck: { sharePercent: 0 } }),
    };
    // Bad amounts are refused precisely, nothing written.
    expect(await refused(CREATE, { i: { ...input, budget: '100000.001' } }, authority)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.budget' });
    expect(await refused(CREATE, { i: { ...input, budget: '-5' } }, authority)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.budget' });
    expect(await refused(CREATE, { i: { ...input, budget: '99999999999999999999' } }, authority)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.budget' });
    expect((await sql(app, 'SELECT count(*)::int AS n FROM voucher_programmes'))[0].n).toBe(0);

    const programme = await q(CREATE, { i: input }, authority, 'createVoucherProgramme');
    expect(programme).toMatchObject({ status: 'DRAFT', budget: { budget: '100000.00', available: '100000.00' } });
    const p = programme.id as string;
    await q(CONTRACT, { p, i: instA.organizationId, r: '2026 年度服务机构招标入围' }, authority, 'addContractedInstitution');
    await q(CONTRACT, { p, i: instB.organizationId, r: '2026 年度服务机构招标入围' }, authority, 'addContractedInstitution');
    await q(STATUS, { id: p, s: 'OPEN' }, authority, 'setVoucherProgrammeStatus');
    // Firms see the programme, not its money.
    const seen = await q('query($id: ID!) { voucherProgramme(id: $id) { id status budget { budget } } }', { id: p }, firmA.token, 'voucherProgramme');
    expect(seen).toEqual({ id: p, status: 'OPEN', budget: null });

    // Applications and grants.
    const applied = async (firm: Org, c: string, a: string) => (await q(APPLY, { p, c, a, u: '知识产权布局与专利导航' }, firm.token, 'applyForVoucher')).id as string;
    const grant = async (id: string) => q(DECIDE, { v: id, ok: true }, authority, 'decideVoucherApplication');
    expect(await refused(APPLY, { p, c: 'INTELLECTUAL_PROPERTY', a: '20000.01', u: 'x' }, firmA.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(await refused(APPLY, { p, c: 'LEGAL_TAX', a: '100', u: 'x' }, firmA.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serviceCategory' });
    const vA = await grant(await applied(firmA, 'INTELLECTUAL_PROPERTY', '20000'));
    const vB = await grant(await applied(firmB, 'INTELLECTUAL_PROPERTY', '20000'));
    const vExpiring = await grant(await applied(firmA, 'DIGITAL_TRANSFORMATION', '10000'));
    expect(vA).toMatchObject({ status: 'GRANTED', amount: '20000.00', balance: '20000.00', expiresOn: '2026-12-01' });
    const declined = await q(DECIDE, { v: await applied(firmB, 'DIGITAL_TRANSFORMATION', '5000'), ok: false, r: 'VOUCHER_PURPOSE_UNCLEAR' }, authority, 'decideVoucherApplication');
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: { code: 'VOUCHER_PURPOSE_UNCLEAR' } });
    // The firm sees its own vouchers and balance.
    const mine = await q('{ vouchers(first: 10) { totalCount edges { node { id balance status } } } }', {}, firmA.token, 'vouchers');
    expect(mine.totalCount).toBe(2);

    // Redemption: attach to accepted requests for the contracted institutions' offerings.
    const rA = await acceptedRequest(firmA, instA, await offeringOf(instA, 'INTELLECTUAL_PROPERTY'));
    const rB = await acceptedRequest(firmB, instB, await offeringOf(instB, 'INTELLECTUAL_PROPERTY'));
    await q(ATTACH, { v: vA.id, r: rA }, firmA.token, 'attachVoucher');
    await q(ATTACH, { v: vB.id, r: rB }, firmB.token, 'attachVoucher');
    expect((await refused(ATTACH, { v: vA.id, r: rA }, firmA.token)).code).toBe('CONFLICT');

    const claimInput = { contractValue: '30000', claimAmount: '15000', invoiceNumber: '33022600001', deliveredOn: '2026-03-02' };
    expect(await refused(CLAIM, { v: vA.id, i: { ...claimInput, contractValue: '50000', claimAmount: '20000.01' } }, instA.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimAmount' });
    const cA = await q(CLAIM, { v: vA.id, i: claimInput }, instA.token, 'submitVoucherClaim');
    expect(cA).toMatchObject({ status: 'SUBMITTED', flagged: false, findings: null });
    const cB = await q(CLAIM, { v: vB.id, i: { ...claimInput, invoiceNumber: '33022600002' } }, instB.token, 'submitVoucherClaim');
    expect(cB.flagged).toBe(true);
    await q(CONFIRM, { c: cA.id, ok: true }, firmA.token, 'confirmVoucherClaim');
    expect(await q(CONFIRM, { c: cB.id, ok: false, n: '仅完成检索，未出具导航报告' }, firmB.token, 'confirmVoucherClaim')).toMatchObject({ status: 'DISPUTED' });

    // The AUTHORITY sees the findings before approving.
    const desk = await q(CLAIMS, { p }, authority, 'voucherClaims');
    const flagged = desk.edges.map((e: any) => e.node).find((n: any) => n.id === cB.id);
    expect(flagged.findings.map((f: any) => f.rule)).toEqual(expect.arrayContaining(['RELATED_PARTY', 'FIRM_DISPUTE']));
    expect(JSON.stringify(flagged.findings)).not.toContain('8765');

    expect(await q(DECIDE_CLAIM, { c: cA.id, d: 'APPROVE' }, authority, 'decideVoucherClaim')).toMatchObject({ status: 'APPROVED' });
    expect(await q(DECIDE_CLAIM, { c: cB.id, d: 'APPROVE' }, authority, 'decideVoucherClaim')).toMatchObject({ status: 'AWAITING_SECOND_APPROVAL', firstApprovalGiven: true });
    const same = await refused(DECIDE_CLAIM, { c: cB.id, d: 'APPROVE' }, authority);
    expect(same.code).toBe('FORBIDDEN');
    expect(same.message).toContain('第一审批人');
    expect(await q(DECIDE_CLAIM, { c: cB.id, d: 'APPROVE' }, authority2, 'decideVoucherClaim')).toMatchObject({ status: 'APPROVED' });

    // Settlement: a batch, its total and the finance office's XLSX.
    const batch = await q(SETTLE, { p, c: [cA.id, cB.id] }, authority, 'settleVoucherClaims');
    expect(batch).toMatchObject({ claimCount: 2, total: '30000.00' });
    const base = app.url.replace(/\/graphql$/, '');
    const xlsx = await fetch(`${base}${batch.downloadPath}`, { headers: { authorization: `Bearer ${authority}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(4).getCell(1).value).toBe('合计');
    expect(sheet.getRow(4).getCell(10).value).toBe(30000);
    expect((await fetch(`${base}${batch.downloadPath}`, { headers: { authorization: `Bearer ${firmA.token}` } })).status).toBe(403);

    // Expiry: the unused voucher's last day is 2026-12-01; the daily job releases its 10 000 元.
    clock.set(bj('2026-12-02T00:30'));
    await app.started.runtime.queues.queue('notify').add('vouchers.expire', { requestedBy: 'test' }, { jobId: 'voucher-expire-test', attempts: 1 });
    await app.drain();
    const expired = await q('{ vouchers(first: 10, status: EXPIRED) { edges { node { id balance } } } }', {}, firmA.token, 'vouchers');
    expect(expired.edges.map((e: any) => e.node.id)).toEqual([vExpiring.id]);
    expect((await refused(ATTACH, { v: vExpiring.id, r: rA }, firmA.token)).code).toBe('CONFLICT');

    const figures = await q(FIGURES, { p }, authority, 'voucherFigures');
    expect(figures.budget).toEqual({ budget: '100000.00', reserved: '0.00', redeemed: '30000.00', settled: '30000.00', available: '70000.00' });
    expect(figures).toMatchObject({ flaggedClaimRate: 0.5, redemptionRate: 0.6667 });
    expect(figures.byCategory).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'INTELLECTUAL_PROPERTY', name: '知识产权', granted: '40000.00', settled: '30000.00' })]));

    // Reconcile: clean, then a planted inconsistency is found.
    expect((await q(RECONCILE, { p }, authority, 'reconcileVoucherLedger')).discrepancies).toEqual([]);
    await sql(app, `UPDATE vouchers SET redeemed_fen = redeemed_fen - 100 WHERE id = $1`, [vA.id]);
    const report = await q(RECONCILE, { p }, authority, 'reconcileVoucherLedger');
    expect(report.discrepancies).toEqual([{ figure: 'redeemed', voucherId: vA.id, ledger: '15000.00', row: '14999.00' }]);
  });
});
