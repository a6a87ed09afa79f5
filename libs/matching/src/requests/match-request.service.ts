import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  AppError,
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
  parseId,
  recordEvent,
  checkPageSize,
  decodeKeysetCursor,
  ratio,
} from '../../../platform/src/index.js';
import type { DomainEventType } from '../../../platform/src/index.js';
import { authorizeKind, authorizeRow, assertNotRevoked, lockStanding } from '../../../identity/src/index.js';
import type { Actor } from '../../../identity/src/index.js';
import { shareLockedListing, canSeeListing } from '../../../listings/src/index.js';
import { recordTimeline, type TimelineEntryKind } from '../../../timeline/src/index.js';
import { CLOCK, plausible, systemClock, type Clock } from '../../../platform/src/index.js';
import { recordCaseConsent, type CaseStanding } from '../../../enterprises/src/index.js';
import {
  bundledWorkingCalendar,
  deadlinesFor,
  endPause,
  responseWorkingMinutes,
  WORKING_CALENDAR,
  type DeadlineKind,
  type WorkingCalendar,
} from '../../../calendar/src/index.js';
import { creditRequestAmount, declineReasonFor } from './match-request-checks.js';
import { MatchRequestEntity } from './match-request.entity.js';
import { loadMatchRequestPage, type MatchRequestReadPage, type MatchRequestReadShape } from './match-request-page.read-model.js';
import {
  MATCH_OUTCOMES,
  MATCH_REQUEST_ROLES,
  MATCH_REQUEST_STATUSES,
  MATCH_REQUEST_STATUS_LABELS,
  OPEN_MATCH_REQUEST_STATUSES,
  type MatchOutcome,
  type MatchRequestRole,
  type MatchRequestStatus,
} from './match-request-enums.js';

export interface RequestMatchCommand {
  listingId: string;
  message?: string | null;
  shareProfile: boolean;
  /** Yuan; for a credit product it defaults to the firm's recorded financing need. */
  requestedAmount?: number | null;
}

/** A provider's record as the receiving side of match requests (DOMAIN.md §4.4 inputs). */
export interface ProviderMatchStats {
  requestsReceived: number;
  pending: number;
  accepted: number;
  declined: number;
  completed: number;
  successful: number;
  cancelled: number;
  /** (accepted + completed) / responded; null before the first response. */
  acceptanceRate: number | null;
  /** successful / completed; null before the first completion. */
  successRate: number | null;
  /** Mean of the 1–5 ratings; null before the first rating. */
  averageRating: number | null;
  ratingCount: number;
  /** Median hours from request to accept/decline; null before the first response. */
  medianResponseHours: number | null;
  /** Median WORKING hours (09:00–17:00 on working days, pauses excluded) to the first answer; null before one. */
  medianResponseWorkingHours: number | null;
  /** Answered within the response deadline / (answered + still unanswered past it), requests with deadlines only; null when none. */
  onTimeResponseRate: number | null;
  /** Credit (issue 17): approved / credit decisions recorded; null before the first decision. */
  creditApprovalRate: number | null;
  /** Credit: median whole days from the request's date to disbursement (Beijing dates); null before the first. */
  medianDaysToDisbursement: number | null;
}

export const MATCH_MESSAGE_MAX_CHARS = 2000;
const OPEN_UNIQUE_INDEX = 'uq_match_requests_open';
const chars = (s: string) => Array.from(s).length;

/**
 * 对接申请: an enterprise asks a listing's owner for a match (optionally sharing its profile); the
 * owner accepts or declines; the enterprise completes an accepted one with an outcome and a
 * rating, or cancels a pending one. Writes take the caller's transaction manager and record one
 * outbox event per transition.
 */
