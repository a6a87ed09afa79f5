import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, CLOCK, forbidden, notFound, parseId, todayInShanghai, type Clock } from '../../../platform/src/index.js';
import { authorizeKind, authorizeRow, type Actor } from '../../../identity/src/index.js';
import { describeVoucherReasonProblem } from '../../../codes/src/index.js';
import { ServiceOfferingEntity } from '../../../listings/src/index.js';
import { categoryName, MatchRequestEntity } from '../../../matching/src/index.js';
import { amountProblem, coveredShare, yuan } from '../core/money.js';
import { evaluateClaim, isFlagged, medianFen, normalizeAddress, normalizeEmail, normalizePhone, sameContact, spotCheckDraw, thresholdsWith, type ClaimFacts } from '../core/fraud-rules.js';
import { CLAIM_STATUS_LABELS, VOUCHER_STATUS_LABELS, type ClaimDecision, type ClaimStatus } from '../core/voucher-enums.js';
import type { VoucherProgrammeEntity } from '../entities/voucher-programme.entity.js';
import { VoucherEntity } from '../entities/voucher.entity.js';
import { VoucherClaimEntity } from '../entities/voucher-claim.entity.js';
import { SettlementBatchEntity } from '../entities/settlement-batch.entity.js';
import { isDate, lockProgramme, lockVoucher, move, saveProgramme, text } from './voucher-books.js';
import { activeContract } from './voucher-programme.service.js';
import { recordTimeline } from '../../../timeline/src/index.js';

/** A voucher step on the match request's timeline: what happened and the ids, never an amount. */
async function caseStep(m: EntityManager, requestId: string, actor: Actor, kind: 'EDITED' | 'DECISION', data: Record<string, unknown>, reasonCode: string | null = null, note: string | null = null): Promise<void> {
  await recordTimeline(m, { subjectType: 'MATCH_REQUEST', subjectId: requestId, kind, actorOrganizationId: actor.organizationId, actorUserId: actor.userId, reasonCode, note, data });
}

export const CLAIM_ATTACHMENTS_MAX = 20;
export const SETTLEMENT_CLAIMS_MAX = 500;

export interface ClaimCommand {
  contractValueFen: number;
  claimFen: number;
  invoiceNumber: string;
  deliveredOn: string;
  attachmentIds?: string[] | null;
}

export interface ClaimDecisionCommand {
  decision: ClaimDecision;
  reasonCode?: string | null;
  note?: string | null;
}

