import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity, UserEntity } from '../../identity/src/index.js';
import { ListingEntity, ChallengeApplicationEntity, TakedownAppealEntity } from '../../listings/src/index.js';
import { NotificationService, type NewNotification } from './notification.service.js';
import { challengeClosedNotice, challengeTermsChangedNotice, reinstatedNotices, takedownAppealNotices, takedownNotice, takedownRecordNotice } from './notification-texts.js';

/** Applicants still waiting on, or holding, the challenge: they relied on its terms. */
const LIVE_APPLICATION_STATUSES = ['SUBMITTED', 'SHORTLISTED', 'ACCEPTED'] as const;

async function liveApplicants(dataSource: DataSource, challengeId: string): Promise<string[]> {
  const rows = await dataSource.getRepository(ChallengeApplicationEntity).find({
    select: { applicantOrganizationId: true },
    where: { challengeId, status: In([...LIVE_APPLICATION_STATUSES]) },
  });
  return [...new Set(rows.map((r) => r.applicantOrganizationId))];
}

/**
 * A listing was closed. When the AUTHORITY took another organization's listing down (下架), its
 * owner is told, with the reason; when the listing is a challenge, its live applicants are told it
 * closed. Who closed comes from the event's actor, so a late job never credits a later close.
 */
@Injectable()
@HandlesJob('notify.listing-closed')
export class ListingClosedNotifier implements JobHandler<'notify.listing-closed'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.listing-closed']): Promise<void> {
    const { listingId, kind, ownerOrganizationId } = job.data;
    const [listing, closer, owner] = await Promise.all([
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: listingId }),
      job.actorUserId ? this.dataSource.getRepository(UserEntity).findOne({ where: { id: job.actorUserId }, relations: { organization: true } }) : null,
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: ownerOrganizationId }),
    ]);
    if (!listing) return;
    const takenDown = closer?.organization?.kind === 'AUTHORITY' && closer.organizationId !== ownerOrganizationId;
    // A revocation closes every listing of the organization and says so in one notice of its own.
    const ownerRevoked = owner?.verificationState === 'REVOKED';
    // The reason belongs to this close while the listing is still closed by the same user (edits since keep it).
    const reason = listing.status === 'CLOSED' && listing.closedByUserId === job.actorUserId ? listing.closedReason : null;
    const items: NewNotification[] = [];
    const target = { targetType: 'LISTING' as const, targetId: listingId, sourceEventId: job.eventId };
    if (takenDown && !ownerRevoked) {
      items.push({ organizationId: ownerOrganizationId, kind: 'listing.taken-down', ...takedownNotice({ kind, title: listing.title }, reason), ...target });
      // The AUTHORITY's side of the same step (ADR 0031): its record of the takedown and the reason.
      items.push(...(await this.notifications.forAuthorities({ kind: 'listing.taken-down', ...takedownRecordNotice({ kind, title: listing.title }, owner?.name ?? '发布方', reason), ...target })));
    }
    // A closed challenge takes no applications and chooses no more solvers: its live applicants are told.
    // Open applications were closed with it (CLOSED_BY_OWNER, their own notice, ADR 0028): this reaches the ACCEPTED ones.
    if (kind === 'CHALLENGE') {
      const text = challengeClosedNotice(listing.title, takenDown);
      for (const applicant of await liveApplicants(this.dataSource, listingId)) {
        items.push({ organizationId: applicant, kind: 'challenge.closed', ...text, ...target });
      }
    }
    await this.notifications.createMany(items);
  }
}

/** A published challenge's budget or deadlines changed: its live applicants learn what, old → new. */
@Injectable()
@HandlesJob('notify.challenge-terms-changed')
export class ChallengeTermsChangedNotifier implements JobHandler<'notify.challenge-terms-changed'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.challenge-terms-changed']): Promise<void> {
    const { challengeId, changes } = job.data;
    const listing = await this.dataSource.getRepository(ListingEntity).findOneBy({ id: challengeId });
    if (!listing) return;
    const text = challengeTermsChangedNotice(listing.title, changes);
    if (!text) return;
    const applicants = await liveApplicants(this.dataSource, challengeId);
    await this.notifications.createMany(
      applicants.map((organizationId) => ({
        organizationId,
        kind: 'challenge.terms-changed',
        ...text,
        targetType: 'LISTING' as const,
        targetId: challengeId,
        sourceEventId: job.eventId,
      })),
    );
  }
}

/**
 * A takedown was appealed (申诉) or lifted (恢复): both sides are told, with the takedown's reason and
 * the owner's message or the AUTHORITY's note (ADR 0031). Texts come from the rows the event names.
 */
@Injectable()
@HandlesJob('notify.listing-takedown')
export class ListingTakedownNotifier implements JobHandler<'notify.listing-takedown'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.listing-takedown']): Promise<void> {
    const { listingId, kind, ownerOrganizationId } = job.data;
    const [listing, owner, appeal] = await Promise.all([
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: listingId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: ownerOrganizationId }),
      job.data.appealId ? this.dataSource.getRepository(TakedownAppealEntity).findOneBy({ id: job.data.appealId }) : null,
    ]);
    if (!listing || !owner) return;
    const target = { targetType: 'LISTING' as const, targetId: listingId, sourceEventId: job.eventId };
    const subject = { kind, title: listing.title };
    let texts: { authority: { title: string; body: string }; owner: { title: string; body: string } };
    if (job.eventType === 'listing.takedown-appealed') {
      if (!appeal) return;
      texts = takedownAppealNotices(subject, owner.name, appeal.takedownReason, appeal.message);
    } else {
      const note = job.eventType === 'listing.reinstated' ? job.data.note : '';
      texts = reinstatedNotices(subject, owner.name, job.eventType === 'listing.reinstated' ? job.data.takedownReason : null, note, job.data.status === 'PUBLISHED');
    }
    const noticeKind = job.eventType === 'listing.takedown-appealed' ? 'listing.takedown-appealed' : 'listing.reinstated';
    await this.notifications.createMany([
      { organizationId: ownerOrganizationId, kind: noticeKind, ...texts.owner, ...target },
      ...(await this.notifications.forAuthorities({ kind: noticeKind, ...texts.authority, ...target })),
    ]);
  }

}