@Injectable()
export class MatchRequestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar = bundledWorkingCalendar(),
  ) {}

  /** ENTERPRISE only, on a PUBLISHED listing; one open (PENDING or ACCEPTED) request per enterprise and listing. */
  async request(manager: EntityManager, actor: Actor | undefined, input: RequestMatchCommand): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'requestMatch');
    const enterprise = actor!;
    const listingId = parseId(String(input.listingId ?? ''), 'input.listingId');
    const message = validateText(input.message, 'input.message', '留言');
    if (typeof input.shareProfile !== 'boolean') throw badInput('shareProfile 须为 true 或 false (shareProfile must be a boolean)', 'input.shareProfile');
    const amount = input.requestedAmount;
    if (amount !== undefined && amount !== null && (!Number.isSafeInteger(amount) || amount <= 0)) {
      throw badInput(`申请金额须为正整数（单位：元），收到 ${String(amount)} (requestedAmount must be a positive whole number of yuan)`, 'input.requestedAmount');
    }

    // A shared lock: closing the listing waits for this request (and the other way round).
    const listing = await shareLockedListing(manager, listingId);
    if (!listing || !canSeeListing(enterprise, listing)) throw listingNotFound(listingId);
    if (listing.status !== 'PUBLISHED') {
      throw badInput(
        `该信息当前状态为${listing.status === 'CLOSED' ? '已关闭' : '草稿'}（${listing.status}），只能对已发布的信息发起对接 ` +
          `(listing ${listingId} is ${listing.status}; match requests are accepted only while it is PUBLISHED)`,
        'input.listingId',
      );
    }
    const open = await manager.findOne(MatchRequestEntity, {
      where: { listingId, enterpriseOrganizationId: enterprise.organizationId, status: In([...OPEN_MATCH_REQUEST_STATUSES]) },
    });
    if (open) throw alreadyOpen(open);
    // A credit product's own range is the narrower, more useful bound (it lies within the plausible one); other kinds get the plausible bound.
    if (listing.kind !== 'CREDIT_PRODUCT') plausible(amount, 'positiveMoneyYuan', 'input.requestedAmount', '申请金额');
    const requestedAmount = listing.kind === 'CREDIT_PRODUCT' ? await creditRequestAmount(manager, listingId, amount, enterprise.organizationId) : (amount ?? null);
    // Share-locked: a concurrent revocation of the enterprise either sees this request or refuses it.
    const standing = await lockStanding(manager, enterprise.organizationId);
    assertNotRevoked(standing, 'requestMatch');
    // The policy read `verified` when the request began; a decision since then must win (ADR 0031).
    if (!standing.verified) authorizeKind({ ...enterprise, verified: false }, 'requestMatch');
    const enterpriseRegionCode = standing.regionCode;

    let saved: MatchRequestEntity;
    try {
      saved = await manager.save(
        manager.create(MatchRequestEntity, {
          listingId,
          listingKind: listing.kind,
          ownerOrganizationId: listing.ownerOrganizationId,
          enterpriseOrganizationId: enterprise.organizationId,
          enterpriseRegionCode,
          message,
          requestedAmount,
          shareProfile: input.shareProfile,
          status: 'PENDING',
          responseMessage: null,
          outcome: null,
          rating: null,
          respondedAt: null,
          completedAt: null,
          ...deadlinesFor(this.calendar, deadlineKindOf(listing.kind), this.clock.now()),
          infoRequestedAt: null,
          responseWorkingMinutes: null,
          version: 1,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err, OPEN_UNIQUE_INDEX)) throw alreadyOpen();
      throw err;
    }
    if (saved.shareProfile) {
      // shareProfile is the default consent (ADR 0035): every section, the financial years on file now.
      await recordCaseConsent(manager, {
        grantorOrganizationId: enterprise.organizationId,
        granteeOrganizationId: listing.ownerOrganizationId,
        purpose: 'MATCH_REQUEST',
        caseId: saved.id,
        grantedBy: enterprise.userId,
        now: this.clock.now(),
      });
    }
    await this.record(manager, 'match-request.created', saved, enterprise);
    return saved;
  }

  /** The listing's owner accepts or declines a PENDING request. */
  async respond(
    manager: EntityManager,
    actor: Actor | undefined,
    id: string,
    accept: boolean,
    message?: string | null,
    reasonCode?: string | null,
  ): Promise<MatchRequestEntity> {
    // Kind and sign-in first, so strangers learn nothing about which requests exist.
    authorizeKind(actor, 'respondToMatchRequest');
    const requestId = parseId(String(id ?? ''), 'id');
    if (typeof accept !== 'boolean') throw badInput('accept 须为 true 或 false (accept must be a boolean)', 'accept');
    const responseMessage = validateText(message, 'message', '回复');
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'respondToMatchRequest', { ownerOrganizationId: request.ownerOrganizationId });
    requireStatus(request, ['PENDING'], accept ? '接受' : '婉拒', accept ? 'accept' : 'decline', 'id');
    request.declineReasonCode = declineReasonFor(request.listingKind, accept, reasonCode, responseMessage);
    request.status = accept ? 'ACCEPTED' : 'DECLINED';
    request.responseMessage = responseMessage;
    request.respondedAt = this.clock.now();
    endPause(this.calendar, request, request.respondedAt);
    if (request.respondBy) request.responseWorkingMinutes = responseWorkingMinutes(this.calendar, deadlineKindOf(request.listingKind), request.respondBy, request.respondedAt);
    return this.transition(manager, request, 'match-request.responded', actor!);
  }

  /** The requesting enterprise completes an ACCEPTED request with its outcome and an optional 1–5 rating. */
  async complete(manager: EntityManager, actor: Actor | undefined, id: string, outcome: MatchOutcome, rating?: number | null): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'completeMatchRequest');
    const requestId = parseId(String(id ?? ''), 'id');
    if (!(MATCH_OUTCOMES as readonly string[]).includes(outcome)) {
      throw badInput(`outcome 只能是 ${MATCH_OUTCOMES.join('、')} 之一 (outcome must be one of ${MATCH_OUTCOMES.join(', ')})`, 'outcome');
    }
    if (rating !== undefined && rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) {
      throw badInput(`评分须为 1–5 的整数，收到 ${String(rating)} (rating must be a whole number from 1 to 5)`, 'rating');
    }
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'completeMatchRequest', { ownerOrganizationId: request.enterpriseOrganizationId });
    requireStatus(request, ['ACCEPTED'], '完成', 'complete', 'id');
    request.status = 'COMPLETED';
    request.outcome = outcome;
    request.rating = rating ?? null;
    request.completedAt = new Date();
    return this.transition(manager, request, 'match-request.completed', actor!);
  }

  /** The requesting enterprise cancels its request while it is PENDING. */
  async cancel(manager: EntityManager, actor: Actor | undefined, id: string): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'cancelMatchRequest');
    const requestId = parseId(String(id ?? ''), 'id');
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'cancelMatchRequest', { ownerOrganizationId: request.enterpriseOrganizationId });
    requireStatus(request, ['PENDING'], '取消', 'cancel', 'id');
    request.status = 'CANCELLED';
    return this.transition(manager, request, 'match-request.cancelled', actor!);
  }

  /**
   * The listing's owner asks the firm for information on an open (PENDING or ACCEPTED) request: the
   * deadline clock stands still until the firm answers ({@link provideInformation}) or the owner
   * answers the request itself. The question is the step's note on the timeline.
   */
  async requestInformation(manager: EntityManager, actor: Actor | undefined, id: string, message: string): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'requestMatchInformation');
    const requestId = parseId(String(id ?? ''), 'id');
    const question = validateText(message, 'message', '补充材料要求');
    if (!question) throw badInput('请写明需要企业补充的材料或信息 (message: say what information the firm should provide)', 'message');
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'requestMatchInformation', { ownerOrganizationId: request.ownerOrganizationId });
    requireStatus(request, OPEN_MATCH_REQUEST_STATUSES, '要求补充材料', 'ask for information', 'id');
    if (request.infoRequestedAt) {
      const since = new Date(+request.infoRequestedAt + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      throw conflict(`该申请已在等待企业补充材料（自北京时间 ${since} 起），请等企业答复 (match request ${request.id} already waits for the firm's information since ${request.infoRequestedAt.toISOString()})`, 'id');
    }
    request.infoRequestedAt = this.clock.now();
    return this.transition(manager, request, 'match-request.info-requested', actor!, { kind: 'INFO_REQUESTED', note: question });
  }

  /** The requesting enterprise answers the owner's request for information; the deadline clock runs again, moved on by the pause. */
  async provideInformation(manager: EntityManager, actor: Actor | undefined, id: string, message: string): Promise<MatchRequestEntity> {
    authorizeKind(actor, 'provideMatchInformation');
    const requestId = parseId(String(id ?? ''), 'id');
    const answer = validateText(message, 'message', '补充说明');
    if (!answer) throw badInput('请填写补充的信息 (message: the information asked for)', 'message');
    const request = await this.lockRequest(manager, requestId);
    authorizeRow(actor, 'provideMatchInformation', { ownerOrganizationId: request.enterpriseOrganizationId });
    requireStatus(request, OPEN_MATCH_REQUEST_STATUSES, '补充材料', 'provide information', 'id');
    if (!request.infoRequestedAt) {
      throw conflict(`发布方没有要求补充材料，无需答复 (the owner has not asked for information on match request ${request.id})`, 'id');
    }
    endPause(this.calendar, request, this.clock.now());
    return this.transition(manager, request, 'match-request.info-provided', actor!, { kind: 'INFO_PROVIDED', note: answer });
  }

  /** Ends a pause: the deadlines move on by its working time. */
  /**
   * The AUTHORITY revoked `organizationId`'s verification: every open (PENDING or ACCEPTED) request
   * where it is the enterprise or the listing's owner is CANCELLED, each with the usual
   * `match-request.cancelled` event (naming the revoked organization, so the other side is told
   * why). Runs in the revocation's transaction; returns the cancelled requests.
   */
  async cancelForRevokedOrganization(manager: EntityManager, organizationId: string, actorUserId: string): Promise<MatchRequestEntity[]> {
    const open = await manager
      .createQueryBuilder(MatchRequestEntity, 'r')
      .setLock('pessimistic_write')
      .where('(r.enterpriseOrganizationId = :org OR r.ownerOrganizationId = :org)', { org: organizationId })
      .andWhere('r.status IN (:...open)', { open: [...OPEN_MATCH_REQUEST_STATUSES] })
      .orderBy('r.id')
      .getMany();
    const cancelled: MatchRequestEntity[] = [];
    for (const request of open) {
      request.status = 'CANCELLED';
      request.version += 1;
      const saved = await manager.save(request);
      await this.record(manager, 'match-request.cancelled', saved, { userId: actorUserId, organizationId: null }, organizationId);
      cancelled.push(saved);
    }
    return cancelled;
  }

  /**
   * The caller's requests, newest first (stable: created_at, id): SENT by its enterprise or RECEIVED
   * for its organization's listings. Other organizations' requests never appear. With each request,
   * its listing and enterprise as `shape` asks for.
   */
  async read(actor: Actor, shape: MatchRequestReadShape, role: MatchRequestRole, status: MatchRequestStatus | null | undefined, first: number, after?: string | null): Promise<MatchRequestReadPage> {
    checkPageSize(first);
    if (!(MATCH_REQUEST_ROLES as readonly string[]).includes(role)) throw badInput(`role 只能是 ${MATCH_REQUEST_ROLES.join('、')} 之一 (role must be SENT or RECEIVED)`, 'role');
    if (status != null && !(MATCH_REQUEST_STATUSES as readonly string[]).includes(status)) throw badInput('status 无效 (unknown status)', 'status');
    // One prepared statement (ADR 0040): the page, the listings and enterprises `shape` asks for, the count only when asked for.
    return loadMatchRequestPage(this.dataSource, shape, { organizationId: actor.organizationId, role, status: status ?? undefined, after: after ? decodeKeysetCursor(after) : undefined, first });
  }

  /** Requests by id, no access check (DataLoader batch; filter with the caller's side). */
  byIds(ids: readonly string[]): Promise<MatchRequestEntity[]> {
    return this.dataSource.getRepository(MatchRequestEntity).findBy({ id: In([...ids]) });
  }

  /** One request, for its enterprise and the listing's owner only (no access check). */
  findById(id: string): Promise<MatchRequestEntity | null> {
    return this.dataSource.getRepository(MatchRequestEntity).findOneBy({ id });
  }

  /**
   * Where the match requests `ids` stand for the consents given with them (ADR 0035): open while
   * PENDING or ACCEPTED without a recorded outcome; decided once the provider recorded its outcome (a
   * bank's credit decision) or the firm completed it (the consent lasts 90 days more); ended at once
   * when declined or cancelled. One query.
   */
  async caseStandings(ids: readonly string[]): Promise<Map<string, CaseStanding>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(MatchRequestEntity)
      .find({ where: { id: In([...new Set(ids)]) }, select: { id: true, status: true, completedAt: true, outcomeRecordedAt: true, respondedAt: true, updatedAt: true } });
    return new Map(
      rows.map((r): [string, CaseStanding] => {
        if (r.status === 'DECLINED' || r.status === 'CANCELLED') return [r.id, { state: 'ENDED', endedAt: r.respondedAt && r.status === 'DECLINED' ? r.respondedAt : r.updatedAt }];
        const decidedAt = [r.outcomeRecordedAt, r.completedAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
        if (decidedAt || r.status === 'COMPLETED') return [r.id, { state: 'DECIDED', decidedAt: decidedAt ?? r.updatedAt }];
        return [r.id, { state: 'OPEN' }];
      }),
    );
  }

  /** Aggregates per receiving organization, in the order of `organizationIds` (a DataLoader batch function). */
  async providerStats(organizationIds: readonly string[]): Promise<ProviderMatchStats[]> {
    if (organizationIds.length === 0) return [];
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `SELECT owner_organization_id AS id,
              count(*) AS received,
              count(*) FILTER (WHERE status = 'PENDING') AS pending,
              count(*) FILTER (WHERE status = 'ACCEPTED') AS accepted,
              count(*) FILTER (WHERE status = 'DECLINED') AS declined,
              count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
              count(*) FILTER (WHERE status = 'COMPLETED' AND outcome = 'SUCCESS') AS successful,
              count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
              avg(rating) AS avg_rating,
              count(rating) AS rating_count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded_at - created_at) / 3600)
                FILTER (WHERE responded_at IS NOT NULL) AS median_hours,
              ${deadlineStatsSql('match_requests', '$2')},
              ${CREDIT_OUTCOME_COLUMNS}
         FROM match_requests WHERE owner_organization_id = ANY($1::uuid[]) GROUP BY owner_organization_id`,
      [[...new Set(organizationIds)], this.clock.now()],
    );
    const byId = new Map(rows.map((r) => [r.id!, r]));
    return organizationIds.map((id) => toStats(byId.get(id)));
  }

  private async lockRequest(manager: EntityManager, id: string): Promise<MatchRequestEntity> {
    const request = await manager.findOne(MatchRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw notFound(`找不到对接申请 ${id}，请确认申请 ID (no match request with id ${id})`);
    return request;
  }

  private async transition(
    manager: EntityManager,
    request: MatchRequestEntity,
    type: MatchRequestEventType,
    actor: Actor,
    step?: { kind: TimelineEntryKind; note: string },
  ): Promise<MatchRequestEntity> {
    request.version += 1;
    const saved = await manager.save(request);
    await this.record(manager, type, saved, actor, undefined, step);
    return saved;
  }

  /** The transition's outbox event and its step on the request's timeline, in the caller's transaction. */
  private async record(
    manager: EntityManager,
    type: MatchRequestEventType,
    r: MatchRequestEntity,
    actor: { userId: string; organizationId: string | null },
    revokedOrganizationId?: string,
    step?: { kind: TimelineEntryKind; note: string },
  ): Promise<void> {
    const actorUserId = actor.userId;
    await recordTimeline(manager, {
      subjectType: 'MATCH_REQUEST',
      subjectId: r.id,
      kind: step?.kind ?? (type === 'match-request.created' ? 'CREATED' : 'STATUS_CHANGED'),
      status: step ? null : r.status,
      actorOrganizationId: actor.organizationId,
      actorUserId,
      note: step?.note ?? (type === 'match-request.responded' ? r.responseMessage : null),
      reasonCode: type === 'match-request.responded' ? r.declineReasonCode : null,
      data: revokedOrganizationId ? { cause: 'ORGANIZATION_REVOKED', revokedOrganizationId } : {},
    });
    await recordEvent(manager, {
      type,
      aggregateType: 'match-request',
      aggregateId: r.id,
      data: { ...matchRequestEventData(r), ...(revokedOrganizationId ? { revokedOrganizationId } : {}) },
      actorUserId,
    });
  }
}

