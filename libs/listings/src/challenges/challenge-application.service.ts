import { Inject, Injectable, Optional } from '@nestjs/common';
import { canSeeListing } from '../listing.service.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import {
  AppError,
  badInput,
  checkPageSize,
  fetchKeysetPage,
  conflict,
  isUniqueViolation,
  notFound,
  unauthenticated,
  parseId,
  recordEvent,
  todayInShanghai,
} from '../../../platform/src/index.js';
import type { DomainEventType } from '../../../platform/src/index.js';
import { authorizeKind, authorizeQuery, authorizeRow, lockStanding, seesRow } from '../../../identity/src/index.js';
import type { Actor } from '../../../identity/src/index.js';
import { ListingEntity } from '../entities/listing.entity.js';
import { ChallengeEntity } from '../entities/listing-details.entity.js';
import {
  APPLICATION_DECISIONS,
  APPLICATION_STATUSES,
  MAX_ACCEPTED_PER_CHALLENGE,
  OPEN_APPLICATION_STATUSES,
  type ApplicationDecision,
  type ApplicationStatus,
  type ListingStatus,
} from '../listing-enums.js';
import { ChallengeApplicationEntity } from './challenge-application.entity.js';
import { recordTimeline } from '../../../timeline/src/index.js';
import { bundledWorkingCalendar, deadlinesFor, endPause, WORKING_CALENDAR, type WorkingCalendar } from '../../../calendar/src/index.js';
import { CLOCK, plausible, systemClock, type Clock } from '../../../platform/src/index.js';
import { recordCaseConsent, type CaseStanding } from '../../../enterprises/src/index.js';
import { describeDeclineReasonProblem } from '../../../codes/src/index.js';

/** Issue 17: a rejection's coded reason (CHALLENGE list, required with REJECT) and an acceptance's contract value (optional, ACCEPT only). */
export interface DecisionDetails {
  reasonCode?: string | null;
  /** Yuan, 0 to {@link CONTRACT_VALUE_CEILING_YUAN}. */
  contractValue?: number | null;
}

/** The ceiling of a contract value, yuan (100 亿元; the same as the case amounts in libs/matching's outcome-bounds.ts). */
export const CONTRACT_VALUE_CEILING_YUAN = 10_000_000_000;

export interface ApplyToChallengeCommand {
  challengeId: string;
  proposal: string;
  /** Quoted price in yuan (揭榜报价). */
  quote?: number | null;
  /** Consent to show the applicant's profile to the challenge's owner while the application is live (absent or null: no). */
  shareProfile?: boolean | null;
}