/** Redemption (issue 22 items 3 and 4): attach, claim, confirm or dispute, approve (twice when flagged), settle, claw back. */
@Injectable()
export class VoucherClaimService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  private today(): string {
    return todayInShanghai(this.clock.now());
  }

  /** The firm attaches its voucher to its match request for a contracted institution's offering in the voucher's category. */
  async attach(m: EntityManager, actor: Actor | undefined, voucherId: string, matchRequestId: string): Promise<VoucherEntity> {
    authorizeKind(actor, 'attachVoucher');
    const requestId = parseId(String(matchRequestId ?? ''), 'matchRequestId');
    const { programme, voucher } = await lockVoucher(m, voucherId);
    authorizeRow(actor, 'attachVoucher', { ownerOrganizationId: voucher.firmOrganizationId });
    this.usable(voucher);
    if (voucher.matchRequestId) throw conflict('该服务券已绑定对接申请，不能重复使用 (the voucher is already attached to a match request)', 'voucherId');
    const request = await m.findOneBy(MatchRequestEntity, { id: requestId });
    if (!request || request.enterpriseOrganizationId !== actor!.organizationId) throw notFound(`找不到对接申请 ${requestId} (no match request with id ${requestId})`);
    if (request.listingKind !== 'SERVICE_OFFERING') throw badInput('服务券只能用于服务产品的对接申请 (a voucher pays for a service offering only)', 'matchRequestId');
    if (request.status === 'DECLINED' || request.status === 'CANCELLED') throw conflict('该对接申请已婉拒或取消 (the match request was declined or cancelled)', 'matchRequestId');
    const offering = await m.findOneBy(ServiceOfferingEntity, { listingId: request.listingId });
    if (!offering) throw notFound('找不到该申请对应的服务产品 (the offering is gone)');
    if (offering.category !== voucher.serviceCategory) {
      throw badInput(`服务券类别为「${categoryName(voucher.serviceCategory)}」，该服务产品属于「${categoryName(offering.category)}」(the offering's category differs from the voucher's)`, 'matchRequestId');
    }
    if (!(await activeContract(m, programme.id, request.ownerOrganizationId))) {
      throw badInput('该服务机构不是本服务券项目的签约机构 (the institution is not contracted to the programme)', 'matchRequestId');
    }
    const taken = await m.countBy(VoucherEntity, { matchRequestId: requestId });
    if (taken) throw conflict('该对接申请已绑定另一张服务券 (another voucher is attached to this match request)', 'matchRequestId');
    voucher.matchRequestId = requestId;
    voucher.version += 1;
    await caseStep(m, requestId, actor!, 'EDITED', { voucher: 'ATTACHED', voucherId: voucher.id });
    return m.save(voucher);
  }

  /** The institution claims (or, after INFO_REQUESTED, resubmits) for the delivered service. */
  async submit(m: EntityManager, actor: Actor | undefined, voucherId: string, input: ClaimCommand): Promise<VoucherClaimEntity> {
    authorizeKind(actor, 'submitVoucherClaim');
    for (const [f, field, label] of [['contractValueFen', 'input.contractValue', '合同金额'], ['claimFen', 'input.claimAmount', '申领金额']] as const) {
      const problem = amountProblem(input?.[f], field, label);
      if (problem) throw badInput(problem.message, problem.field);
    }
    const invoice = text(input.invoiceNumber, 'input.invoiceNumber', '发票号码', { required: true, max: 64 })!;
    if (!isDate(input.deliveredOn)) throw badInput('交付日期须为 YYYY-MM-DD (deliveredOn must be a date)', 'input.deliveredOn');
    const ids = input.attachmentIds ?? [];
    if (!Array.isArray(ids) || ids.length > CLAIM_ATTACHMENTS_MAX) throw badInput(`证明材料最多 ${CLAIM_ATTACHMENTS_MAX} 个 (at most ${CLAIM_ATTACHMENTS_MAX} attachments)`, 'input.attachmentIds');
    const attachmentIds = [...new Set(ids.map((id) => parseId(String(id), 'input.attachmentIds')))];
    const { programme, voucher } = await lockVoucher(m, voucherId);
    const request = voucher.matchRequestId ? await m.findOneBy(MatchRequestEntity, { id: voucher.matchRequestId }) : null;
    if (!request) throw conflict('该服务券尚未被企业绑定到对接申请 (the voucher is not attached to a match request)', 'voucherId');
    authorizeRow(actor, 'submitVoucherClaim', { ownerOrganizationId: request.ownerOrganizationId });
    const existing = await m.findOne(VoucherClaimEntity, { where: { voucherId: voucher.id }, order: { createdAt: 'DESC' } });
    const resubmitting = existing?.status === 'INFO_REQUESTED';
    if (existing && !resubmitting && existing.status !== 'REJECTED' && existing.status !== 'CLAWED_BACK') {
      throw conflict(`该服务券已有兑付申请（${CLAIM_STATUS_LABELS[existing.status]}），不能重复兑付 (the voucher already carries a claim)`, 'voucherId');
    }
    if (!resubmitting) this.usable(voucher);
    if (!(await activeContract(m, programme.id, request.ownerOrganizationId))) throw forbidden('贵机构已不是本项目的签约机构 (submitVoucherClaim: your institution is no longer contracted)');
    if (request.status !== 'ACCEPTED' && request.status !== 'COMPLETED') throw conflict('对接申请须已接受或已完成才能申请兑付 (the match request must be ACCEPTED or COMPLETED)', 'voucherId');
    const today = this.today();
    const grantedOn = todayInShanghai(voucher.grantedAt!);
    if (input.deliveredOn > today || input.deliveredOn < grantedOn) throw badInput(`交付日期须在发券日 ${grantedOn} 与今天 ${today} 之间 (deliveredOn must lie between the grant and today)`, 'input.deliveredOn');
    const remaining = voucher.amountFen - voucher.redeemedFen;
    if (input.claimFen > remaining) throw badInput(`申领金额 ${yuan(input.claimFen)} 超过服务券剩余额度 ${yuan(remaining)} (claimFen is above the voucher's remaining amount)`, 'input.claimAmount');
    const share = coveredShare(input.contractValueFen, programme.coverPercent);
    if (input.claimFen > share) throw badInput(`申领金额超过合同金额的 ${programme.coverPercent}%（${yuan(share)}）(claimFen is above the programme's share of the price)`, 'input.claimAmount');
    if (attachmentIds.length) {
      const found = await m.query(
        `SELECT count(*)::int AS n FROM case_attachments WHERE id = ANY($1::uuid[]) AND subject_type = 'MATCH_REQUEST' AND subject_id = $2 AND uploader_organization_id = $3 AND message_id IS NOT NULL`,
        [attachmentIds, request.id, actor!.organizationId],
      );
      if (found[0].n !== attachmentIds.length) throw badInput('证明材料须是贵机构在该对接会话中已发送的附件 (attachments must be files your institution sent in the match request\'s conversation)', 'input.attachmentIds');
    }
    const offering = await m.findOneBy(ServiceOfferingEntity, { listingId: request.listingId });
    const claim = resubmitting ? existing! : m.create(VoucherClaimEntity, { voucherId: voucher.id, programmeId: programme.id, firmOrganizationId: voucher.firmOrganizationId, institutionOrganizationId: request.ownerOrganizationId, matchRequestId: request.id, offeringListingId: request.listingId, serviceCategory: voucher.serviceCategory, findings: [], flagged: false, spotDraw: 0, spotChecked: false, version: 0 });
    Object.assign(claim, { contractValueFen: input.contractValueFen, claimFen: input.claimFen, invoiceNumber: invoice, deliveredOn: input.deliveredOn, attachmentIds, status: 'SUBMITTED' as ClaimStatus, firstApproverUserId: null, firmNote: null });
    claim.version += 1;
    const saved = await m.save(claim);
    if (!resubmitting) saved.spotDraw = spotCheckDraw(programme.spotCheckSeed, saved.id);
    await this.assess(m, programme, saved, offering?.priceMax ?? null);
    await caseStep(m, request.id, actor!, 'DECISION', { voucherClaim: 'SUBMITTED', claimId: saved.id });
    return m.save(saved);
  }

  /** The firm confirms the delivery or disputes it (a dispute is a finding: the claim then needs two approvers). */
  async confirm(m: EntityManager, actor: Actor | undefined, claimId: string, confirmed: boolean, note?: string | null): Promise<VoucherClaimEntity> {
    authorizeKind(actor, 'confirmVoucherClaim');
    if (typeof confirmed !== 'boolean') throw badInput('confirmed 须为 true 或 false (confirmed must be a boolean)', 'confirmed');
    const why = text(note, 'note', '异议说明', { required: !confirmed });
    const { programme, claim } = await this.lockClaim(m, claimId);
    authorizeRow(actor, 'confirmVoucherClaim', { ownerOrganizationId: claim.firmOrganizationId });
    if (claim.status !== 'SUBMITTED') throw conflict(`兑付申请状态为「${CLAIM_STATUS_LABELS[claim.status]}」，无需确认 (only a SUBMITTED claim is confirmed or disputed)`, 'claimId');
    claim.status = confirmed ? 'CONFIRMED' : 'DISPUTED';
    claim.firmNote = why;
    const offering = await m.findOneBy(ServiceOfferingEntity, { listingId: claim.offeringListingId });
    await this.assess(m, programme, claim, offering?.priceMax ?? null);
    claim.version += 1;
    await caseStep(m, claim.matchRequestId, actor!, 'DECISION', { voucherClaim: claim.status, claimId: claim.id }, null, why);
    return m.save(claim);
  }

  /**
   * The AUTHORITY approves, rejects or asks for more. A flagged claim needs two approvals by two
   * different people: the first moves it to AWAITING_SECOND_APPROVAL, the second redeems.
   */
  async decide(m: EntityManager, actor: Actor | undefined, claimId: string, input: ClaimDecisionCommand): Promise<VoucherClaimEntity> {
    authorizeKind(actor, 'decideVoucherClaim');
    const note = text(input?.note, 'note', '说明');
    const { programme, claim } = await this.lockClaim(m, claimId);
    const from = claim.status;
    claim.decisionNote = note;
    switch (input.decision) {
      case 'APPROVE': {
        if (input.reasonCode != null) throw badInput('核准时无需填写理由代码 (reasonCode is only for rejections and requests for information)', 'reasonCode');
        if (from === 'AWAITING_SECOND_APPROVAL') {
          if (claim.firstApproverUserId === actor!.userId) throw forbidden('该兑付申请已被标记风险，须由另一位审批人复核；您已是第一审批人 (decideVoucherClaim: a flagged claim needs a second approver other than the first)');
          claim.secondApproverUserId = actor!.userId;
          await this.redeem(m, programme, claim, actor!.userId);
        } else if (from === 'CONFIRMED' || from === 'DISPUTED') {
          claim.firstApproverUserId = actor!.userId;
          if (claim.flagged) claim.status = 'AWAITING_SECOND_APPROVAL';
          else await this.redeem(m, programme, claim, actor!.userId);
        } else {
          throw conflict(`兑付申请状态为「${CLAIM_STATUS_LABELS[from]}」，不能核准${from === 'SUBMITTED' ? '（须企业先确认交付）' : ''} (a ${from} claim cannot be approved)`, 'claimId');
        }
        break;
      }
      case 'REJECT':
      case 'REQUEST_INFO': {
        const open: ClaimStatus[] = input.decision === 'REJECT' ? ['SUBMITTED', 'CONFIRMED', 'DISPUTED', 'INFO_REQUESTED', 'AWAITING_SECOND_APPROVAL'] : ['CONFIRMED', 'DISPUTED', 'AWAITING_SECOND_APPROVAL'];
        if (!open.includes(from)) throw conflict(`兑付申请状态为「${CLAIM_STATUS_LABELS[from]}」，不能${input.decision === 'REJECT' ? '驳回' : '要求补充材料'} (a ${from} claim cannot take ${input.decision})`, 'claimId');
        const problem = describeVoucherReasonProblem('VOUCHER_CLAIM', input.reasonCode, note);
        if (problem) throw badInput(problem, 'reasonCode');
        claim.reasonCode = input.reasonCode!;
        claim.status = input.decision === 'REJECT' ? 'REJECTED' : 'INFO_REQUESTED';
        claim.firstApproverUserId = null;
        break;
      }
      default:
        throw badInput('decision 须为 APPROVE、REJECT 或 REQUEST_INFO (unknown decision)', 'decision');
    }
    claim.version += 1;
    await saveProgramme(m, programme);
    await caseStep(m, claim.matchRequestId, actor!, 'DECISION', { voucherClaim: claim.status, claimId: claim.id }, claim.status === 'REJECTED' || claim.status === 'INFO_REQUESTED' ? claim.reasonCode : null, note);
    return m.save(claim);
  }

  /** Pays approved claims in one batch (its total and an XLSX for the finance office). */
  async settle(m: EntityManager, actor: Actor | undefined, programmeId: string, claimIds: string[], note?: string | null): Promise<SettlementBatchEntity> {
    authorizeKind(actor, 'settleVoucherClaims');
    if (!Array.isArray(claimIds) || !claimIds.length || claimIds.length > SETTLEMENT_CLAIMS_MAX) throw badInput(`一批结算 1–${SETTLEMENT_CLAIMS_MAX} 笔兑付申请 (a batch holds 1 to ${SETTLEMENT_CLAIMS_MAX} claims)`, 'claimIds');
    const ids = [...new Set(claimIds.map((id) => parseId(String(id), 'claimIds')))];
    const why = text(note, 'note', '备注');
    const programme = await lockProgramme(m, programmeId);
    const claims = await m.getRepository(VoucherClaimEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id IN (:...ids)', { ids }).orderBy('c.id').getMany();
    if (claims.length !== ids.length) throw notFound('部分兑付申请不存在 (some claims do not exist)');
    for (const c of claims) {
      if (c.programmeId !== programme.id) throw badInput(`兑付申请 ${c.id} 不属于该项目 (claim ${c.id} belongs to another programme)`, 'claimIds');
      if (c.status !== 'APPROVED') throw conflict(`兑付申请 ${c.id} 状态为「${CLAIM_STATUS_LABELS[c.status]}」，只有已核准的可以结算 (only APPROVED claims are settled)`, 'claimIds');
    }
    const total = claims.reduce((s, c) => s + c.claimFen, 0);
    const batch = await m.save(m.create(SettlementBatchEntity, { programmeId: programme.id, claimCount: claims.length, totalFen: total, settledBy: actor!.userId, note: why }));
    for (const c of claims) {
      await move(m, programme, { kind: 'SETTLE', amountFen: c.claimFen, voucherId: c.voucherId, claimId: c.id, settlementBatchId: batch.id, actorUserId: actor!.userId });
      c.status = 'SETTLED';
      c.settlementBatchId = batch.id;
      c.version += 1;
      await m.save(c);
      await caseStep(m, c.matchRequestId, actor!, 'DECISION', { voucherClaim: 'SETTLED', claimId: c.id, settlementBatchId: batch.id });
    }
    await saveProgramme(m, programme);
    return batch;
  }

  /** A settled claim found improper: the money is to be recovered from the institution and returns to the budget. */
  async clawBack(m: EntityManager, actor: Actor | undefined, claimId: string, reason: string): Promise<VoucherClaimEntity> {
    authorizeKind(actor, 'clawBackVoucherClaim');
    const why = text(reason, 'reason', '追回原因', { required: true })!;
    const { programme, claim } = await this.lockClaim(m, claimId);
    if (claim.status !== 'SETTLED') throw conflict(`兑付申请状态为「${CLAIM_STATUS_LABELS[claim.status]}」，只有已结算的可以追回 (only a SETTLED claim is clawed back)`, 'claimId');
    const voucher = (await m.findOne(VoucherEntity, { where: { id: claim.voucherId }, lock: { mode: 'pessimistic_write' } }))!;
    await move(m, programme, { kind: 'CLAW_BACK', amountFen: claim.claimFen, voucherId: voucher.id, claimId: claim.id, note: why, actorUserId: actor!.userId });
    voucher.redeemedFen -= claim.claimFen;
    voucher.version += 1;
    await m.save(voucher);
    claim.status = 'CLAWED_BACK';
    claim.decisionNote = why;
    claim.version += 1;
    await caseStep(m, claim.matchRequestId, actor!, 'DECISION', { voucherClaim: 'CLAWED_BACK', claimId: claim.id });
    await saveProgramme(m, programme);
    return m.save(claim);
  }

  private usable(voucher: VoucherEntity): void {
    if (voucher.status !== 'GRANTED') throw conflict(`服务券状态为「${VOUCHER_STATUS_LABELS[voucher.status]}」，不能使用 (the voucher is ${voucher.status})`, 'voucherId');
    if (voucher.expiresOn && voucher.expiresOn < this.today()) throw conflict(`服务券已于 ${voucher.expiresOn} 过期 (the voucher expired)`, 'voucherId');
  }

  /** REDEEM the claim, then RELEASE what the voucher does not use (one voucher, one service). */
  private async redeem(m: EntityManager, p: VoucherProgrammeEntity, claim: VoucherClaimEntity, userId: string): Promise<void> {
    const voucher = (await m.findOne(VoucherEntity, { where: { id: claim.voucherId }, lock: { mode: 'pessimistic_write' } }))!;
    if (voucher.status !== 'GRANTED') throw conflict(`服务券状态为「${VOUCHER_STATUS_LABELS[voucher.status]}」，不能兑付 (the voucher is ${voucher.status})`, 'claimId');
    const remaining = voucher.amountFen - voucher.redeemedFen;
    if (claim.claimFen > remaining) throw conflict(`申领金额超过服务券剩余额度 ${yuan(remaining)} (the claim is above the voucher's remaining amount)`, 'claimId');
    await move(m, p, { kind: 'REDEEM', amountFen: claim.claimFen, voucherId: voucher.id, claimId: claim.id, actorUserId: userId });
    voucher.redeemedFen += claim.claimFen;
    const rest = voucher.amountFen - voucher.redeemedFen;
    if (rest > 0) await move(m, p, { kind: 'RELEASE', amountFen: rest, voucherId: voucher.id, claimId: claim.id, note: '兑付后余额释放', actorUserId: userId });
    voucher.status = 'REDEEMED';
    voucher.endedAt = this.clock.now();
    voucher.version += 1;
    await m.save(voucher);
    claim.status = 'APPROVED';
    claim.approvedAt = this.clock.now();
  }

  private async lockClaim(m: EntityManager, id: string): Promise<{ programme: VoucherProgrammeEntity; claim: VoucherClaimEntity }> {
    const claimId = parseId(String(id ?? ''), 'claimId');
    const peek = await m.findOne(VoucherClaimEntity, { where: { id: claimId }, select: { id: true, programmeId: true } });
    if (!peek) throw notFound(`找不到兑付申请 ${claimId} (no voucher claim with id ${claimId})`);
    const programme = await lockProgramme(m, peek.programmeId);
    const claim = (await m.findOne(VoucherClaimEntity, { where: { id: claimId }, lock: { mode: 'pessimistic_write' } }))!;
    return { programme, claim };
  }

  /** Runs the fraud rules on the claim's facts and records findings, flag and spot check. */
  private async assess(m: EntityManager, p: VoucherProgrammeEntity, claim: VoucherClaimEntity, listedPriceMaxYuan: number | null): Promise<void> {
    const t = thresholdsWith(p.fraudThresholds as never);
    const [pair] = await m.query(
      `SELECT count(*)::int AS n FROM voucher_claims WHERE programme_id = $1 AND firm_organization_id = $2 AND institution_organization_id = $3
          AND id <> $4 AND status NOT IN ('REJECTED') AND created_at > now() - make_interval(days => $5)`,
      [p.id, claim.firmOrganizationId, claim.institutionOrganizationId, claim.id, t.repeatPair.windowDays],
    );
    const others: Array<{ v: string }> = await m.query(
      `SELECT contract_value_fen::text AS v FROM voucher_claims WHERE programme_id = $1 AND service_category = $2 AND id <> $3 AND status NOT IN ('REJECTED', 'CLAWED_BACK') ORDER BY created_at DESC LIMIT 1000`,
      [p.id, claim.serviceCategory, claim.id],
    );
    const [burst] = await m.query(
      `SELECT count(*)::int AS n FROM voucher_claims WHERE programme_id = $1 AND institution_organization_id = $2 AND delivered_on = $3::date AND id <> $4 AND status NOT IN ('REJECTED')`,
      [p.id, claim.institutionOrganizationId, claim.deliveredOn, claim.id],
    );
    const orgs: Array<{ id: string; contact_phone: string | null; contact_email: string | null; address: string | null }> = await m.query(
      `SELECT id, contact_phone, contact_email, address FROM organizations WHERE id IN ($1, $2)`,
      [claim.firmOrganizationId, claim.institutionOrganizationId],
    );
    const firm = orgs.find((o) => o.id === claim.firmOrganizationId);
    const inst = orgs.find((o) => o.id === claim.institutionOrganizationId);
    const voucher = (await m.findOneBy(VoucherEntity, { id: claim.voucherId }))!;
    const values = others.map((o) => Number(o.v));
    const facts: ClaimFacts = {
      contractValueFen: claim.contractValueFen,
      claimFen: claim.claimFen,
      voucherAmountFen: voucher.amountFen,
      priorPairClaims: pair.n,
      // Offerings list prices in whole 元.
      listedPriceMaxFen: listedPriceMaxYuan === null ? null : listedPriceMaxYuan * 100,
      categoryMedianFen: medianFen(values),
      categorySample: values.length,
      sharedPhone: sameContact(normalizePhone(firm?.contact_phone), normalizePhone(inst?.contact_phone)),
      sharedEmail: sameContact(normalizeEmail(firm?.contact_email), normalizeEmail(inst?.contact_email)),
      sharedAddress: sameContact(normalizeAddress(firm?.address), normalizeAddress(inst?.address)),
      sameDayClaims: burst.n + 1,
      disputed: claim.status === 'DISPUTED',
      spotDraw: claim.spotDraw,
    };
    claim.findings = evaluateClaim(facts, t);
    claim.flagged = isFlagged(claim.findings, t);
    claim.spotChecked = claim.findings.some((f) => f.rule === 'SPOT_CHECK');
  }
}
