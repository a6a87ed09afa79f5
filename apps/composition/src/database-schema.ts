/**
 * The composition root's schema: every TypeORM entity and migration of the product, in one list,
 * so the API, the worker, the all-in-one process, the CLIs, the tests and the benches build the
 * same DataSource. Platform receives it as an argument and imports no domain lib; a new context
 * adds its entities here.
 */
import { OutboxEventEntity } from '../../../libs/platform/src/index.js';
import {
  OrganizationEntity,
  UserEntity,
  LoginThrottleEntity,
  VerificationDecisionEntity,
  UsccClaimConflictEntity,
  UserSessionEntity,
  PasswordResetTokenEntity,
  RateLimitEntity,
  InvitationEntity,
} from '../../../libs/identity/src/index.js';
import { NotificationEntity, NotificationReadEntity } from '../../../libs/notifications/src/index.js';
import {
  EnterpriseProfileEntity,
  EnterpriseFinancialsEntity,
  EnterpriseImportEntity,
  EnterpriseImportRowEntity,
  TitleDecisionEntity,
  TitleReviewMarkEntity,
  ProfileConsentEntity,
  ProfileAccessEntity,
} from '../../../libs/enterprises/src/index.js';
import { TierAssessmentEntity } from '../../../libs/tier-assessments/src/index.js';
import {
  ListingEntity,
  ChallengeEntity,
  CreditProductEntity,
  ParkVacancyEntity,
  ServiceOfferingEntity,
  ParkEntity,
  ChallengeApplicationEntity,
  TakedownAppealEntity,
} from '../../../libs/listings/src/index.js';
import {
  DeadlineAlertEntity,
  MatchEntity,
  MatchRequestEntity,
  RecommendationDigestEntity,
  RecommendationEntryEntity,
  RecommendationPreferenceEntity,
  RecommendationViewEntity,
} from '../../../libs/matching/src/index.js';
import { AuditLogEntity } from '../../../libs/insights/src/index.js';
import { ChallengeProjectRecordEntity, PolicyEntitlementEntity, PolicyPayoutEntity, ServiceProviderSelectionEntity } from '../../../libs/rewards/src/index.js';
import { MailMessageEntity } from '../../../libs/mail/src/index.js';
import { TimelineEntryEntity } from '../../../libs/timeline/src/index.js';
import { CaseAttachmentEntity, CaseMessageEntity } from '../../../libs/conversations/src/index.js';
import {
  ContractedInstitutionEntity,
  SettlementBatchEntity,
  VoucherClaimEntity,
  VoucherEntity,
  VoucherLedgerEntity,
  VoucherProgrammeEntity,
} from '../../../libs/vouchers/src/index.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import type { DatabaseSchema } from '../../../libs/platform/src/index.js';

const ENTITIES = [
  RecommendationEntryEntity,
  RecommendationViewEntity,
  RecommendationPreferenceEntity,
  RecommendationDigestEntity,
  OutboxEventEntity,
  TimelineEntryEntity,
  CaseMessageEntity,
  CaseAttachmentEntity,
  OrganizationEntity,
  UserEntity,
  NotificationEntity,
  NotificationReadEntity,
  EnterpriseProfileEntity,
  EnterpriseFinancialsEntity,
  EnterpriseImportEntity,
  EnterpriseImportRowEntity,
  ProfileConsentEntity,
  ProfileAccessEntity,
  TierAssessmentEntity,
  PolicyEntitlementEntity,
  PolicyPayoutEntity,
  ChallengeProjectRecordEntity,
  ServiceProviderSelectionEntity,
  ListingEntity,
  ServiceOfferingEntity,
  CreditProductEntity,
  ChallengeEntity,
  ParkEntity,
  ParkVacancyEntity,
  ChallengeApplicationEntity,
  TakedownAppealEntity,
  MatchEntity,
  MatchRequestEntity,
  DeadlineAlertEntity,
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
  VoucherProgrammeEntity,
  ContractedInstitutionEntity,
  VoucherEntity,
  VoucherClaimEntity,
  VoucherLedgerEntity,
  SettlementBatchEntity,
];

export const DATABASE_SCHEMA: DatabaseSchema = { entities: ENTITIES, migrations: MIGRATIONS };
