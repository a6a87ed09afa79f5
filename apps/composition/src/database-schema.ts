/**
 * The composition root's schema: every TypeORM entity and migration of the product, in one list,
 * so the API, the worker, the all-in-one process, the CLIs, the tests and the benches build the
 * same DataSource. Platform receives it as an argument and imports no domain lib; a new context
 * adds its entities here.
 */
import { OutboxEventEntity } from '../../../libs/platform/src/outbox/outbox-event.entity.js';
import { OrganizationEntity } from '../../../libs/identity/src/organizations/organization.entity.js';
import { UserEntity } from '../../../libs/identity/src/users/user.entity.js';
import { NotificationEntity, NotificationReadEntity } from '../../../libs/notifications/src/notification.entity.js';
import { EnterpriseProfileEntity } from '../../../libs/enterprises/src/enterprise-profile.entity.js';
import { EnterpriseFinancialsEntity } from '../../../libs/enterprises/src/enterprise-financials.entity.js';
import { EnterpriseImportEntity, EnterpriseImportRowEntity } from '../../../libs/enterprises/src/import/enterprise-import.entity.js';
import { TierAssessmentEntity } from '../../../libs/tier-assessments/src/tier-assessment.entity.js';
import { ListingEntity } from '../../../libs/listings/src/entities/listing.entity.js';
import { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from '../../../libs/listings/src/entities/listing-details.entity.js';
import { ParkEntity } from '../../../libs/listings/src/entities/park.entity.js';
import { ChallengeApplicationEntity } from '../../../libs/listings/src/challenges/challenge-application.entity.js';
import { MatchEntity } from '../../../libs/matching/src/sets/match.entity.js';
import { MatchRequestEntity } from '../../../libs/matching/src/requests/match-request.entity.js';
import { AuditLogEntity } from '../../../libs/insights/src/audit-log.entity.js';
import { LoginThrottleEntity } from '../../../libs/identity/src/auth/login-throttle.entity.js';
import { MailMessageEntity } from '../../../libs/mail/src/mail-message.entity.js';
import { VerificationDecisionEntity } from '../../../libs/identity/src/verification/verification-decision.entity.js';
import { UsccClaimConflictEntity } from '../../../libs/identity/src/verification/uscc-claim-conflict.entity.js';
import { UserSessionEntity } from '../../../libs/identity/src/auth/user-session.entity.js';
import { PasswordResetTokenEntity } from '../../../libs/identity/src/auth/password-reset-token.entity.js';
import { RateLimitEntity } from '../../../libs/identity/src/auth/rate-limit.entity.js';
import { InvitationEntity } from '../../../libs/identity/src/members/invitation.entity.js';
import { TitleDecisionEntity } from '../../../libs/enterprises/src/title-decision.entity.js';
import { TitleReviewMarkEntity } from '../../../libs/enterprises/src/title-review/title-review-mark.entity.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import type { DatabaseSchema } from '../../../libs/platform/src/database/data-source.js';

const ENTITIES = [
  OutboxEventEntity,
  OrganizationEntity,
  UserEntity,
  NotificationEntity,
  NotificationReadEntity,
  EnterpriseProfileEntity,
  EnterpriseFinancialsEntity,
  EnterpriseImportEntity,
  EnterpriseImportRowEntity,
  TierAssessmentEntity,
  ListingEntity,
  ServiceOfferingEntity,
  CreditProductEntity,
  ChallengeEntity,
  ParkEntity,
  ParkVacancyEntity,
  ChallengeApplicationEntity,
  MatchEntity,
  MatchRequestEntity,
  AuditLogEntity,
  LoginThrottleEntity,
  MailMessageEntity,
  VerificationDecisionEntity,
  UsccClaimConflictEntity,
  UserSessionEntity,
  PasswordResetTokenEntity,
  RateLimitEntity,
  InvitationEntity,
  TitleDecisionEntity,
  TitleReviewMarkEntity,
];

export const DATABASE_SCHEMA: DatabaseSchema = { entities: ENTITIES, migrations: MIGRATIONS };
