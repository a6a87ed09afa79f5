import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound, parseId, recordEvent, todayInShanghai } from '../../../platform/src/index.js';
import { authorizeKind, authorizeRow } from '../../../identity/src/index.js';
import type { Actor } from '../../../identity/src/index.js';
import { CreditProductEntity } from '../../../listings/src/index.js';
import { describeDeclineReasonProblem } from '../../../codes/src/index.js';
import { recordTimeline } from '../../../timeline/src/index.js';
import {
  DECISION_NOTE_MAX_CHARS,
  annualRateProblem,
  caseAmountProblem,
  creditAmountProblem,
  outcomeDateProblem,
  termMonthsProblem,
  type BoundsProblem,
} from '../core/outcome-bounds.js';
import { MatchRequestEntity } from './match-request.entity.js';
import { matchRequestEventData } from './match-request.service.js';
import { MATCH_REQUEST_STATUS_LABELS, type MatchRequestStatus } from './match-request-enums.js';

export interface CreditDecisionCommand {
  approved: boolean;
  /** Yuan, within the product's range (approved only). */
  amountGranted?: number | null;
  /** Percent, 0–24 (approved only). */
  annualRatePercent?: number | null;
  /** Months, 1 to the product's longest term (approved only). */
  termMonths?: number | null;
  /** Beijing date, between the request's date and today (approved only). */
  disbursedOn?: string | null;
  /** A code of the CREDIT_PRODUCT list (not approved only). */
  declineReasonCode?: string | null;
  /** Short text (required with CREDIT_OTHER), at most {@link DECISION_NOTE_MAX_CHARS} characters. */
  note?: string | null;
}

export interface ServiceDeliveryCommand {
  /** Beijing date, between the request's date and today. */
  deliveredOn: string;
  /** Yuan, 0 to the platform ceiling. */
  price: number;
  note?: string | null;
}

/** Outcomes are recorded on accepted requests, before or after the firm completes them, once. */
const DECIDABLE: readonly MatchRequestStatus[] = ['ACCEPTED', 'COMPLETED'];

/**
 * Outcomes that count (issue 17 item 5): the bank records its credit decision on a request for its
 * credit product, the service institution the delivery of its service. One transaction each:
 * checks, then the row, its timeline step (DECISION, no figures) and one outbox event.
 */
