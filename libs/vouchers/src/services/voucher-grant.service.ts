import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, CLOCK, forbidden, todayInShanghai, type Clock } from '../../../platform/src/index.js';
import { authorizeKind, type Actor } from '../../../identity/src/index.js';
import { describeVoucherReasonProblem } from '../../../codes/src/index.js';
import { effectiveTierSql } from '../../../enterprises/src/index.js';
import { categoryName } from '../../../matching/src/index.js';
import { amountProblem, yuan } from '../core/money.js';
import { eligibilityMiss, type FirmFacts } from '../core/eligibility.js';
import { VOUCHER_STATUS_LABELS } from '../core/voucher-enums.js';
import type { VoucherProgrammeEntity } from '../entities/voucher-programme.entity.js';
import { VoucherEntity } from '../entities/voucher.entity.js';
import { lastValidDay, lockProgramme, lockVoucher, move, saveProgramme, text } from './voucher-books.js';
import { VoucherProgrammeService } from './voucher-programme.service.js';

/** 免申即享 grants at most this many firms per call (a larger list is granted in several calls). */
export const AUTO_GRANT_MAX_FIRMS = 2_000;

export interface ApplyCommand {
  programmeId: string;
  serviceCategory: string;
  amountFen: number;
  purpose: string;
}

export interface ApplicationDecision {
  approve: boolean;
  /** Granted amount (≤ the amount applied for); the amount applied for when omitted. */
  amountFen?: number | null;
  reasonCode?: string | null;
  note?: string | null;
}

const MISS_TEXT = {
  LIST: '不在本项目的企业名单内',
  TIER: '梯度不符（仅认可主管部门确认或导入的有效称号）',
  REGION: '所在地区不在本项目范围内',
  INDUSTRY: '所属行业不在本项目范围内',
} as const;

