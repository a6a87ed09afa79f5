import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity, UserEntity } from '../../identity/src/index.js';
import { ListingEntity, ChallengeApplicationEntity } from '../../listings/src/index.js';
import { NotificationService, type NewNotification } from './notification.service.js';
import { challengeClosedNotice, challengeTermsChangedNotice, takedownNotice } from './notification-texts.js';

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