export interface ApplicationPage {
  rows: ChallengeApplicationEntity[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export const PROPOSAL_MAX_CHARS = 5000;
export const DECISION_COMMENT_MAX_CHARS = 2000;
const LIVE_UNIQUE_INDEX = 'uq_challenge_applications_live';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  SUBMITTED: '已提交',
  SHORTLISTED: '已入围',
  ACCEPTED: '已接受',
  REJECTED: '未获选',
  WITHDRAWN: '已撤回',
  CLOSED_BY_OWNER: '已随榜单关闭',
};

const LISTING_STATUS_LABELS: Record<ListingStatus, string> = { DRAFT: '草稿', PUBLISHED: '已发布', CLOSED: '已关闭' };

const DECISION_LABELS: Record<ApplicationDecision, string> = { SHORTLIST: '入围', ACCEPT: '接受', REJECT: '拒绝' };

const DECISION_TARGET: Record<ApplicationDecision, ApplicationStatus> = {
  SHORTLIST: 'SHORTLISTED',
  ACCEPT: 'ACCEPTED',
  REJECT: 'REJECTED',
};

/** Which decisions each status still admits: SUBMITTED → SHORTLISTED → ACCEPTED | REJECTED (or straight from SUBMITTED). */
const ALLOWED_DECISIONS: Record<ApplicationStatus, readonly ApplicationDecision[]> = {
  SUBMITTED: ['SHORTLIST', 'ACCEPT', 'REJECT'],
  SHORTLISTED: ['ACCEPT', 'REJECT'],
  ACCEPTED: [],
  REJECTED: [],
  WITHDRAWN: [],
  CLOSED_BY_OWNER: [],
};

const WITHDRAWABLE: readonly ApplicationStatus[] = OPEN_APPLICATION_STATUSES;
/** Statuses that no longer hold the one live application per enterprise and challenge (the partial unique index). */
const ENDED_WITHOUT_DECISION = ['WITHDRAWN', 'CLOSED_BY_OWNER'] as const satisfies readonly ApplicationStatus[];

const chars = (s: string) => Array.from(s).length;

/**
 * Who may see an application: its applicant, the challenge's owner and AUTHORITY. Pure, so the
 * GraphQL layer can filter what {@link ChallengeApplicationService.loadByChallengeIds} returns.
 */
export function canSeeApplication(
  actor: Actor | undefined,
  challengeOwnerOrganizationId: string,
  application: Pick<ChallengeApplicationEntity, 'applicantOrganizationId'>,
): boolean {
  return seesRow(actor, 'Challenge.applications', { parties: [challengeOwnerOrganizationId, application.applicantOrganizationId] });
}

/** The applications of one challenge that `actor` may see (all for its owner and AUTHORITY, else its own). */
export function visibleApplications<A extends Pick<ChallengeApplicationEntity, 'applicantOrganizationId'>>(
  actor: Actor | undefined,
  challengeOwnerOrganizationId: string,
  applications: readonly A[],
): A[] {
  return applications.filter((a) => canSeeApplication(actor, challengeOwnerOrganizationId, a));
}

/**
 * 揭榜: enterprises apply to published challenges; the challenge's owner shortlists, accepts (at most
 * {@link MAX_ACCEPTED_PER_CHALLENGE}) or rejects; applicants withdraw while undecided. Writes take the
 * caller's transaction manager and record one outbox event per transition.
 */
@Injectable()
export class ChallengeApplicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar = bundledWorkingCalendar(),
  ) {}

  /** ENTERPRISE only, on a PUBLISHED challenge up to and including its applyBy date; one live application per enterprise. */
  async apply(manager: EntityManager, actor: Actor | undefined, input: ApplyToChallengeCommand): Promise<ChallengeApplicationEntity> {
    authorizeKind(actor, 'applyToChallenge');
    const applicant = actor!;
    const challengeId = parseId(String(input.challengeId ?? ''), 'input.challengeId');
    const proposal = validateProposal(input.proposal);
    const quote = validateQuote(input.quote);
    if (input.shareProfile != null && typeof input.shareProfile !== 'boolean') {
      throw badInput('shareProfile 须为 true 或 false (shareProfile must be a boolean)', 'input.shareProfile');
    }
    const shareProfile = input.shareProfile ?? false;

    // The lock serialises applications to one challenge with each other and with decisions on it.
    const listing = await manager.findOne(ListingEntity, { where: { id: challengeId }, lock: { mode: 'pessimistic_write' } });
    const visible = listing && canSeeListing(applicant, listing);
    if (!listing || listing.kind !== 'CHALLENGE' || !visible) throw challengeNotFound(challengeId);
    const challenge = await manager.findOneBy(ChallengeEntity, { listingId: challengeId });
    if (!challenge) throw challengeNotFound(challengeId);
    if (listing.status !== 'PUBLISHED') {
      throw badInput(
        `该榜单当前状态为${LISTING_STATUS_LABELS[listing.status]}（${listing.status}），只能揭榜已发布的榜单 (challenge ${challengeId} is ${listing.status}; applications are accepted only while it is PUBLISHED)`,
        'input.challengeId',
      );
    }
    const today = todayInShanghai();
    if (challenge.applyBy < today) {
      throw badInput(
        `该榜单的揭榜截止日期 ${challenge.applyBy} 已过（今天是 ${today}），不能再揭榜 (the application deadline applyBy ${challenge.applyBy} has passed; today is ${today} in Beijing time)`,
        'input.challengeId',
      );
    }
    const live = await manager.findOne(ChallengeApplicationEntity, {
      where: { challengeId, applicantOrganizationId: applicant.organizationId, status: Not(In([...ENDED_WITHOUT_DECISION])) },
    });
    if (live) throw alreadyApplied(live);
    // Share-locked: a concurrent revocation sees this application (and withdraws it) or refuses it;
    // the policy read `verified` when the request began, a decision since then wins (ADR 0031).
    if (!(await lockStanding(manager, applicant.organizationId)).verified) authorizeKind({ ...applicant, verified: false }, 'applyToChallenge');

    let saved: ChallengeApplicationEntity;
    try {
      saved = await manager.save(
        manager.create(ChallengeApplicationEntity, {
          challengeId,
          applicantOrganizationId: applicant.organizationId,
          proposal,
          quote,
          shareProfile,
          status: 'SUBMITTED',
          decisionComment: null,
          decidedAt: null,
          ...deadlinesFor(this.calendar, 'CHALLENGE_APPLICATION', this.clock.now()),
          version: 1,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err, LIVE_UNIQUE_INDEX)) throw alreadyApplied();
      throw err;
    }
    if (shareProfile) {
      // shareProfile is the default consent (ADR 0035): every section, the financial years on file now.
      await recordCaseConsent(manager, {
        grantorOrganizationId: applicant.organizationId,
        granteeOrganizationId: listing.ownerOrganizationId,
        purpose: 'CHALLENGE_APPLICATION',
        caseId: saved.id,
        grantedBy: applicant.userId,
        now: this.clock.now(),
      });
    }
    await this.record(manager, 'challenge-application.submitted', saved, applicant);
    return saved;
  }

  /** The challenge's owner shortlists, accepts or rejects an application. */
  async decide(
    manager: EntityManager,
    actor: Actor | undefined,
    id: string,
    decision: ApplicationDecision,
    comment?: string | null,
    details: DecisionDetails = {},
  ): Promise<ChallengeApplicationEntity> {
    // Kind and sign-in first, so strangers learn nothing about which applications exist.
    authorizeKind(actor, 'decideChallengeApplication');
    const applicationId = parseId(String(id ?? ''), 'id');
    if (!(APPLICATION_DECISIONS as readonly string[]).includes(decision)) {
      throw badInput(`decision 只能是 ${APPLICATION_DECISIONS.join('、')} 之一 (decision must be one of ${APPLICATION_DECISIONS.join(', ')})`, 'decision');
    }
    const decisionComment = validateComment(comment);

    const found = await manager.findOneBy(ChallengeApplicationEntity, { id: applicationId });
    if (!found) throw applicationNotFound(applicationId);
    // Locking the challenge serialises concurrent decisions on it, so the ACCEPTED count below holds;
    // challenge before application, the order closeListing takes (no deadlock with a close).
    const listing = await manager.findOne(ListingEntity, { where: { id: found.challengeId }, lock: { mode: 'pessimistic_write' } });
    if (!listing) throw applicationNotFound(applicationId);
    const application = await manager.findOne(ChallengeApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw applicationNotFound(applicationId);
    authorizeRow(actor, 'decideChallengeApplication', { ownerOrganizationId: listing.ownerOrganizationId });

    const from = application.status;
    if (!ALLOWED_DECISIONS[from].includes(decision)) {
      const allowed = ALLOWED_DECISIONS[from];
      const hint = allowed.length
        ? `当前只能${allowed.map((d) => `${DECISION_LABELS[d]}（${d}）`).join('或')}`
        : '该申请已有最终结果或已撤回，不能再作决定';
      throw conflict(
        `该揭榜申请当前状态为${APPLICATION_STATUS_LABELS[from]}（${from}），不能${DECISION_LABELS[decision]}（${decision}）；${hint} ` +
          `(application ${applicationId} is ${from}; ${decision} is not allowed from ${from}${allowed.length ? `, only ${allowed.join(' or ')}` : ''})`,
        'decision',
      );
    }
    // After the state check, so a decision on a closed application is CONFLICT whatever its details.
    const { reasonCode, contractValue } = validateDetails(decision, details, decisionComment);
    if (decision === 'ACCEPT') {
      const accepted = await manager.count(ChallengeApplicationEntity, { where: { challengeId: application.challengeId, status: 'ACCEPTED' } });
      if (accepted >= MAX_ACCEPTED_PER_CHALLENGE) {
        throw conflict(
          `每个榜单最多接受 ${MAX_ACCEPTED_PER_CHALLENGE} 家揭榜企业，本榜单已接受 ${accepted} 家；请拒绝该申请或保持入围 ` +
            `(challenge ${application.challengeId} already has ${accepted} ACCEPTED applications; at most ${MAX_ACCEPTED_PER_CHALLENGE} are allowed)`,
          'decision',
        );
      }
    }

    endPause(this.calendar, application, this.clock.now());
    application.status = DECISION_TARGET[decision];
    application.rejectionReasonCode = reasonCode;
    if (contractValue !== null) application.contractValue = contractValue;
    if (decisionComment !== undefined) application.decisionComment = decisionComment;
    if (decision !== 'SHORTLIST') application.decidedAt = new Date();
    application.version += 1;
    const saved = await manager.save(application);
    await this.record(manager, 'challenge-application.decided', saved, actor!);
    return saved;
  }

  /**
   * The challenge's owner asks the applicant for information on an undecided (SUBMITTED or
   * SHORTLISTED) application: the deadline clock stands still until the applicant answers
   * ({@link provideInformation}) or the owner decides. The question is the step's note.
   */
  async requestInformation(manager: EntityManager, actor: Actor | undefined, id: string, message: string): Promise<ChallengeApplicationEntity> {
    authorizeKind(actor, 'requestChallengeApplicationInformation');
    const question = infoText(message);
    const application = await this.lockUndecided(manager, parseId(String(id ?? ''), 'id'), '要求补充材料', 'ask for information');
    const listing = await manager.findOneBy(ListingEntity, { id: application.challengeId });
    authorizeRow(actor, 'requestChallengeApplicationInformation', { ownerOrganizationId: listing?.ownerOrganizationId ?? '' });
    if (application.infoRequestedAt) {
      throw conflict(`该揭榜申请已在等待申请企业补充材料，请等对方答复 (application ${application.id} already waits for the applicant's information)`, 'id');
    }
    application.infoRequestedAt = this.clock.now();
    return this.recordInformation(manager, application, actor!, 'INFO_REQUESTED', question);
  }

  /** The applicant answers the owner's request for information; the clock runs again, the deadlines moved on by the pause. */
  async provideInformation(manager: EntityManager, actor: Actor | undefined, id: string, message: string): Promise<ChallengeApplicationEntity> {
    authorizeKind(actor, 'provideChallengeApplicationInformation');
    const answer = infoText(message);
    const application = await this.lockUndecided(manager, parseId(String(id ?? ''), 'id'), '补充材料', 'provide information');
    authorizeRow(actor, 'provideChallengeApplicationInformation', { ownerOrganizationId: application.applicantOrganizationId });
    if (!application.infoRequestedAt) {
      throw conflict(`发榜方没有要求补充材料，无需答复 (the challenge's owner has not asked for information on application ${application.id})`, 'id');
    }
    endPause(this.calendar, application, this.clock.now());
    return this.recordInformation(manager, application, actor!, 'INFO_PROVIDED', answer);
  }

  private async lockUndecided(manager: EntityManager, id: string, verbZh: string, verbEn: string): Promise<ChallengeApplicationEntity> {
    const application = await manager.findOne(ChallengeApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw applicationNotFound(id);
    if (!WITHDRAWABLE.includes(application.status)) {
      throw conflict(
        `该揭榜申请当前状态为${APPLICATION_STATUS_LABELS[application.status]}（${application.status}），只有已提交或已入围的申请可以${verbZh} ` +
          `(application ${id} is ${application.status}; only SUBMITTED or SHORTLISTED applications can ${verbEn})`,
        'id',
      );
    }
    return application;
  }

  /** Ends a pause: the deadlines move on by its working time. */
  /** An information step: the row, its timeline entry (with the text) and `challenge-application.information` for the other side's notice. */
  private async recordInformation(
    manager: EntityManager,
    application: ChallengeApplicationEntity,
    actor: Actor,
    kind: 'INFO_REQUESTED' | 'INFO_PROVIDED',
    note: string,
  ): Promise<ChallengeApplicationEntity> {
    application.version += 1;
    const saved = await manager.save(application);
    await recordTimeline(manager, { subjectType: 'CHALLENGE_APPLICATION', subjectId: saved.id, kind, actorOrganizationId: actor.organizationId, actorUserId: actor.userId, note });
    await recordEvent(manager, {
      type: 'challenge-application.information',
      aggregateType: 'challenge-application',
      aggregateId: saved.id,
      data: { applicationId: saved.id, challengeId: saved.challengeId, applicantOrganizationId: saved.applicantOrganizationId, status: saved.status, version: saved.version, step: kind },
      actorUserId: actor.userId,
    });
    return saved;
  }

  /** The applicant withdraws its own application while it is SUBMITTED or SHORTLISTED; it may apply again afterwards. */
  async withdraw(manager: EntityManager, actor: Actor | undefined, id: string): Promise<ChallengeApplicationEntity> {
    authorizeKind(actor, 'withdrawChallengeApplication');
    const applicationId = parseId(String(id ?? ''), 'id');
    const application = await manager.findOne(ChallengeApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw applicationNotFound(applicationId);
    authorizeRow(actor, 'withdrawChallengeApplication', { ownerOrganizationId: application.applicantOrganizationId });
    if (!WITHDRAWABLE.includes(application.status)) {
      throw conflict(
        `该揭榜申请当前状态为${APPLICATION_STATUS_LABELS[application.status]}（${application.status}），只有已提交或已入围的申请可以撤回 ` +
          `(application ${applicationId} is ${application.status}; only SUBMITTED or SHORTLISTED applications can be withdrawn)`,
        'id',
      );
    }
    application.status = 'WITHDRAWN';
    application.version += 1;
    const saved = await manager.save(application);
    await this.record(manager, 'challenge-application.withdrawn', saved, actor!);
    return saved;
  }

  /**
   * Revocation of the applicant's verification (in the AUTHORITY's transaction): its SUBMITTED and
   * SHORTLISTED applications are withdrawn by the same transition, the event naming the cause so the
   * challenge's owner is told why. ACCEPTED ones stay: a contract exists between the two firms.
   */
  async withdrawForRevokedOrganization(manager: EntityManager, organizationId: string, actorUserId: string): Promise<ChallengeApplicationEntity[]> {
    const open = await manager.find(ChallengeApplicationEntity, {
      where: { applicantOrganizationId: organizationId, status: In([...WITHDRAWABLE]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const withdrawn: ChallengeApplicationEntity[] = [];
    for (const application of open) {
      application.status = 'WITHDRAWN';
      application.version += 1;
      const saved = await manager.save(application);
      await this.record(manager, 'challenge-application.withdrawn', saved, { userId: actorUserId, organizationId: null }, 'ORGANIZATION_REVOKED');
      withdrawn.push(saved);
    }
    return withdrawn;
  }

  /**
   * A challenge's applications, newest first: all of them for its owner and AUTHORITY, otherwise only
   * the caller's own organization's (usually none or one).
   */
  async listForChallenge(actor: Actor | undefined, challengeId: string): Promise<ChallengeApplicationEntity[]> {
    const id = parseId(String(challengeId ?? ''), 'challengeId');
    if (!actor) return [];
    const listing = await this.dataSource.getRepository(ListingEntity).findOneBy({ id });
    const visible = listing && canSeeListing(actor, listing);
    if (!listing || listing.kind !== 'CHALLENGE' || !visible) throw challengeNotFound(id, 'challengeId');
    const seesAll = seesRow(actor, 'Challenge.applications', { parties: [listing.ownerOrganizationId] });
    return this.dataSource.getRepository(ChallengeApplicationEntity).find({
      where: seesAll ? { challengeId: id } : { challengeId: id, applicantOrganizationId: actor.organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * A page of a challenge's applications seen from the Challenge (Challenge.applicationsConnection),
   * newest first: all for its owner and the AUTHORITY, else only the caller's own organization's.
   */
  async pageForChallenge(actor: Actor | undefined, challenge: { id: string; ownerOrganizationId: string }, first: number, after?: string | null): Promise<ApplicationPage> {
    checkPageSize(first);
    if (!actor) return { rows: [], hasNextPage: false, endCursor: null, totalCount: 0 };
    const seesAll = seesRow(actor, 'Challenge.applicationsConnection', { parties: [challenge.ownerOrganizationId] });
    const qb = this.dataSource.getRepository(ChallengeApplicationEntity).createQueryBuilder('a').where('a.challengeId = :cid', { cid: challenge.id });
    if (!seesAll) qb.andWhere('a.applicantOrganizationId = :me', { me: actor.organizationId });
    const totalCount = await qb.clone().getCount();
    return { ...(await fetchKeysetPage(qb, 'a', 'challenge_applications', first, after)), totalCount };
  }

  /**
   * The caller's enterprise's own applications, newest first (stable: created_at, id), optionally
   * of one status: a Relay-style page with the total.
   */
  async mine(actor: Actor, status: ApplicationStatus | null | undefined, first: number, after?: string | null): Promise<ApplicationPage> {
    authorizeQuery(actor, 'myChallengeApplications');
    checkPageSize(first);
    if (status != null && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
      throw badInput(`status 只能是 ${APPLICATION_STATUSES.join('、')} 之一 (unknown status)`, 'status');
    }
    const qb = this.dataSource
      .getRepository(ChallengeApplicationEntity)
      .createQueryBuilder('a')
      .where('a.applicantOrganizationId = :me', { me: actor.organizationId });
    if (status) qb.andWhere('a.status = :status', { status });
    const totalCount = await qb.clone().getCount();
    return { ...(await fetchKeysetPage(qb, 'a', 'challenge_applications', first, after)), totalCount };
  }

  /**
   * Where the 揭榜 applications `ids` stand for the consents given with them (ADR 0035): open while
   * SUBMITTED or SHORTLISTED, decided when ACCEPTED (the consent lasts 90 days more), ended at once
   * when withdrawn, rejected or closed with the challenge. One query.
   */
  async caseStandings(ids: readonly string[]): Promise<Map<string, CaseStanding>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(ChallengeApplicationEntity).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, status: true, decidedAt: true, updatedAt: true } });
    return new Map(
      rows.map((a): [string, CaseStanding] => [
        a.id,
        (OPEN_APPLICATION_STATUSES as readonly string[]).includes(a.status)
          ? { state: 'OPEN' }
          : a.status === 'ACCEPTED'
            ? { state: 'DECIDED', decidedAt: a.decidedAt ?? a.updatedAt }
            : { state: 'ENDED', endedAt: a.decidedAt ?? a.updatedAt },
      ]),
    );
  }

  /** One application, for its applicant, the challenge's owner or AUTHORITY. */
  async getVisible(actor: Actor | undefined, id: string): Promise<ChallengeApplicationEntity> {
    if (!actor) throw unauthenticated('请先登录后再查看揭榜申请 (sign in first: send "Authorization: Bearer <token>")');
    const applicationId = parseId(String(id ?? ''), 'id');
    const application = await this.dataSource.getRepository(ChallengeApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw applicationNotFound(applicationId);
    const listing = await this.dataSource.getRepository(ListingEntity).findOneBy({ id: application.challengeId });
    // The challenge is always there (the foreign key cascades its deletion to its applications).
    authorizeQuery(actor, 'challengeApplication', { parties: listing ? [listing.ownerOrganizationId, application.applicantOrganizationId] : [] });
    return application;
  }

  /** Applications by id, no access check (DataLoader batch; filter with {@link canSeeApplication}). */
  byIds(ids: readonly string[]): Promise<ChallengeApplicationEntity[]> {
    return this.dataSource.getRepository(ChallengeApplicationEntity).findBy({ id: In([...ids]) });
  }

  /**
   * Applications per challenge id, newest first, in the order of `challengeIds` (a DataLoader batch
   * function). No access check: filter with {@link visibleApplications}.
   */
  async loadByChallengeIds(challengeIds: readonly string[]): Promise<ChallengeApplicationEntity[][]> {
    if (challengeIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(ChallengeApplicationEntity).find({
      where: { challengeId: In([...new Set(challengeIds)]) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const byChallenge = new Map<string, ChallengeApplicationEntity[]>();
    for (const row of rows) {
      const list = byChallenge.get(row.challengeId);
      if (list) list.push(row);
      else byChallenge.set(row.challengeId, [row]);
    }
    return challengeIds.map((id) => byChallenge.get(id) ?? []);
  }

  /** The transition's outbox event and its step on the application's timeline, in the caller's transaction. */
  private async record(
    manager: EntityManager,
    type: Extract<DomainEventType, `challenge-application.${string}`>,
    application: ChallengeApplicationEntity,
    actor: { userId: string; organizationId: string | null },
    cause?: 'ORGANIZATION_REVOKED',
  ): Promise<void> {
    const actorUserId = actor.userId;
    await recordTimeline(manager, {
      subjectType: 'CHALLENGE_APPLICATION',
      subjectId: application.id,
      kind: type === 'challenge-application.submitted' ? 'CREATED' : type === 'challenge-application.decided' ? 'DECISION' : 'STATUS_CHANGED',
      status: application.status,
      actorOrganizationId: actor.organizationId,
      actorUserId,
      note: type === 'challenge-application.decided' ? application.decisionComment : null,
      reasonCode: type === 'challenge-application.decided' ? application.rejectionReasonCode : null,
      data: cause ? { cause } : {},
    });
    await recordEvent(manager, {
      type,
      aggregateType: 'challenge-application',
      aggregateId: application.id,
      data: {
        applicationId: application.id,
        challengeId: application.challengeId,
        applicantOrganizationId: application.applicantOrganizationId,
        status: application.status,
        version: application.version,
        ...(cause ? { cause } : {}),
      },
      actorUserId,
    });
  }
}

/** The text of an information request or answer: required, at most 2,000 characters. */
function infoText(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw badInput('请填写需要补充或已补充的材料说明 (message must not be empty)', 'message');
  const n = chars(text);
  if (n > 2000) throw badInput(`说明最多 2000 字，当前 ${n} 字，请精简 (message has ${n} characters; at most 2,000 are allowed)`, 'message');
  return text;
}

function validateProposal(value: unknown): string {
  const proposal = typeof value === 'string' ? value.trim() : '';
  if (proposal === '') {
    throw badInput('揭榜方案不能为空：请说明技术路线、团队和进度安排 (proposal must not be empty: describe your approach, team and schedule)', 'input.proposal');
  }
  const n = chars(proposal);
  if (n > PROPOSAL_MAX_CHARS) {
    throw badInput(
      `揭榜方案最多 ${PROPOSAL_MAX_CHARS} 字，当前 ${n} 字，请精简或将详细材料作为附件另行提交 (proposal has ${n} characters; at most ${PROPOSAL_MAX_CHARS} are allowed)`,
      'input.proposal',
    );
  }
  return proposal;
}

function validateQuote(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badInput(`揭榜报价须为不小于 0 的整数（单位：元），收到 ${String(value)} (quote must be a non-negative whole number of yuan)`, 'input.quote');
  }
  return plausible(value, 'moneyYuan', 'input.quote', '揭榜报价');
}

/** REJECT needs a code of the CHALLENGE list (其他 needs the comment); a contract value only with ACCEPT. */
function validateDetails(
  decision: ApplicationDecision,
  details: DecisionDetails,
  comment: string | null | undefined,
): { reasonCode: string | null; contractValue: number | null } {
  const { reasonCode, contractValue } = details ?? {};
  if (decision !== 'REJECT' && reasonCode != null) throw badInput('仅在拒绝（REJECT）时填写理由代码 (reasonCode is only for REJECT)', 'reasonCode');
  if (decision === 'REJECT') {
    const problem = describeDeclineReasonProblem('CHALLENGE', reasonCode, comment ?? null);
    if (problem) throw badInput(problem, 'reasonCode');
  }
  if (contractValue != null) {
    if (decision !== 'ACCEPT') throw badInput('仅在接受（ACCEPT）时填写合同金额 (contractValue is only for ACCEPT)', 'contractValue');
    if (typeof contractValue !== 'number' || !Number.isSafeInteger(contractValue) || contractValue < 0 || contractValue > CONTRACT_VALUE_CEILING_YUAN) {
      throw badInput(
        `合同金额须为 0–${CONTRACT_VALUE_CEILING_YUAN} 的整数（单位：元），收到 ${String(contractValue)} (contractValue must be whole yuan from 0 to ${CONTRACT_VALUE_CEILING_YUAN})`,
        'contractValue',
      );
    }
  }
  return { reasonCode: decision === 'REJECT' ? reasonCode! : null, contractValue: contractValue ?? null };
}

/** undefined: leave the stored comment as it is; null: no comment. */
function validateComment(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw badInput('comment 须为文本 (comment must be a string)', 'comment');
  const comment = value.trim();
  const n = chars(comment);
  if (n > DECISION_COMMENT_MAX_CHARS) {
    throw badInput(
      `评审意见最多 ${DECISION_COMMENT_MAX_CHARS} 字，当前 ${n} 字，请精简 (comment has ${n} characters; at most ${DECISION_COMMENT_MAX_CHARS} are allowed)`,
      'comment',
    );
  }
  return comment === '' ? null : comment;
}

function challengeNotFound(id: string, field = 'input.challengeId'): AppError {
  return new AppError('NOT_FOUND', `找不到榜单 ${id}：请确认榜单 ID，或该榜单尚未发布 (no published challenge with id ${id})`, { field });
}

function applicationNotFound(id: string): AppError {
  return notFound(`找不到揭榜申请 ${id}，请确认申请 ID (no challenge application with id ${id})`);
}

function alreadyApplied(live?: ChallengeApplicationEntity): AppError {
  const which = live ? `（申请 ${live.id}，状态 ${APPLICATION_STATUS_LABELS[live.status]} ${live.status}）` : '';
  return conflict(
    `贵企业已揭榜该榜单${which}，每家企业只能有一份有效申请；如需修改方案，请先撤回原申请再重新提交 ` +
      `(your organization already has a live application to this challenge${live ? ` (${live.id}, ${live.status})` : ''}; withdraw it before applying again)`,
    'input.challengeId',
  );
}
