/**
 * Every TypeORM entity and migration of the product, in one list, so the API, the worker, the
 * migration CLI and the tests build the same DataSource. Later contexts add theirs here.
 */
import { OutboxEventEntity } from './platform/src/outbox/outbox-event.entity.js';
import { OrganizationEntity } from './identity/src/organizations/organization.entity.js';
import { UserEntity } from './identity/src/users/user.entity.js';
import { NotificationEntity, NotificationReadEntity } from './notifications/src/notification.entity.js';
import { EnterpriseProfileEntity } from './enterprises/src/enterprise-profile.entity.js';
import { EnterpriseFinancialsEntity } from './enterprises/src/enterprise-financials.entity.js';
import { EnterpriseImportEntity, EnterpriseImportRowEntity } from './enterprises/src/import/enterprise-import.entity.js';
import { TierAssessmentEntity } from './tier-assessments/src/tier-assessment.entity.js';
import { ListingEntity } from './listings/src/entities/listing.entity.js';
import { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from './listings/src/entities/listing-details.entity.js';
import { ParkEntity } from './listings/src/entities/park.entity.js';
import { ChallengeApplicationEntity } from './listings/src/challenges/challenge-application.entity.js';
import { MatchEntity } from './matching/src/sets/match.entity.js';
import { MatchRequestEntity } from './matching/src/requests/match-request.entity.js';
import { AuditLogEntity } from './insights/src/audit-log.entity.js';
import { LoginThrottleEntity } from './identity/src/auth/login-throttle.entity.js';
import { MailMessageEntity } from './mail/src/mail-message.entity.js';
import { VerificationDecisionEntity } from './identity/src/verification/verification-decision.entity.js';
import { UsccClaimConflictEntity } from './identity/src/verification/uscc-claim-conflict.entity.js';
import { UserSessionEntity } from './identity/src/auth/user-session.entity.js';
import { PasswordResetTokenEntity } from './identity/src/auth/password-reset-token.entity.js';
import { RateLimitEntity } from './identity/src/auth/rate-limit.entity.js';
import { InvitationEntity } from './identity/src/members/invitation.entity.js';
import { TitleDecisionEntity } from './enterprises/src/title-decision.entity.js';
import { TitleReviewMarkEntity } from './enterprises/src/title-review/title-review-mark.entity.js';
import { MIGRATIONS } from '../migrations/index.js';

export const ENTITIES = [
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

export { MIGRATIONS };
