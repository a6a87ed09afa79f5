/**
 * libs/identity: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { MUTATION_RULES } from './access/access-policy.js';
export type { Actor, MutationName } from './access/access-policy.js';
export { authorizeKind, authorizeQuery, authorizeRow } from './access/authorize.js';
export { type QueryName, seesRow } from './access/query-policy.js';
export { CredentialsService } from './auth/credentials.service.js';
export { LoginThrottleEntity } from './auth/login-throttle.entity.js';
export { hashPassword } from './auth/password-hasher.js';
export { PasswordResetTokenEntity } from './auth/password-reset-token.entity.js';
export { RateLimitEntity } from './auth/rate-limit.entity.js';
export { RateLimiter } from './auth/rate-limiter.js';
export { startSession } from './auth/session.store.js';
export { TokenService } from './auth/token.service.js';
export { UserSessionEntity } from './auth/user-session.entity.js';
export { IdentityModule } from './identity.module.js';
export { IdentityService, validateRegistration } from './identity.service.js';
export { INVITATION_KINDS, InvitationEntity, type InvitationKind } from './members/invitation.entity.js';
export { MembersService, parseEmail } from './members/members.service.js';
export { type ActivationSkipReason, OwnerActivationService } from './members/owner-activation.service.js';
export { checkDetail, OrganizationDetailsService } from './organizations/organization-details.service.js';
export { ORGANIZATION_KIND_LABELS, ORGANIZATION_KINDS, type OrganizationKind } from './organizations/organization-kind.js';
export { OrganizationEntity } from './organizations/organization.entity.js';
export { describeRegionCodeProblem, regionName, regionStem, RETIRED_REGION_CODES } from '../../codes/src/index.js';
export { regionNestsSql } from './regions/region-nesting.sql.js';
export { makeUscc, normalizeUscc, validateUscc } from './uscc/uscc.js';
export { MEMBER_ROLE_LABELS, MEMBER_ROLES, type MemberRole } from './users/member-role.js';
export { UserEntity } from './users/user.entity.js';
export { assertNotRevoked, lockStanding } from './verification/organization-standing.js';
export { UsccClaimConflictEntity } from './verification/uscc-claim-conflict.entity.js';
export { VerificationDecisionEntity } from './verification/verification-decision.entity.js';
export {
  USCC_CLAIM_OUTCOMES,
  type UsccClaimOutcome,
  VERIFICATION_REASON_MAX_CHARS,
  VERIFICATION_STATE_LABELS,
  VERIFICATION_STATES,
  type VerificationState,
} from './verification/verification-state.js';
export { type DecisionOutcome, validateReason, VerificationService } from './verification/verification.service.js';