/** Credit outcome aggregates over match_requests rows (provider figures; issue 17 item 8). */
const CREDIT_OUTCOME_COLUMNS = `count(*) FILTER (WHERE credit_approved IS NOT NULL) AS credit_decided,
              count(*) FILTER (WHERE credit_approved) AS credit_approved,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY disbursed_on - (created_at AT TIME ZONE 'Asia/Shanghai')::date)
                FILTER (WHERE disbursed_on IS NOT NULL) AS median_disbursement_days`;

type MatchRequestEventType = Extract<DomainEventType, `match-request.${string}`>;

/** The ids and state every `match-request.*` outbox event carries (no amounts, no texts). */
export function matchRequestEventData(r: MatchRequestEntity) {
  return {
    matchRequestId: r.id,
    listingId: r.listingId,
    listingKind: r.listingKind,
    enterpriseOrganizationId: r.enterpriseOrganizationId,
    ownerOrganizationId: r.ownerOrganizationId,
    status: r.status,
    version: r.version,
  };
}

/**
 * Deadline figures (issue 17 item 8) over match requests `t` (a table name or alias) at `now` (a query
 * parameter): median working minutes to the first answer, and answers on time against answers plus
 * requests still unanswered past the deadline (not paused). Shared by `matchStats` and the service ranking.
 */
