import { In, type EntityManager } from 'typeorm';
import { recordEvents } from '../../../platform/src/index.js';
import { recordTimeline, type TimelineStep } from '../../../timeline/src/index.js';
import type { ListingEntity } from '../entities/listing.entity.js';
import { OPEN_APPLICATION_STATUSES } from '../listing-enums.js';
import { ChallengeApplicationEntity } from './challenge-application.entity.js';

/** The changed terms of a challenge, by field name, as recorded on its history (names only, no values). */
export type ChallengeTermField = 'budget' | 'applyBy' | 'completionDeadline' | 'indicators';

/**
 * A challenge was closed (by its owner, or taken down by the AUTHORITY, also on the owner's
 * revocation), in the caller's transaction: its open applications (SUBMITTED, SHORTLISTED) end as
 * CLOSED_BY_OWNER, each with a CLOSED step on its timeline and a `challenge-application.closed` event
 * (the applicant's notice); the challenge's history gets one CLOSED step. ACCEPTED applications stay:
 * a contract exists between the two firms. Returns the applications closed.
 */
export async function closeOpenApplications(
  manager: EntityManager,
  challenge: Pick<ListingEntity, 'id' | 'status' | 'ownerOrganizationId'>,
  actor: { userId: string; organizationId: string | null },
  takenDown: boolean,
): Promise<ChallengeApplicationEntity[]> {
  const open = await manager.find(ChallengeApplicationEntity, {
    where: { challengeId: challenge.id, status: In([...OPEN_APPLICATION_STATUSES]) },
    order: { id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  const cause = takenDown ? ('CHALLENGE_TAKEN_DOWN' as const) : ('CHALLENGE_CLOSED' as const);
  for (const application of open) {
    application.status = 'CLOSED_BY_OWNER';
    application.version += 1;
  }
  if (open.length > 0) await manager.save(open);
  const step = (subject: Pick<TimelineStep, 'subjectType' | 'subjectId' | 'status'>, data: Record<string, unknown>): TimelineStep => ({
    ...subject,
    kind: 'CLOSED',
    actorOrganizationId: actor.organizationId,
    actorUserId: actor.userId,
    data,
  });
  await recordTimeline(
    manager,
    step({ subjectType: 'CHALLENGE', subjectId: challenge.id, status: challenge.status }, { cause, closedApplicationIds: open.map((a) => a.id) }),
    ...open.map((a) => step({ subjectType: 'CHALLENGE_APPLICATION', subjectId: a.id, status: a.status }, { cause, challengeId: challenge.id })),
  );
  await recordEvents(
    manager,
    open.map((a) => ({
      type: 'challenge-application.closed' as const,
      aggregateType: 'challenge-application',
      aggregateId: a.id,
      data: {
        applicationId: a.id,
        challengeId: a.challengeId,
        applicantOrganizationId: a.applicantOrganizationId,
        status: a.status,
        version: a.version,
        cause,
      },
      actorUserId: actor.userId,
    })),
  );
  return open;
}

/** A published challenge's terms changed: one EDITED step on its history naming the fields (values stay in the notices). */
export async function recordChallengeEdited(
  manager: EntityManager,
  challenge: Pick<ListingEntity, 'id' | 'status' | 'version'>,
  actor: { userId: string; organizationId: string | null },
  fields: readonly ChallengeTermField[],
): Promise<void> {
  if (fields.length === 0) return;
  await recordTimeline(manager, {
    subjectType: 'CHALLENGE',
    subjectId: challenge.id,
    kind: 'EDITED',
    status: challenge.status,
    actorOrganizationId: actor.organizationId,
    actorUserId: actor.userId,
    data: { fields: [...fields], version: challenge.version },
  });
}