@Injectable()
export class MatchOutcomeService {
  async recordCreditDecision(manager: EntityManager, actor: Actor | undefined, id: string, input: CreditDecisionCommand): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'recordCreditDecision');
    const requestId = parseId(String(id ?? ''), 'requestId');
    if (typeof input?.approved !== 'boolean') throw badInput('approved 须为 true 或 false (approved must be a boolean)', 'input.approved');
    const note = noteText(input.note);
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'recordCreditDecision', { ownerOrganizationId: request.ownerOrganizationId });
    if (request.listingKind !== 'CREDIT_PRODUCT') {
      throw badInput(`该对接申请针对的不是金融产品，不能登记授信结果 (match request ${request.id} is not for a credit product)`, 'requestId');
    }
    requireDecidable(request, '登记授信结果', 'record a credit decision');
    const product = await manager.findOneBy(CreditProductEntity, { listingId: request.listingId });
    if (!product) throw notFound(`找不到该申请对应的金融产品 (the credit product of match request ${request.id} is gone)`);
    const requestedOn = todayInShanghai(request.createdAt);
    const today = todayInShanghai();

    if (input.approved) {
      if (input.declineReasonCode != null) throw badInput('授信通过时无需填写理由代码，请去掉 declineReasonCode (declineReasonCode is only for declined credit)', 'input.declineReasonCode');
      fail(
        creditAmountProblem(input.amountGranted, product, 'input.amountGranted', '授信金额') ??
          annualRateProblem(input.annualRatePercent, 'input.annualRatePercent') ??
          termMonthsProblem(input.termMonths, product.termMonthsMax, 'input.termMonths') ??
          outcomeDateProblem(input.disbursedOn, requestedOn, today, 'input.disbursedOn', '放款日期'),
      );
      request.creditApproved = true;
      request.amountGranted = input.amountGranted!;
      request.annualRatePercent = input.annualRatePercent!;
      request.termMonths = input.termMonths!;
      request.disbursedOn = input.disbursedOn!;
      request.creditDeclineReasonCode = null;
    } else {
      for (const field of ['amountGranted', 'annualRatePercent', 'termMonths', 'disbursedOn'] as const) {
        if (input[field] != null) throw badInput(`未获授信时不能填写 ${field} (${field} is only for approved credit)`, `input.${field}`);
      }
      const problem = describeDeclineReasonProblem('CREDIT_PRODUCT', input.declineReasonCode, note);
      if (problem) throw badInput(problem, 'input.declineReasonCode');
      request.creditApproved = false;
      request.creditDeclineReasonCode = input.declineReasonCode!;
    }
    request.outcomeNote = note;
    request.outcomeRecordedAt = new Date();
    return this.save(manager, request, actor!, request.creditDeclineReasonCode, { approved: input.approved });
  }

  async recordServiceDelivery(manager: EntityManager, actor: Actor | undefined, id: string, input: ServiceDeliveryCommand): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'recordServiceDelivery');
    const requestId = parseId(String(id ?? ''), 'requestId');
    fail(caseAmountProblem(input?.price, 'input.price', '服务价格'));
    const note = noteText(input.note);
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'recordServiceDelivery', { ownerOrganizationId: request.ownerOrganizationId });
    if (request.listingKind !== 'SERVICE_OFFERING') {
      throw badInput(`该对接申请针对的不是服务产品，不能登记服务交付 (match request ${request.id} is not for a service offering)`, 'requestId');
    }
    requireDecidable(request, '登记服务交付', 'record a delivery');
    fail(outcomeDateProblem(input.deliveredOn, todayInShanghai(request.createdAt), todayInShanghai(), 'input.deliveredOn', '交付日期'));
    request.deliveredOn = input.deliveredOn;
    request.servicePrice = input.price;
    request.outcomeNote = note;
    request.outcomeRecordedAt = new Date();
    return this.save(manager, request, actor!, null, { delivered: true });
  }

  private async lockRequest(manager: EntityManager, id: string): Promise<MatchRequestEntity> {
    const request = await manager.findOne(MatchRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw notFound(`找不到对接申请 ${id}，请确认申请 ID (no match request with id ${id})`);
    return request;
  }

  private async save(manager: EntityManager, request: MatchRequestEntity, actor: Actor, reasonCode: string | null, data: Record<string, boolean>): Promise<MatchRequestEntity> {
    request.version += 1;
    const r = await manager.save(request);
    // The step carries the decision and its reason, never the figures (they stay on the request row).
    await recordTimeline(manager, {
      subjectType: 'MATCH_REQUEST',
      subjectId: r.id,
      kind: 'DECISION',
      status: r.status,
      actorOrganizationId: actor.organizationId,
      actorUserId: actor.userId,
      reasonCode,
      note: r.outcomeNote,
      data,
    });
    await recordEvent(manager, {
      type: 'match-request.outcome-recorded',
      aggregateType: 'match-request',
      aggregateId: r.id,
      data: matchRequestEventData(r),
      actorUserId: actor.userId,
    });
    return r;
  }
}

function fail(problem: BoundsProblem | null): void {
  if (problem) throw badInput(problem.message, problem.field);
}

function noteText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput('note 须为文本 (note must be a string)', 'input.note');
  const text = value.trim();
  const n = Array.from(text).length;
  if (n > DECISION_NOTE_MAX_CHARS) {
    throw badInput(`说明最多 ${DECISION_NOTE_MAX_CHARS} 字，当前 ${n} 字，请精简 (note has ${n} characters; at most ${DECISION_NOTE_MAX_CHARS} are allowed)`, 'input.note');
  }
  return text === '' ? null : text;
}

/**
 * ACCEPTED or COMPLETED, and nothing recorded yet. A PENDING request must be accepted first; a
 * declined or cancelled one is closed; a recorded outcome is final.
 */
function requireDecidable(request: MatchRequestEntity, verbZh: string, verbEn: string): void {
  const label = `${MATCH_REQUEST_STATUS_LABELS[request.status]}（${request.status}）`;
  if (!DECIDABLE.includes(request.status)) {
    const hint = request.status === 'PENDING' ? '请先接受该申请' : '该申请已结束';
    throw conflict(
      `该对接申请当前状态为${label}，不能${verbZh}：${hint} (match request ${request.id} is ${request.status}; only ACCEPTED or COMPLETED requests can ${verbEn})`,
      'requestId',
    );
  }
  if (request.outcomeRecordedAt) {
    throw conflict(
      `该对接申请的结果已于 ${todayInShanghai(request.outcomeRecordedAt)} 登记，不能再次${verbZh} (the outcome of match request ${request.id} is already recorded; it is final)`,
      'requestId',
    );
  }
}