export function deadlineStatsSql(t: string, now: string): string {
  return `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${t}.response_working_minutes) FILTER (WHERE ${t}.response_working_minutes IS NOT NULL) AS median_working_minutes,
              count(*) FILTER (WHERE ${t}.respond_by IS NOT NULL AND ${t}.responded_at IS NOT NULL AND ${t}.responded_at <= ${t}.respond_by) AS on_time,
              count(*) FILTER (WHERE ${t}.respond_by IS NOT NULL AND (${t}.responded_at IS NOT NULL
                 OR (${t}.status = 'PENDING' AND ${t}.info_requested_at IS NULL AND ${t}.respond_by < ${now}))) AS deadline_cases`;
}

/** Working minutes (a `median_working_minutes` column) as working hours, 2 places; null stays null. */
export function workingHours(minutes: unknown): number | null {
  return minutes == null ? null : Math.round((Number(minutes) / 60) * 100) / 100;
}

function deadlineStats(row: Record<string, string | null> | undefined): Pick<ProviderMatchStats, 'medianResponseWorkingHours' | 'onTimeResponseRate'> {
  return {
    medianResponseWorkingHours: workingHours(row?.median_working_minutes),
    onTimeResponseRate: ratio(Number(row?.on_time ?? 0), Number(row?.deadline_cases ?? 0)),
  };
}

