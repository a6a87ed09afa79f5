/**
 * Every TypeORM entity and migration of the product, in one list, so the API, the worker, the
 * migration CLI and the tests build the same DataSource. Later contexts add theirs here.
 */
import { OutboxEventEntity } from './platform/src/outbox/outbox-event.entity.js';
import { OrganizationEntity } from './identity/src/organizations/organization.entity.js';
import { UserEntity } from './identity/src/users/user.entity.js';
import { NotificationEntity } from './notifications/src/notification.entity.js';
import { EnterpriseProfileEntity } from './enterprises/src/enterprise-profile.entity.js';
import { EnterpriseFinancialsEntity } from './enterprises/src/enterprise-financials.entity.js';
import { TierAssessmentEntity } from './tiers/src/assessments/tier-assessment.entity.js';
import { MIGRATIONS } from '../migrations/index.js';

export const ENTITIES = [
  OutboxEventEntity,
  OrganizationEntity,
  UserEntity,
  NotificationEntity,
  EnterpriseProfileEntity,
  EnterpriseFinancialsEntity,
  TierAssessmentEntity,
];

export { MIGRATIONS };
