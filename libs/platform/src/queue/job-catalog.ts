/**
 * The typed job catalog: every domain event, every job, its queue and its payload type, in one
 * place. Workers fail to boot unless each job here has exactly one handler.
 */

/** BullMQ queues; a queue groups jobs that share a worker pool. */
/** 'imports': long bulk imports get their own workers, so they never hold the slots of interactive jobs. */
/**
 * 'bulk': the fan-out of bulk writes (an import's rescoring and rematching, see {@link BULK_ROUTES}),
 * on its own workers with a small concurrency (`WORKER_BULK_CONCURRENCY`), so a 5,000-firm import
 * never queues ahead of a firm's own edit or a match request (ADR 0017).
 */
export const QUEUE_NAMES = ['notify', 'tier-scoring', 'search-sync', 'matching', 'imports', 'bulk'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * How urgent the work behind an event is. 'interactive' (the default): someone waits for it.
 * 'bulk': one of many written by a bulk operation (an import); its jobs go to the 'bulk' queue.
 */
export type EventLane = 'interactive' | 'bulk';

/** Domain events written to the outbox; they carry ids, never entities. */
export interface DomainEventPayloads {
  'organization.registered': { organizationId: string };
  'organization.verified': { organizationId: string; verifiedByUserId: string; decisionId?: string; version?: number };
  /**
   * Any other verification decision (REJECTED, NEEDS_INFO, REVOKED) or a resubmission (PENDING).
   * Ids only: the notifier reads the reason from the decision row.
   */
  /** `usccReleased`: the rejection released the USCC the organization had claimed (resolveUsccClaim CLAIM_RELEASED). */
  'organization.verification-decided': { organizationId: string; decisionId: string; state: 'PENDING' | 'NEEDS_INFO' | 'REJECTED' | 'REVOKED'; version: number; usccReleased?: boolean };
  /** An account reached the per-account ceiling of failed sign-ins (all addresses); nothing was locked. */
  'account.sign-in-failures-exceeded': { userId: string; organizationId: string; failures: number; windowMinutes: number };
  'organization.details-updated': { organizationId: string };
  'invitation.created': InvitationEventData;
  'invitation.accepted': InvitationEventData & { userId: string };
  'invitation.revoked': InvitationEventData;
  'member.role-changed': { organizationId: string; userId: string; from: 'OWNER' | 'ADMIN' | 'MEMBER'; to: 'OWNER' | 'ADMIN' | 'MEMBER' };
  'member.removed': { organizationId: string; userId: string };
  /**
   * `skipJobs`: routes the writer knows have nothing to do (the write changed no field they read,
   * ADR 0044); the relay does not enqueue them.
   */
  'enterprise-profile.changed': { organizationId: string; version: number; skipJobs?: Array<'tiers.assess-enterprise' | 'matching.rescore-enterprise'> };
  /**
   * The AUTHORITY confirmed an enterprise's certified title or rejected its claim (DOMAIN.md §8.10).
   * Ids only: the notifier reads tier, date and reason from the decision row.
   */
  'enterprise-title.decided': { organizationId: string; decisionId: string; outcome: 'CONFIRMED' | 'REJECTED'; profileVersion: number };
  /** New tier assessments were stored for an enterprise (service gaps feed matching). */
  'enterprise-assessment.changed': { organizationId: string; profileVersion: number };
  /** Listings: created (DRAFT), updated, published, closed (by the owner or 下架 by the AUTHORITY). */
  'listing.created': ListingEventData;
  'listing.updated': ListingEventData;
  'listing.published': ListingEventData;
  'listing.closed': ListingEventData;
  /** A draft never published was deleted by its owner (ADR 0031): the index drops it. */
  'listing.deleted': ListingEventData;
  /** The owner appealed the AUTHORITY's takedown (申诉); ids only, the notifier reads the message. */
  'listing.takedown-appealed': ListingEventData & { appealId: string };
  /**
   * The AUTHORITY lifted its takedown: republished when it could be, else left for the owner to
   * re-publish. `note` is the AUTHORITY's own reason (≤ 500 characters), which no row keeps otherwise.
   */
  'listing.reinstated': ListingEventData & { appealId: string | null; takedownReason: string | null; note: string };
  /** 揭榜 applications: every transition. */
  'challenge-application.submitted': ChallengeApplicationEventData;
  'challenge-application.decided': ChallengeApplicationEventData;
  'challenge-application.withdrawn': ChallengeApplicationEventData;
  /** The challenge's owner asked the applicant for information (clock paused), or the applicant answered (clock runs again). */
  'challenge-application.information': ChallengeApplicationEventData & { step: 'INFO_REQUESTED' | 'INFO_PROVIDED' };
  /** An open (SUBMITTED or SHORTLISTED) application ended because its challenge was closed (CLOSED_BY_OWNER). */
  'challenge-application.closed': ChallengeApplicationEventData;
  /** Match requests (对接申请): every transition. */
  'match-request.created': MatchRequestEventData;
  'match-request.responded': MatchRequestEventData;
  'match-request.completed': MatchRequestEventData;
  'match-request.cancelled': MatchRequestEventData;
  /** The owner asked the firm for information (the deadline clock pauses); the firm answered (it runs again). */
  'match-request.info-requested': MatchRequestEventData;
  'match-request.info-provided': MatchRequestEventData;
  /** A case is past a deadline: a reminder to its owner, or (still overdue after the reminder) an escalation to the AUTHORITY. Ids only. */
  'deadline.overdue': DeadlineOverdueData;
  /** The provider recorded the outcome (a bank's credit decision, a service's delivery); ids only (issue 17). */
  'match-request.outcome-recorded': MatchRequestEventData;
  /** A message was written on the conversation of a match request or a 揭榜 application (ids only, never its text). */
  'case-message.sent': CaseMessageEventData;
  /** An e-mail was queued (its row holds recipient and text); ids only. */
  'mail.queued': { mailId: string };
  /** A published 揭榜 challenge's terms changed (budget, deadlines): old and new values, which a later read cannot recover. */
  'challenge.terms-changed': ChallengeTermsChangedData;
  /** Notifications were written (by a notify job); their ids and recipients, for `Subscription.notificationAdded`. */
  'notification.created': NotificationCreatedData;
  /** An enterprise list was uploaded (enterprise_imports row, file inside): parse it into a preview. */
  'enterprise-import.queued': { importId: string };
  /** The AUTHORITY confirmed an import's preview: run it. */
  'enterprise-import.confirmed': { importId: string };
  /** The AUTHORITY recorded or cleared a pending re-review (复核) for titles; ids only: the notifier reads the mark row. */
  'title-review.decided': { markId: string; action: 'PENDING_RECORDED' | 'PENDING_CLEARED' };
  /** Policy rewards (惠企政策): an organization became entitled to rewards it was not owed before; ids only (the notifier reads the rows). */
  'policy-entitlement.created': { organizationId: string; entitlementIds: string[] };
  /** The matching worker pushed a listing to firms whose sets it entered (issue 18); the batch names the pushes (ids only). */
  'recommendation.pushed': RecommendationPushedData;
  /** A firm gave an organization a consent to read its profile (not the default one of a case: the case's notice tells of that); id only. */
  'profile-consent.granted': { consentId: string };
  /** A firm revoked a consent it had given; id only (the notifier reads the row). */
  'profile-consent.revoked': { consentId: string };
}

export interface RecommendationPushedData {
  listingId: string;
  kind: ListingEventData['kind'];
  ownerOrganizationId: string;
  /** recommendation_entries.push_batch of the pushes. */
  batch: string;
  /** How many firms were pushed. */
  firms: number;
}

export interface ChallengeTermsChangedData {
  challengeId: string;
  ownerOrganizationId: string;
  /** The listing's version after the change. */
  version: number;
  /** Only what changed: budget in 元, dates as YYYY-MM-DD (null: not set). */
  changes: {
    budget?: { from: number; to: number };
    applyBy?: { from: string; to: string };
    completionDeadline?: { from: string | null; to: string | null };
    /** The quantified indicators, one per entry (texts the owner published, no figures of the firms). */
    indicators?: { from: string[]; to: string[] };
  };
}

export interface DeadlineOverdueData {
  alertId: string;
  subjectType: 'MATCH_REQUEST' | 'CHALLENGE_APPLICATION';
  subjectId: string;
  ownerOrganizationId: string;
  /** RESPOND: the first answer is late; DECIDE: the decision or completion is late. */
  deadline: 'RESPOND' | 'DECIDE';
  step: 'REMINDER' | 'ESCALATION';
  /** ISO instant of the deadline that passed. */
  dueAt: string;
  /** Working days overdue when the step was taken (one decimal). */
  workingDaysOverdue: number;
}

export interface CaseMessageEventData {
  messageId: string;
  subjectType: 'MATCH_REQUEST' | 'CHALLENGE_APPLICATION';
  subjectId: string;
  senderOrganizationId: string;
  recipientOrganizationId: string;
}

export interface NotificationCreatedData {
  notifications: Array<{ id: string; organizationId: string }>;
}

export interface MatchRequestEventData {
  matchRequestId: string;
  listingId: string;
  listingKind: ListingEventData['kind'];
  enterpriseOrganizationId: string;
  ownerOrganizationId: string;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'COMPLETED' | 'CANCELLED';
  version: number;
  /** Set when the platform cancelled it because this organization's verification was revoked. */
  revokedOrganizationId?: string;
}

export interface ListingEventData {
  listingId: string;
  kind: 'SERVICE_OFFERING' | 'CREDIT_PRODUCT' | 'CHALLENGE' | 'PARK_VACANCY';
  ownerOrganizationId: string;
  status: 'DRAFT' | 'PUBLISHED' | 'CLOSED';
  version: number;
}

/** Ids only: an invitation's address and token never enter the outbox. */
export interface InvitationEventData {
  invitationId: string;
  organizationId: string;
  kind: 'MEMBER' | 'OWNER_ACTIVATION';
  role: 'OWNER' | 'ADMIN' | 'MEMBER';
}

export interface ChallengeApplicationEventData {
  applicationId: string;
  challengeId: string;
  applicantOrganizationId: string;
  status: 'SUBMITTED' | 'SHORTLISTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN' | 'CLOSED_BY_OWNER';
  version: number;
  /**
   * Why a withdrawal or closure happened when the applicant did not act: its verification was revoked
   * (withdrawn), its challenge was closed by the owner, or taken down by the AUTHORITY (closed).
   */
  cause?: 'ORGANIZATION_REVOKED' | 'CHALLENGE_CLOSED' | 'CHALLENGE_TAKEN_DOWN';
}
export type DomainEventType = keyof DomainEventPayloads;

/** What a job created from an outbox event carries. */
export interface EventJob<E extends DomainEventType> {
  /** The outbox row id; with the job name it makes the deterministic job id. */
  eventId: string;
  eventType: E;
  occurredAt: string;
  /** The user whose action wrote the event (null for system work); absent on jobs built before it was carried. */
  actorUserId?: string | null;
  /** 'bulk' when the event was written by a bulk operation; handlers pass it on to the events they write. Absent: interactive. */
  lane?: 'bulk';
  data: DomainEventPayloads[E];
}

export interface JobPayloads {
  'notify.organization-registered': EventJob<'organization.registered'>;
  'notify.organization-verified': EventJob<'organization.verified'>;
  /** Tell the organization about a rejection, a request for information or a revocation; tell the AUTHORITY about a resubmission. */
  'notify.organization-verification-decided': EventJob<'organization.verification-decided'>;
  /** Tell the AUTHORITY that an account is under a distributed password-guessing attack. */
  'notify.sign-in-failures-exceeded': EventJob<'account.sign-in-failures-exceeded'>;
  'notify.invitation-accepted': EventJob<'invitation.accepted'>;
  /** Tell the challenge's owner about a new 揭榜 application. */
  'notify.challenge-application-submitted': EventJob<'challenge-application.submitted'>;
  /** Tell the applicant how the challenge's owner decided (shortlisted, accepted, rejected). */
  'notify.challenge-application-decided': EventJob<'challenge-application.decided'>;
  /** Tell the challenge's owner that an application was withdrawn because the applicant's verification was revoked. */
  'notify.challenge-application-withdrawn': EventJob<'challenge-application.withdrawn'>;
  /** Tell the applicant that its open application ended with the challenge (CLOSED_BY_OWNER). */
  'notify.challenge-application-closed': EventJob<'challenge-application.closed'>;
  /** Tell the other side of a match request what changed (owner: new/cancelled/completed; enterprise: the response). */
  'notify.match-request': { [E in MatchRequestEvent]: EventJob<E> }[MatchRequestEvent];
  /** A listing was closed: tell its owner when the AUTHORITY took it down (下架), and a challenge's applicants. */
  'notify.listing-closed': EventJob<'listing.closed'>;
  /** A takedown was appealed or lifted: tell the owner and the AUTHORITY, with the reason (ADR 0031). */
  'notify.listing-takedown': EventJob<'listing.takedown-appealed'> | EventJob<'listing.reinstated'>;
  /** A published challenge's budget or deadlines changed: tell its live applicants what changed. */
  'notify.challenge-terms-changed': EventJob<'challenge.terms-changed'>;
  /** Tell each firm of a re-review decision that its title's re-review was recorded as pending, or cleared. */
  'notify.title-review-decided': EventJob<'title-review.decided'>;
  /** Tell the applicant the owner asks for information, or the owner that the applicant answered. */
  'notify.challenge-application-information': EventJob<'challenge-application.information'>;
  /** A case is overdue: remind its owner's members, or escalate to the AUTHORITY. */
  'notify.deadline-overdue': EventJob<'deadline.overdue'>;
  /** Periodic (repeatable): find overdue match requests and 揭榜 applications, record and send reminders and escalations once each. */
  'deadlines.sweep': { requestedBy?: string };
  /** Daily (repeatable): expire vouchers past their last valid day and release their reservations (issue 22). */
  'vouchers.expire': { requestedBy?: string };
  /** Nightly (repeatable): compare the voucher ledger with the running totals (issue 22). */
  'vouchers.reconcile': { requestedBy?: string };
  /** Tell the other side of a case about a new message on its conversation. */
  'notify.case-message': EventJob<'case-message.sent'>;
  /** Tell the API processes (pub/sub) about a new message, for `Subscription.caseMessageAdded`. */
  'case-message.publish': EventJob<'case-message.sent'>;
  /** Nightly (repeatable): delete attachments uploaded but never sent with a message (older than a day). */
  'conversations.purge-abandoned-uploads': { requestedBy?: string };
  /** Tell the API processes (pub/sub) about new notifications, for `Subscription.notificationAdded`. */
  'notification.publish': EventJob<'notification.created'>;
  /** Match requests changed: schedule one debounced refresh of the authority's monthly figures. */
  'insights.schedule-refresh': { [E in MatchRequestEvent]: EventJob<E> }[MatchRequestEvent];
  /** Refresh the authority's monthly figures (materialized views) from match_requests. */
  'insights.refresh-figures': { requestedBy?: string };
  /** Tell the API processes (pub/sub) that a match request changed, for `Subscription.matchRequestUpdated`. */
  'match-request.publish': { [E in MatchRequestEvent]: EventJob<E> }[MatchRequestEvent];
  /** Tell an enterprise that the AUTHORITY confirmed its title or rejected its claim (with the reason). */
  'notify.enterprise-title-decided': EventJob<'enterprise-title.decided'>;
  /** Assess one enterprise after its profile changed. */
  'tiers.assess-enterprise': EventJob<'enterprise-profile.changed'>;
  /** Nightly (repeatable): fan out a reassessment of every enterprise. */
  'tiers.reassess-all': { runId?: string };
  /** One enterprise of a nightly run: reassess and refresh its re-review risk. */
  'tiers.reassess-enterprise': { organizationId: string; runId: string };
  /** Re-evaluate one organization's policy rewards after its title, region or a 揭榜 decision changed. */
  'rewards.evaluate-organization': EventJob<'enterprise-profile.changed'> | EventJob<'challenge-application.decided'>;
  /** Nightly (repeatable): re-evaluate every enterprise's and service institution's policy rewards (dates pass, policies change). */
  'rewards.evaluate-all': { runId?: string };
  /** Tell an organization about rewards it became entitled to. */
  'notify.policy-entitlement': EventJob<'policy-entitlement.created'>;
  /** Tells the grantee's members that a firm gave or revoked a profile consent. */
  'notify.profile-consent': EventJob<'profile-consent.granted'> | EventJob<'profile-consent.revoked'>;
  /** Read an uploaded enterprise list (isolated reader) into rows, mapping and preview. */
  'imports.parse-enterprises': EventJob<'enterprise-import.queued'>;
  /** Import a confirmed list in batches of enterprises, resuming after the last finished batch. */
  'imports.run-enterprises': EventJob<'enterprise-import.confirmed'>;
  /** Nightly (repeatable): clear the stored files of imports ended longer ago than the retention. */
  'imports.purge-files': { requestedBy?: string };
  /** Nightly (repeatable): delete access-log rows older than ACCESS_LOG_RETENTION_DAYS (issue 18). */
  'consent.purge-access-log': { requestedBy?: string };
  /** Put a listing's current state into the search index (or take it out). */
  'search.sync-listing': { [E in ListingEvent]: EventJob<E> }[ListingEvent];
  /** Nightly (repeatable): compare database and index and repair differences. */
  'search.reconcile': { requestedBy?: string };
  /** Rescore one enterprise against the listings that can concern it. */
  'matching.rescore-enterprise': EventJob<'enterprise-profile.changed'> | EventJob<'enterprise-assessment.changed'>;
  /** Score one listing against the enterprises that can concern it (or drop its matches). */
  'matching.sync-listing': { [E in ListingEvent]: EventJob<E> }[ListingEvent];
  /** A provider got a new rating: rescore its published service offerings (the rating is a service factor). */
  'matching.rescore-provider': EventJob<'match-request.completed'>;
  /** Nightly (repeatable) and `npm run matches:reconcile`: repair match-set drift; `rebuild` recomputes every set. */
  /**
   * `partitions` (> 1): the rebuild's firms split into that many id ranges that worker processes
   * take as `matching.rebuild-partition` jobs (ADR 0043); default the configured MATCH_REBUILD_PARTITIONS (1 unless set).
   */
  'matching.reconcile': { requestedBy?: string; rebuild?: boolean; partitions?: number };
  /** One id range of a partitioned rebuild: take it if no process has (a no-op once the run is over). */
  'matching.rebuild-partition': { runId: string; partition: number };
  /** Deliver one queued e-mail (SMTP, or keep it in the table without SMTP_URL). */
  'mail.deliver': EventJob<'mail.queued'>;
  /** Tell each pushed firm's members about the recommended listing (in-app notice with the reasons). */
  'notify.recommendation-pushed': EventJob<'recommendation.pushed'>;
  /** Tell the API processes (pub/sub) about pushed recommendations, for `Subscription.recommendationAdded`. */
  'recommendation.publish': EventJob<'recommendation.pushed'>;
  /** Daily (repeatable, 20:00 Beijing): each firm's digest of the day's pushes, in-app and by mail to members who opted in. `day`: YYYY-MM-DD, default today. */
  'recommendations.digest': { requestedBy?: string; day?: string };
}
export type JobName = keyof JobPayloads;

export interface JobSpec {
  readonly queue: QueueName;
  /** Attempts before the job is left failed; backoff is exponential from 1 s. */
  readonly attempts: number;
}

export const JOB_CATALOG: { readonly [N in JobName]: JobSpec } = {
  'notify.organization-registered': { queue: 'notify', attempts: 5 },
  'notify.organization-verified': { queue: 'notify', attempts: 5 },
  'notify.organization-verification-decided': { queue: 'notify', attempts: 5 },
  'notify.sign-in-failures-exceeded': { queue: 'notify', attempts: 5 },
  'notify.invitation-accepted': { queue: 'notify', attempts: 5 },
  'notify.challenge-application-submitted': { queue: 'notify', attempts: 5 },
  'notify.challenge-application-decided': { queue: 'notify', attempts: 5 },
  'notify.challenge-application-withdrawn': { queue: 'notify', attempts: 5 },
  'notify.challenge-application-closed': { queue: 'notify', attempts: 5 },
  'notify.match-request': { queue: 'notify', attempts: 5 },
  'notify.listing-closed': { queue: 'notify', attempts: 5 },
  'notify.listing-takedown': { queue: 'notify', attempts: 5 },
  'notify.challenge-terms-changed': { queue: 'notify', attempts: 5 },
  'notify.enterprise-title-decided': { queue: 'notify', attempts: 5 },
  'notify.title-review-decided': { queue: 'notify', attempts: 5 },
  'notify.deadline-overdue': { queue: 'notify', attempts: 5 },
  'notify.challenge-application-information': { queue: 'notify', attempts: 5 },
  'deadlines.sweep': { queue: 'notify', attempts: 3 },
  'vouchers.expire': { queue: 'notify', attempts: 3 },
  'vouchers.reconcile': { queue: 'notify', attempts: 3 },
  'notify.case-message': { queue: 'notify', attempts: 5 },
  'case-message.publish': { queue: 'notify', attempts: 3 },
  'conversations.purge-abandoned-uploads': { queue: 'imports', attempts: 3 },
  // Like match-request.publish: a live update is worth little after a few seconds.
  'notification.publish': { queue: 'notify', attempts: 3 },
  'insights.schedule-refresh': { queue: 'notify', attempts: 5 },
  'insights.refresh-figures': { queue: 'notify', attempts: 3 },
  // A live update is worth little after a few seconds: retried briefly, then left failed.
  'match-request.publish': { queue: 'notify', attempts: 3 },
  'tiers.assess-enterprise': { queue: 'tier-scoring', attempts: 5 },
  'tiers.reassess-all': { queue: 'tier-scoring', attempts: 3 },
  'tiers.reassess-enterprise': { queue: 'tier-scoring', attempts: 5 },
  'rewards.evaluate-organization': { queue: 'tier-scoring', attempts: 5 },
  'rewards.evaluate-all': { queue: 'tier-scoring', attempts: 3 },
  'notify.policy-entitlement': { queue: 'notify', attempts: 5 },
  'notify.profile-consent': { queue: 'notify', attempts: 5 },
  'search.sync-listing': { queue: 'search-sync', attempts: 8 },
  'search.reconcile': { queue: 'search-sync', attempts: 3 },
  'matching.rescore-enterprise': { queue: 'matching', attempts: 5 },
  'matching.sync-listing': { queue: 'matching', attempts: 5 },
  'matching.rescore-provider': { queue: 'matching', attempts: 5 },
  'matching.reconcile': { queue: 'matching', attempts: 3 },
  // A failed attempt frees its range (its transaction rolls back) and the coordinator takes it meanwhile.
  'matching.rebuild-partition': { queue: 'matching', attempts: 3 },
  // A mail server may be down for minutes: 10 attempts back off over about 17 minutes in all.
  'mail.deliver': { queue: 'notify', attempts: 10 },
  'notify.recommendation-pushed': { queue: 'notify', attempts: 5 },
  // A live update is worth little after a few seconds (the notice and the digest carry it anyway).
  'recommendation.publish': { queue: 'notify', attempts: 3 },
  'recommendations.digest': { queue: 'notify', attempts: 3 },
  // A crash mid-run is retried: the run resumes after its last finished batch.
  'imports.parse-enterprises': { queue: 'imports', attempts: 3 },
  'imports.run-enterprises': { queue: 'imports', attempts: 5 },
  'imports.purge-files': { queue: 'imports', attempts: 3 },
  'consent.purge-access-log': { queue: 'imports', attempts: 3 },
};

/** Jobs that accept the job form of event `E` as their payload: the only jobs an event may route to. */
export type JobsForEvent<E extends DomainEventType> = {
  [N in JobName]: EventJob<E> extends JobPayloads[N] ? N : never;
}[JobName];

type ListingEvent = 'listing.created' | 'listing.updated' | 'listing.published' | 'listing.closed' | 'listing.deleted' | 'listing.reinstated';
type MatchRequestEvent =
  | 'match-request.created'
  | 'match-request.responded'
  | 'match-request.completed'
  | 'match-request.cancelled'
  | 'match-request.info-requested'
  | 'match-request.info-provided'
  | 'match-request.outcome-recorded';

/** The jobs each event fans out to; the relay enqueues one job per route. */
export const EVENT_ROUTES: { readonly [E in DomainEventType]: readonly JobsForEvent<E>[] } = {
  'organization.registered': ['notify.organization-registered'],
  'organization.verified': ['notify.organization-verified'],
  'organization.verification-decided': ['notify.organization-verification-decided'],
  'account.sign-in-failures-exceeded': ['notify.sign-in-failures-exceeded'],
  // Members and invitations (issue 13): kept for audit and later notices; the mails go through MailService.
  'organization.details-updated': [],
  'invitation.created': [],
  'invitation.accepted': ['notify.invitation-accepted'],
  'invitation.revoked': [],
  'member.role-changed': [],
  'member.removed': [],
  'enterprise-profile.changed': ['tiers.assess-enterprise', 'matching.rescore-enterprise', 'rewards.evaluate-organization'],
  'enterprise-assessment.changed': ['matching.rescore-enterprise'],
  'enterprise-title.decided': ['notify.enterprise-title-decided'],
  'listing.created': ['search.sync-listing'],
  'listing.updated': ['search.sync-listing', 'matching.sync-listing'],
  'listing.published': ['search.sync-listing', 'matching.sync-listing'],
  'listing.closed': ['search.sync-listing', 'matching.sync-listing', 'notify.listing-closed'],
  'listing.deleted': ['search.sync-listing'],
  'listing.takedown-appealed': ['notify.listing-takedown'],
  'listing.reinstated': ['search.sync-listing', 'matching.sync-listing', 'notify.listing-takedown'],
  'challenge-application.submitted': ['notify.challenge-application-submitted'],
  'challenge-application.decided': ['notify.challenge-application-decided', 'rewards.evaluate-organization'],
  'challenge-application.withdrawn': ['notify.challenge-application-withdrawn'],
  'challenge-application.closed': ['notify.challenge-application-closed'],
  'match-request.created': ['notify.match-request', 'insights.schedule-refresh', 'match-request.publish'],
  'match-request.responded': ['notify.match-request', 'insights.schedule-refresh', 'match-request.publish'],
  'match-request.completed': ['notify.match-request', 'matching.rescore-provider', 'insights.schedule-refresh', 'match-request.publish'],
  'match-request.cancelled': ['notify.match-request', 'insights.schedule-refresh', 'match-request.publish'],
  'match-request.info-requested': ['notify.match-request', 'match-request.publish'],
  'match-request.info-provided': ['notify.match-request', 'match-request.publish'],
  'deadline.overdue': ['notify.deadline-overdue'],
  'challenge-application.information': ['notify.challenge-application-information'],
  'match-request.outcome-recorded': ['notify.match-request', 'insights.schedule-refresh', 'match-request.publish'],
  'mail.queued': ['mail.deliver'],
  'case-message.sent': ['notify.case-message', 'case-message.publish'],
  'challenge.terms-changed': ['notify.challenge-terms-changed'],
  'notification.created': ['notification.publish'],
  'enterprise-import.queued': ['imports.parse-enterprises'],
  'enterprise-import.confirmed': ['imports.run-enterprises'],
  'title-review.decided': ['notify.title-review-decided'],
  'policy-entitlement.created': ['notify.policy-entitlement'],
  'profile-consent.granted': ['notify.profile-consent'],
  'profile-consent.revoked': ['notify.profile-consent'],
  // The live event first: enqueued (and so claimed) before the notices' bulk insert on the same queue.
  'recommendation.pushed': ['recommendation.publish', 'notify.recommendation-pushed'],
};

/**
 * Routes of events written on the 'bulk' lane (by an import): they replace {@link EVENT_ROUTES}
 * for those events, and the jobs go to the 'bulk' queue instead of their catalog queue. An event
 * type not listed here keeps its ordinary routes even on the bulk lane.
 * - A profile change only needs its tier assessment: the assessment writes
 *   `enterprise-assessment.changed` on the same lane (a new profile version always inserts new
 *   assessment rows), which rescoring follows — one assessment and one rescoring per firm, in that
 *   order, instead of an assessment and two rescorings racing each other.
 * - An imported organization is created verified: the registration notice to the AUTHORITY has
 *   nothing to say (its handler returns at once for a verified organization), so no job.
 */
export const BULK_ROUTES: { readonly [E in DomainEventType]?: readonly JobsForEvent<E>[] } = {
  // An imported title can entitle a firm to a reward: evaluated on the bulk lane too.
  'enterprise-profile.changed': ['tiers.assess-enterprise', 'rewards.evaluate-organization'],
  'enterprise-assessment.changed': ['matching.rescore-enterprise'],
  'organization.registered': [],
};

/** Every job the 'bulk' queue carries (what a process running only that queue must handle). */
export const BULK_JOB_NAMES: readonly JobName[] = [...new Set(Object.values(BULK_ROUTES).flat() as JobName[])];

/**
 * The jobs an event of `lane` fans out to, and the queue each goes to. `payload.skipJobs` (an event
 * whose writer knows some routes have nothing to do) removes those routes.
 */
export function routesFor(type: DomainEventType, lane: EventLane, payload?: unknown): Array<{ name: JobName; queue: QueueName }> {
  const skip = skippedJobs(payload);
  const bulk = lane === 'bulk' ? BULK_ROUTES[type] : undefined;
  const routes: Array<{ name: JobName; queue: QueueName }> = bulk
    ? bulk.map((name) => ({ name, queue: 'bulk' as const }))
    : EVENT_ROUTES[type].map((name) => ({ name, queue: JOB_CATALOG[name].queue }));
  return skip.length ? routes.filter((r) => !skip.includes(r.name)) : routes;
}

/** The `skipJobs` of an event payload (strings only), or none. */
function skippedJobs(payload: unknown): readonly string[] {
  const skip = payload && typeof payload === 'object' ? (payload as { skipJobs?: unknown }).skipJobs : undefined;
  return Array.isArray(skip) ? skip.filter((s): s is string => typeof s === 'string') : [];
}

export const JOB_NAMES = Object.keys(JOB_CATALOG) as JobName[];

/** Deterministic job id: replaying the same event yields the same id, so BullMQ keeps one job. */
export function eventJobId(jobName: JobName, eventId: string): string {
  return `evt-${eventId}-${jobName}`;
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CATALOG, name);
}