/** Which deadline policy a request follows: its listing's kind (a request on a challenge listing follows 揭榜). */
export function deadlineKindOf(kind: MatchRequestEntity['listingKind']): DeadlineKind {
  return kind === 'CHALLENGE' ? 'CHALLENGE_APPLICATION' : kind;
}

/** Pure: the aggregate row (or none) as {@link ProviderMatchStats}. */
export function toStats(row: Record<string, string | null> | undefined): ProviderMatchStats {
  const n = (k: string) => Number(row?.[k] ?? 0);
  const accepted = n('accepted');
  const declined = n('declined');
  const completed = n('completed');
  const successful = n('successful');
  const responded = accepted + declined + completed;
  const ratingCount = n('rating_count');
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    requestsReceived: n('received'),
    pending: n('pending'),
    accepted,
    declined,
    completed,
    successful,
    cancelled: n('cancelled'),
    acceptanceRate: ratio(accepted + completed, responded),
    successRate: ratio(successful, completed),
    averageRating: ratingCount ? round(Number(row!.avg_rating), 2) : null,
    ratingCount,
    medianResponseHours: row?.median_hours == null ? null : round(Number(row.median_hours), 2),
    ...deadlineStats(row),
    creditApprovalRate: ratio(n('credit_approved'), n('credit_decided')),
    medianDaysToDisbursement: row?.median_disbursement_days == null ? null : round(Number(row.median_disbursement_days), 1),
  };
}

