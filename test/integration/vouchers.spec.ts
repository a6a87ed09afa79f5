import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import type { OrganizationKind } from '../../libs/identity/src/organizations/organization-kind.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { ListingEntity } from '../../libs/listings/src/entities/listing.entity.js';
import { ServiceOfferingEntity } from '../../libs/listings/src/entities/listing-details.entity.js';
import { MatchRequestService } from '../../libs/matching/src/requests/match-request.service.js';
import { SettableClock } from '../../libs/platform/src/time/clock.js';
import { VoucherProgrammeService, type ProgrammeCommand } from '../../libs/vouchers/src/services/voucher-programme.service.js';
import { VoucherGrantService } from '../../libs/vouchers/src/services/voucher-grant.service.js';
import { VoucherClaimService } from '../../libs/vouchers/src/services/voucher-claim.service.js';
import { VoucherLedgerService } from '../../libs/vouchers/src/services/voucher-ledger.service.js';
import { VoucherProgrammeEntity } from '../../libs/vouchers/src/entities/voucher-programme.entity.js';
import { VoucherEntity } from '../../libs/vouchers/src/entities/voucher.entity.js';
import { openTestDataSource } from '../helpers/test-database.js';

/** A Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);

describe('service vouchers: programmes, grants, redemption, ledger (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  const clock = new SettableClock(bj('2026-03-02T10:00'));
  let programmes: VoucherProgrammeService;
  let grants: VoucherGrantService;
  let claims: VoucherClaimService;
  let ledger: VoucherLedgerService;
  let requests: MatchRequestService;
  let authority: Actor;
  let authority2: Actor;

  const tx = <T>(work: (m: EntityManager) => Promise<T>) => dataSource.transaction(work);

  async function makeOrg(kind: OrganizationKind, extra: Partial<OrganizationEntity> = {}, regionCode = '330281'): Promise<Actor> {
    const body = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const org = await dataSource.getRepository(OrganizationEntity).save({ kind, name: `服务券测试 ${body}`, uscc: makeUscc('91', regionCode, body), regionCode, verified: true, verifiedAt: new Date(), ...extra });
    return { userId: randomUUID(), organizationId: org.id, kind, verified: true, role: 'OWNER' };
  }

  async function offering(owner: Actor, category: string, priceMax: number | null = 20_000): Promise<string> {
    const listing = await dataSource.getRepository(ListingEntity).save({
      kind: 'SERVICE_OFFERING' as const,
      ownerOrganizationId: owner.organizationId,
      status: 'PUBLISHED' as const,
      title: `专利导航服务 ${randomBytes(3).toString('hex')}`,
      description: '面向专精特新企业的专利布局与导航分析。',
      regionCodes: ['330200'],
      industryCodes: [],
      tags: [],
      publishedAt: new Date(),
      closedAt: null,
    });
    await dataSource.getRepository(ServiceOfferingEntity).save({ listingId: listing.id, category, priceMin: 1000, priceMax, acceptsServiceVoucher: true });
    return listing.id;
  }

  /** A match request by `firm` for `listingId`, accepted by `owner`. */
  async function acceptedRequest(firm: Actor, owner: Actor, listingId: string): Promise<string> {
    const r = await tx((m) => requests.request(m, firm, { listingId, shareProfile: false }));
    await tx((m) => requests.respond(m, owner, r.id, true, '可以承接'));
    return r.id;
  }

  const programmeInput = (over: Partial<ProgrammeCommand> = {}): ProgrammeCommand => ({
    name: '宁波市专精特新服务券（测试）',
    issuer: '宁波市经济和信息化局',
    budgetFen: 1_000_000,
    coverPercent: 50,
    capPerVoucherFen: 100_000,
    capPerFirmYearFen: 200_000,
    eligibleRegionCodes: ['330200'],
    serviceCategories: ['INTELLECTUAL_PROPERTY', 'DIGITAL_TRANSFORMATION'],
    applyFrom: '2026-03-01',
    applyUntil: '2026-12-31',
    validityMonths: 9,
    fraudThresholds: { spotCheck: { sharePercent: 0 } },
    ...over,
  });

  async function openProgramme(over: Partial<ProgrammeCommand> = {}): Promise<VoucherProgrammeEntity> {
    const p = await tx((m) => programmes.create(m, authority, programmeInput(over)));
    return tx((m) => programmes.setStatus(m, authority, p.id, 'OPEN'));
  }

  async function granted(programmeId: string, firm: Actor, amountFen = 100_000, category = 'INTELLECTUAL_PROPERTY'): Promise<VoucherEntity> {
    const applied = await tx((m) => grants.apply(m, firm, { programmeId, serviceCategory: category, amountFen, purpose: '专利布局分析' }));
    return tx((m) => grants.decide(m, authority, applied.id, { approve: true }));
  }

  const programmeRow = (id: string) => dataSource.getRepository(VoucherProgrammeEntity).findOneByOrFail({ id });
  const ledgerSum = async (programmeId: string, kind: string) =>
    Number((await dataSource.query(`SELECT COALESCE(sum(amount_fen), 0)::text AS s FROM voucher_ledger WHERE programme_id = $1 AND kind = $2`, [programmeId, kind]))[0].s);
  const codeOf = async (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    programmes = new VoucherProgrammeService(clock);
    grants = new VoucherGrantService(clock);
    claims = new VoucherClaimService(clock);
    ledger = new VoucherLedgerService();
    requests = new MatchRequestService(dataSource, clock);
    authority = await makeOrg('AUTHORITY', {}, '330200');
    authority2 = { ...authority, userId: randomUUID() };
  });
  afterAll(async () => {
    await closeDb?.();
  });

  it('races 50 concurrent grants against a budget for 10: exactly 10 are granted, the rest refused with CONFLICT', async () => {
    const p = await openProgramme({ budgetFen: 10 * 100_000 });
    const firms = await Promise.all(Array.from({ length: 50 }, () => makeOrg('ENTERPRISE')));
    const applications = [];
    for (const f of firms) applications.push(await tx((m) => grants.apply(m, f, { programmeId: p.id, serviceCategory: 'INTELLECTUAL_PROPERTY', amountFen: 100_000, purpose: '专利布局' })));
    const results = await Promise.allSettled(applications.map((a) => tx((m) => grants.decide(m, authority, a.id, { approve: true }))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    expect(new Set(refused.map((r) => (r.reason as { code: string }).code))).toEqual(new Set(['CONFLICT']));
    const row = await programmeRow(p.id);
    expect(row.reservedFen).toBe(1_000_000);
    expect(await ledgerSum(p.id, 'RESERVE')).toBe(1_000_000);
    expect(await dataSource.getRepository(VoucherEntity).countBy({ programmeId: p.id, status: 'GRANTED' })).toBe(10);
    expect(await dataSource.getRepository(VoucherEntity).countBy({ programmeId: p.id, status: 'APPLIED' })).toBe(40);
    expect((await ledger.reconcile(dataSource.manager, p.id)).discrepancies).toEqual([]);
  });

  it('refuses bad amounts precisely and writes nothing', async () => {
    const firm = await makeOrg('ENTERPRISE');
    const p = await openProgramme();
    const before = await dataSource.query(`SELECT count(*)::int AS n FROM vouchers`);
    for (const [amountFen, fragment] of [[-1, '负数'], [12.5, '整数分'], [2 ** 53 + 2, '2^53'], [1e13, '平台上限'], [0, '大于 0']] as const) {
      const err = await tx((m) => grants.apply(m, firm, { programmeId: p.id, serviceCategory: 'INTELLECTUAL_PROPERTY', amountFen, purpose: 'x' })).catch((e) => e);
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.details.field).toBe('amount');
      expect(err.message).toContain(fragment);
    }
    expect(await codeOf(tx((m) => grants.apply(m, firm, { programmeId: p.id, serviceCategory: 'INTELLECTUAL_PROPERTY', amountFen: 100_001, purpose: 'x' })))).toBe('BAD_USER_INPUT');
    expect(await codeOf(tx((m) => grants.apply(m, firm, { programmeId: p.id, serviceCategory: 'LEGAL_TAX', amountFen: 100, purpose: 'x' })))).toBe('BAD_USER_INPUT');
    // Outside the programme's region.
    const outsider = await makeOrg('ENTERPRISE', {}, '330106');
    expect(await codeOf(tx((m) => grants.apply(m, outsider, { programmeId: p.id, serviceCategory: 'INTELLECTUAL_PROPERTY', amountFen: 100, purpose: 'x' })))).toBe('FORBIDDEN');
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM vouchers`))[0].n).toBe(before[0].n);
    // Budget below what is committed; a budget change is a BUDGET ledger row.
    await granted(p.id, firm);
    expect(await codeOf(tx((m) => programmes.changeBudget(m, authority, p.id, 50_000, '压缩预算')))).toBe('CONFLICT');
    await tx((m) => programmes.changeBudget(m, authority, p.id, 1_500_000, '追加预算'));
    expect(await ledgerSum(p.id, 'BUDGET')).toBe(1_500_000);
    // The firm's yearly cap (200 000 fen): a second 100 000 fits, a third does not.
    await granted(p.id, firm, 100_000, 'DIGITAL_TRANSFORMATION');
    const third = await tx((m) => grants.apply(m, firm, { programmeId: p.id, serviceCategory: 'INTELLECTUAL_PROPERTY', amountFen: 1, purpose: '再申请' }));
    expect(await codeOf(tx((m) => grants.decide(m, authority, third.id, { approve: true })))).toBe('CONFLICT');
    // Declined with a coded reason.
    const declined = await tx((m) => grants.decide(m, authority, third.id, { approve: false, reasonCode: 'VOUCHER_DUPLICATE' }));
    expect(declined.status).toBe('DECLINED');
  });

  it('draft to settlement: two firms, two institutions, a flagged claim needing two approvers, a dispute, an expiry releasing budget', async () => {
    const firmA = await makeOrg('ENTERPRISE', { contactPhone: '0574-8888 1111' });
    const firmB = await makeOrg('ENTERPRISE', { contactPhone: '13800001234' });
    const instA = await makeOrg('SERVICE_PROVIDER', { contactPhone: '0574-8888 2222' });
    // Shares firm B's phone: a related party.
    const instB = await makeOrg('SERVICE_PROVIDER', { contactPhone: '+86 138-0000-1234' });
    const stranger = await makeOrg('SERVICE_PROVIDER');
    const p = await tx((m) => programmes.create(m, authority, programmeInput()));
    expect(p.status).toBe('DRAFT');
    await tx((m) => programmes.addInstitution(m, authority, p.id, instA.organizationId, '2026 年度招标入围'));
    await tx((m) => programmes.addInstitution(m, authority, p.id, instB.organizationId, '2026 年度招标入围'));
    expect(await codeOf(tx((m) => programmes.addInstitution(m, authority, p.id, instB.organizationId, '重复')))).toBe('CONFLICT');
    // Applications wait for the programme to open.
    expect(await codeOf(tx((m) => grants.apply(m, firmA, { programmeId: p.id, serviceCategory: 'INTELLECTUAL_PROPERTY', amountFen: 100_000, purpose: 'x' })))).toBe('CONFLICT');
    await tx((m) => programmes.setStatus(m, authority, p.id, 'OPEN'));

    const vA = await granted(p.id, firmA);
    const vB = await granted(p.id, firmB);
    const vExpiring = await granted(p.id, firmA, 50_000, 'DIGITAL_TRANSFORMATION');
    expect(vA.code).toMatch(/^SV2026-/);
    expect(vA.expiresOn).toBe('2026-12-01');

    const ipA = await offering(instA, 'INTELLECTUAL_PROPERTY');
    const ipB = await offering(instB, 'INTELLECTUAL_PROPERTY');
    const digital = await offering(instA, 'DIGITAL_TRANSFORMATION');
    const strangers = await offering(stranger, 'INTELLECTUAL_PROPERTY');
    const rA = await acceptedRequest(firmA, instA, ipA);
    const rB = await acceptedRequest(firmB, instB, ipB);
    const rDigital = await acceptedRequest(firmA, instA, digital);
    const rStranger = await acceptedRequest(firmA, stranger, strangers);

    // Wrong category, non-contracted institution, another firm's voucher.
    expect(await codeOf(tx((m) => claims.attach(m, firmA, vA.id, rDigital)))).toBe('BAD_USER_INPUT');
    expect(await codeOf(tx((m) => claims.attach(m, firmA, vA.id, rStranger)))).toBe('BAD_USER_INPUT');
    expect(await codeOf(tx((m) => claims.attach(m, firmB, vA.id, rA)))).toBe('FORBIDDEN');
    await tx((m) => claims.attach(m, firmA, vA.id, rA));
    await tx((m) => claims.attach(m, firmB, vB.id, rB));
    expect(await codeOf(tx((m) => claims.attach(m, firmA, vA.id, rA)))).toBe('CONFLICT');

    // Claim above the remaining amount, above the programme's share of the price, by the wrong institution.
    const claimInput = { contractValueFen: 150_000, claimFen: 75_000, invoiceNumber: '3302261234', deliveredOn: '2026-03-02' };
    expect(await codeOf(tx((m) => claims.submit(m, instA, vA.id, { ...claimInput, contractValueFen: 400_000, claimFen: 100_001 })))).toBe('BAD_USER_INPUT');
    expect(await codeOf(tx((m) => claims.submit(m, instA, vA.id, { ...claimInput, claimFen: 75_001 })))).toBe('BAD_USER_INPUT');
    expect(await codeOf(tx((m) => claims.submit(m, instB, vA.id, claimInput)))).toBe('FORBIDDEN');
    const cA = await tx((m) => claims.submit(m, instA, vA.id, claimInput));
    expect(cA.flagged).toBe(false);
    expect(await codeOf(tx((m) => claims.submit(m, instA, vA.id, claimInput)))).toBe('CONFLICT');
    // The firm confirms first.
    expect(await codeOf(tx((m) => claims.decide(m, authority, cA.id, { decision: 'APPROVE' })))).toBe('CONFLICT');
    await tx((m) => claims.confirm(m, firmA, cA.id, true));
    const approvedA = await tx((m) => claims.decide(m, authority, cA.id, { decision: 'APPROVE' }));
    expect(approvedA.status).toBe('APPROVED');
    // Redeemed: 75 000 paid, the unused 25 000 released; a second redemption is refused.
    expect((await dataSource.getRepository(VoucherEntity).findOneByOrFail({ id: vA.id })).status).toBe('REDEEMED');
    expect(await codeOf(tx((m) => claims.submit(m, instA, vA.id, claimInput)))).toBe('CONFLICT');

    // Institution B and firm B share a phone: flagged; firm B disputes too.
    const cB = await tx((m) => claims.submit(m, instB, vB.id, { ...claimInput, invoiceNumber: '3302269999' }));
    expect(cB.flagged).toBe(true);
    expect(cB.findings.map((f) => f.rule)).toContain('RELATED_PARTY');
    expect(JSON.stringify(cB.findings)).not.toContain('1234');
    const disputed = await tx((m) => claims.confirm(m, firmB, cB.id, false, '服务只做了一半'));
    expect(disputed.status).toBe('DISPUTED');
    expect(disputed.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['RELATED_PARTY', 'FIRM_DISPUTE']));
    const first = await tx((m) => claims.decide(m, authority, cB.id, { decision: 'APPROVE', note: '已电话核实' }));
    expect(first.status).toBe('AWAITING_SECOND_APPROVAL');
    const same = await tx((m) => claims.decide(m, authority, cB.id, { decision: 'APPROVE' })).catch((e) => e);
    expect(same.code).toBe('FORBIDDEN');
    expect(same.message).toContain('第一审批人');
    const second = await tx((m) => claims.decide(m, authority2, cB.id, { decision: 'APPROVE' }));
    expect(second.status).toBe('APPROVED');
    expect(second.firstApproverUserId).toBe(authority.userId);
    expect(second.secondApproverUserId).toBe(authority2.userId);

    // Settlement batch of both claims.
    expect(await codeOf(tx((m) => claims.settle(m, authority, p.id, [cA.id, randomUUID()])))).toBe('NOT_FOUND');
    const batch = await tx((m) => claims.settle(m, authority, p.id, [cA.id, cB.id], '2026 年 3 月批次'));
    expect(batch.totalFen).toBe(150_000);
    expect(batch.claimCount).toBe(2);
    expect(await codeOf(tx((m) => claims.settle(m, authority, p.id, [cA.id])))).toBe('CONFLICT');
    // Each step is on the match request's timeline, with ids and states, never an amount.
    const steps: Array<{ kind: string; data: Record<string, unknown> }> = await dataSource.query(`SELECT kind, data FROM timeline_entries WHERE subject_id = $1 AND (data ? 'voucher' OR data ? 'voucherClaim') ORDER BY id`, [rB]);
    expect(steps.map((x) => x.data.voucher ?? x.data.voucherClaim)).toEqual(['ATTACHED', 'SUBMITTED', 'DISPUTED', 'AWAITING_SECOND_APPROVAL', 'APPROVED', 'SETTLED']);
    expect(JSON.stringify(steps)).not.toMatch(/75000|75_000|150000/);

    // The unattached voucher expires on 2026-12-02 and releases its 50 000.
    const before = await programmeRow(p.id);
    expect(await codeOf(tx((m) => claims.attach(m, firmA, vExpiring.id, rDigital)))).toBe('OK');
    clock.set(bj('2026-12-02T01:00'));
    const unattached = await granted(p.id, firmB, 10_000, 'DIGITAL_TRANSFORMATION').catch(() => null);
    expect(unattached?.status).toBe('GRANTED');
    // Every programme's due vouchers expire (the race test's ones too); this programme's one among them.
    expect(await grants.expire(dataSource)).toBeGreaterThanOrEqual(1);
    expect(await grants.expire(dataSource)).toBe(0);
    const expired = await dataSource.getRepository(VoucherEntity).findOneByOrFail({ id: vExpiring.id });
    expect(expired.status).toBe('EXPIRED');
    expect(await codeOf(tx((m) => claims.submit(m, instA, vExpiring.id, claimInput)))).toBe('CONFLICT');
    const after = await programmeRow(p.id);
    expect(after.reservedFen).toBe(before.reservedFen - 50_000 + 10_000);
    clock.set(bj('2026-03-02T10:00'));

    expect(after.redeemedFen).toBe(150_000);
    expect(after.settledFen).toBe(150_000);
    const figures = await ledger.figures(dataSource.manager, p.id);
    expect(figures).toMatchObject({ budgetFen: 1_000_000, redeemedFen: 150_000, settledFen: 150_000, flaggedClaimRate: 0.5 });
    expect(figures!.redemptionRate).toBe(0.5);
    expect(figures!.byCategory.find((r) => r.key === 'INTELLECTUAL_PROPERTY')).toMatchObject({ grantedFen: 200_000, redeemedFen: 150_000, settledFen: 150_000 });

    // The reconcile agrees with the ledger, then finds a planted inconsistency (a row edited behind the ledger's back).
    expect((await ledger.reconcile(dataSource.manager, p.id)).discrepancies).toEqual([]);
    await dataSource.query(`UPDATE voucher_programmes SET reserved_fen = reserved_fen + 1 WHERE id = $1`, [p.id]);
    await dataSource.query(`UPDATE vouchers SET redeemed_fen = redeemed_fen - 1 WHERE id = $1`, [vB.id]);
    const report = await ledger.reconcile(dataSource.manager, p.id);
    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        { programmeId: p.id, voucherId: null, figure: 'reserved', ledgerFen: after.reservedFen, rowFen: after.reservedFen + 1 },
        { programmeId: p.id, voucherId: vB.id, figure: 'redeemed', ledgerFen: 75_000, rowFen: 74_999 },
      ]),
    );
    // The ledger itself cannot be edited.
    await expect(dataSource.query(`UPDATE voucher_ledger SET amount_fen = 0 WHERE programme_id = $1`, [p.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM voucher_ledger WHERE programme_id = $1`, [p.id])).rejects.toThrow(/append-only/);
  });
});