/** Applications, grants (with or without an application), cancellation and expiry (issue 22 item 2). */
@Injectable()
export class VoucherGrantService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  private today(): string {
    return todayInShanghai(this.clock.now());
  }

  async apply(m: EntityManager, actor: Actor | undefined, input: ApplyCommand): Promise<VoucherEntity> {
    authorizeKind(actor, 'applyForVoucher');
    if (!actor!.verified) throw forbidden('机构尚未通过主管部门审核，审核通过后才能申领服务券 (applyForVoucher: your organization has not been verified by the authority yet)');
    const problem = amountProblem(input?.amountFen, 'amount', '申请金额');
    if (problem) throw badInput(problem.message, problem.field);
    const purpose = text(input.purpose, 'purpose', '用途', { required: true })!;
    const p = await lockProgramme(m, input.programmeId, 'programmeId');
    const closed = VoucherProgrammeService.openToday(p, this.today());
    if (closed) throw conflict(closed, 'programmeId');
    categoryAllowed(p, input.serviceCategory, 'serviceCategory');
    if (input.amountFen > p.capPerVoucherFen) throw badInput(`申请金额 ${yuan(input.amountFen)} 超过单张服务券上限 ${yuan(p.capPerVoucherFen)} (amountFen is above the cap per voucher)`, 'amount');
    const firm = await firmFacts(m, actor!.organizationId, this.today());
    const miss = firm ? eligibilityMiss(p, firm) : 'TIER';
    if (miss) throw forbidden(`贵企业不符合本项目的申领条件：${MISS_TEXT[miss]} (applyForVoucher: not eligible for this programme: ${miss})`);
    const pending = await m.countBy(VoucherEntity, { programmeId: p.id, firmOrganizationId: actor!.organizationId, serviceCategory: input.serviceCategory, status: 'APPLIED' });
    if (pending) throw conflict(`已有一份「${categoryName(input.serviceCategory)}」类服务券申请待审批 (an application for this category is already pending)`, 'serviceCategory');
    return m.save(
      m.create(VoucherEntity, { programmeId: p.id, firmOrganizationId: actor!.organizationId, serviceCategory: input.serviceCategory, amountFen: input.amountFen, redeemedFen: 0, status: 'APPLIED', purpose, code: null, expiresOn: null, grantedAt: null, matchRequestId: null }),
    );
  }

  async decide(m: EntityManager, actor: Actor | undefined, voucherId: string, input: ApplicationDecision): Promise<VoucherEntity> {
    authorizeKind(actor, 'decideVoucherApplication');
    if (typeof input?.approve !== 'boolean') throw badInput('approve 须为 true 或 false (approve must be a boolean)', 'approve');
    const note = text(input.note, 'note', '说明');
    const { programme, voucher } = await lockVoucher(m, voucherId);
    if (voucher.status !== 'APPLIED') throw conflict(`该服务券申请已处理（${VOUCHER_STATUS_LABELS[voucher.status]}）(the application was already decided)`, 'voucherId');
    voucher.decidedBy = actor!.userId;
    voucher.decisionNote = note;
    if (!input.approve) {
      if (input.amountFen != null) throw badInput('不予批准时无需填写金额 (amountFen is only for approvals)', 'amount');
      const problem = describeVoucherReasonProblem('VOUCHER_APPLICATION', input.reasonCode, note);
      if (problem) throw badInput(problem, 'reasonCode');
      voucher.status = 'DECLINED';
      voucher.declineReasonCode = input.reasonCode!;
      voucher.endedAt = this.clock.now();
      voucher.version += 1;
      return m.save(voucher);
    }
    if (input.reasonCode != null) throw badInput('批准时无需填写理由代码 (reasonCode is only for declines)', 'reasonCode');
    const amount = input.amountFen ?? voucher.amountFen;
    const problem = amountProblem(amount, 'amount', '批准金额');
    if (problem) throw badInput(problem.message, problem.field);
    if (amount > voucher.amountFen) throw badInput(`批准金额不能超过申请金额 ${yuan(voucher.amountFen)} (amountFen is above the amount applied for)`, 'amount');
    if (programme.status !== 'OPEN') throw conflict('项目未开放，不能发放服务券 (the programme is not OPEN)', 'voucherId');
    const firm = await firmFacts(m, voucher.firmOrganizationId, this.today());
    const miss = firm ? eligibilityMiss(programme, firm) : 'TIER';
    if (miss) throw conflict(`该企业已不符合申领条件：${MISS_TEXT[miss]} (the firm is no longer eligible: ${miss})`, 'voucherId');
    await this.reserve(m, programme, voucher, amount, actor!.userId);
    return voucher;
  }

  /**
   * 免申即享: a voucher of `amountFen` in `serviceCategory` for every eligible, verified enterprise
   * that holds no live voucher of that category in the programme this year. All or nothing: when the
   * budget cannot cover every firm, nothing is granted and the error says how many it could cover.
   */
  async grantToEligible(m: EntityManager, actor: Actor | undefined, programmeId: string, serviceCategory: string, amountFen: number): Promise<VoucherEntity[]> {
    authorizeKind(actor, 'grantVouchersToEligible');
    const problem = amountProblem(amountFen, 'amount', '每张面额');
    if (problem) throw badInput(problem.message, problem.field);
    const p = await lockProgramme(m, programmeId);
    if (p.status !== 'OPEN') throw conflict('项目未开放，不能发放服务券 (the programme is not OPEN)', 'programmeId');
    categoryAllowed(p, serviceCategory, 'serviceCategory');
    if (amountFen > p.capPerVoucherFen) throw badInput(`面额 ${yuan(amountFen)} 超过单张服务券上限 ${yuan(p.capPerVoucherFen)} (amountFen is above the cap per voucher)`, 'amount');
    const today = this.today();
    const rows: Array<{ id: string; region_code: string; industry_code: string | null; tier: string }> = await m.query(
      `SELECT o.id, o.region_code, ep.industry_code, ${effectiveTierSql('ep', '$1::date')}::text AS tier
         FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id
        WHERE o.kind = 'ENTERPRISE' AND o.verified
          AND NOT EXISTS (SELECT 1 FROM vouchers v WHERE v.programme_id = $2 AND v.firm_organization_id = o.id AND v.service_category = $3
                          AND v.status IN ('APPLIED', 'GRANTED'))
        ORDER BY o.id LIMIT $4`,
      [today, p.id, serviceCategory, AUTO_GRANT_MAX_FIRMS + 1],
    );
    const eligible = rows.filter((r) => !eligibilityMiss(p, { organizationId: r.id, regionCode: r.region_code, industryCode: r.industry_code, countedTier: r.tier ?? 'NONE' }));
    if (eligible.length > AUTO_GRANT_MAX_FIRMS) throw conflict(`符合条件的企业超过 ${AUTO_GRANT_MAX_FIRMS} 家，请缩小范围（如按服务类别分批）(too many eligible firms for one call)`, 'programmeId');
    const room = Math.floor((p.budgetFen - p.reservedFen - p.redeemedFen) / amountFen);
    if (eligible.length > room) throw conflict(`预算不足：符合条件的企业 ${eligible.length} 家，可用预算只够 ${room} 家 (the budget covers ${room} of ${eligible.length} eligible firms; nothing was granted)`, 'amount');
    const out: VoucherEntity[] = [];
    for (const firm of eligible) {
      const v = m.create(VoucherEntity, { programmeId: p.id, firmOrganizationId: firm.id, serviceCategory, amountFen, redeemedFen: 0, status: 'APPLIED', purpose: null, autoGranted: true, code: null, expiresOn: null, grantedAt: null, matchRequestId: null });
      const saved = await m.save(v);
      try {
        await this.reserve(m, p, saved, amountFen, actor!.userId, false);
        out.push(saved);
      } catch (err) {
        // A firm already at its yearly cap is skipped, not granted; anything else fails the whole call.
        if ((err as { details?: { field?: string } }).details?.field !== 'firmCap') throw err;
        await m.delete(VoucherEntity, { id: saved.id });
      }
    }
    await saveProgramme(m, p);
    return out;
  }

  /** The AUTHORITY withdraws a granted voucher that carries no claim; its reservation returns to the budget. */
  async cancel(m: EntityManager, actor: Actor | undefined, voucherId: string, reason: string): Promise<VoucherEntity> {
    authorizeKind(actor, 'cancelVoucher');
    const why = text(reason, 'reason', '作废原因', { required: true })!;
    const { programme, voucher } = await lockVoucher(m, voucherId);
    if (voucher.status !== 'GRANTED') throw conflict(`服务券状态为「${VOUCHER_STATUS_LABELS[voucher.status]}」，不能作废 (only a GRANTED voucher can be cancelled)`, 'voucherId');
    const live = await m.query(`SELECT 1 FROM voucher_claims WHERE voucher_id = $1 AND status NOT IN ('REJECTED', 'CLAWED_BACK') LIMIT 1`, [voucher.id]);
    if (live.length) throw conflict('该服务券已有兑付申请，请先处理兑付申请 (the voucher carries a claim)', 'voucherId');
    await this.end(m, programme, voucher, 'CANCELLED', why, actor!.userId);
    await saveProgramme(m, programme);
    return voucher;
  }

  /**
   * The scheduled expiry (and callable): every GRANTED voucher past its last valid day without a
   * live claim becomes EXPIRED and its reservation returns to the budget. One transaction per voucher,
   * so a long run holds no lock for long. Returns how many expired.
   */
  async expire(dataSource: { transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T>; query: EntityManager['query'] }, limit = 5_000): Promise<number> {
    const today = this.today();
    const due: Array<{ id: string }> = await dataSource.query(
      `SELECT v.id FROM vouchers v WHERE v.status = 'GRANTED' AND v.expires_on < $1::date
          AND NOT EXISTS (SELECT 1 FROM voucher_claims c WHERE c.voucher_id = v.id AND c.status NOT IN ('REJECTED', 'CLAWED_BACK'))
        ORDER BY v.expires_on LIMIT $2`,
      [today, limit],
    );
    let n = 0;
    for (const { id } of due) {
      n += await dataSource.transaction(async (m) => {
        const { programme, voucher } = await lockVoucher(m, id);
        if (voucher.status !== 'GRANTED' || !voucher.expiresOn || voucher.expiresOn >= today) return 0;
        await this.end(m, programme, voucher, 'EXPIRED', '过期释放', null);
        await saveProgramme(m, programme);
        return 1;
      });
    }
    return n;
  }

  private async end(m: EntityManager, p: VoucherProgrammeEntity, v: VoucherEntity, status: 'EXPIRED' | 'CANCELLED', note: string, userId: string | null): Promise<void> {
    const rest = v.amountFen - v.redeemedFen;
    if (rest > 0) await move(m, p, { kind: 'RELEASE', amountFen: rest, voucherId: v.id, note, actorUserId: userId });
    v.status = status;
    v.endedAt = this.clock.now();
    v.decisionNote = status === 'CANCELLED' ? note : v.decisionNote;
    v.version += 1;
    await m.save(v);
  }

  /** Grants `v` with `amount`: the firm's yearly cap, then the budget (programme row locked by the caller). */
  private async reserve(m: EntityManager, p: VoucherProgrammeEntity, v: VoucherEntity, amount: number, userId: string, saveP = true): Promise<void> {
    const today = this.today();
    const year = today.slice(0, 4);
    const held: Array<{ n: string }> = await m.query(
      `SELECT COALESCE(sum(CASE WHEN status = 'GRANTED' THEN amount_fen ELSE redeemed_fen END), 0)::text AS n
         FROM vouchers WHERE programme_id = $1 AND firm_organization_id = $2 AND status IN ('GRANTED', 'REDEEMED')
          AND to_char(granted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') = $3 AND id <> $4`,
      [p.id, v.firmOrganizationId, year, v.id],
    );
    const used = Number(held[0]!.n);
    if (used + amount > p.capPerFirmYearFen) {
      throw conflict(`该企业本年度已获 ${yuan(used)}，再发 ${yuan(amount)} 将超过每家企业每年上限 ${yuan(p.capPerFirmYearFen)} (above the firm's yearly cap)`, 'firmCap');
    }
    await move(m, p, { kind: 'RESERVE', amountFen: amount, voucherId: v.id, actorUserId: userId });
    v.amountFen = amount;
    v.status = 'GRANTED';
    v.grantedAt = this.clock.now();
    v.expiresOn = lastValidDay(today, p.validityMonths);
    v.code = `SV${year}-${randomBytes(5).toString('hex').toUpperCase()}`;
    v.version += 1;
    await m.save(v);
    if (saveP) await saveProgramme(m, p);
  }
}

function categoryAllowed(p: VoucherProgrammeEntity, category: unknown, field: string): void {
  if (typeof category !== 'string' || !p.serviceCategories.includes(category)) {
    throw badInput(`本项目的服务类别为：${p.serviceCategories.map(categoryName).join('、')} (serviceCategory must be one of ${p.serviceCategories.join(', ')})`, field);
  }
}

/** What eligibility needs of a firm; null when the organization is not an enterprise. */
export async function firmFacts(m: EntityManager, organizationId: string, today: string): Promise<FirmFacts | null> {
  const rows: Array<{ id: string; region_code: string; industry_code: string | null; tier: string | null }> = await m.query(
    `SELECT o.id, o.region_code, ep.industry_code, ${effectiveTierSql('ep', '$2::date')}::text AS tier
       FROM organizations o LEFT JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.id = $1 AND o.kind = 'ENTERPRISE'`,
    [organizationId, today],
  );
  const r = rows[0];
  if (!r) return null;
  return { organizationId: r.id, regionCode: r.region_code, industryCode: r.industry_code, countedTier: r.tier ?? 'NONE' };
}