function requireStatus(request: MatchRequestEntity, allowed: readonly MatchRequestStatus[], verbZh: string, verbEn: string, field: string): void {
  if (allowed.includes(request.status)) return;
  const want = allowed.map((s) => `${MATCH_REQUEST_STATUS_LABELS[s]}（${s}）`).join('或');
  throw conflict(
    `该对接申请当前状态为${MATCH_REQUEST_STATUS_LABELS[request.status]}（${request.status}），只有${want}的申请可以${verbZh} ` +
      `(match request ${request.id} is ${request.status}; only ${allowed.join(' or ')} requests can ${verbEn})`,
    field,
  );
}

/** Optional free text: trimmed, empty → null, at most {@link MATCH_MESSAGE_MAX_CHARS} characters. */
function validateText(value: unknown, field: string, labelZh: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput(`${field} 须为文本 (${field} must be a string)`, field);
  const text = value.trim();
  const n = chars(text);
  if (n > MATCH_MESSAGE_MAX_CHARS) {
    throw badInput(`${labelZh}最多 ${MATCH_MESSAGE_MAX_CHARS} 字，当前 ${n} 字，请精简 (${field} has ${n} characters; at most ${MATCH_MESSAGE_MAX_CHARS} are allowed)`, field);
  }
  return text === '' ? null : text;
}

function listingNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `找不到信息 ${id}：请确认 ID，或该信息尚未发布 (no published listing with id ${id})`, { field: 'input.listingId' });
}

function alreadyOpen(open?: MatchRequestEntity): AppError {
  const which = open ? `（申请 ${open.id}，状态 ${MATCH_REQUEST_STATUS_LABELS[open.status]} ${open.status}）` : '';
  return conflict(
    `贵企业对该信息已有进行中的对接申请${which}；请等待回复，或取消后重新申请 ` +
      `(your organization already has an open match request for this listing${open ? ` (${open.id}, ${open.status})` : ''}; cancel it before requesting again)`,
    'input.listingId',
  );
}
