export * from './core/match-types.js';
export { SCORER_VERSION, WEIGHTS, PARAMS, GAP_CATEGORY_RULES } from './core/weights.js';
export {
  scoreMatch,
  scoreValue,
  finalize,
} from './core/scorer.js';
export { gapCategory } from './core/factors/service-offering.js';
export { diceOverlap, plainText } from './core/text-similarity.js';
export { figureFreeLabel, REASON_SECTIONS, reasonsWithin, reasonsWithoutProfile } from './lead-privacy.js';
export {
  MATCH_OUTCOMES,
  MATCH_REQUEST_ROLES,
  MATCH_REQUEST_STATUSES,
  OPEN_MATCH_REQUEST_STATUSES,
  type MatchOutcome,
  type MatchRequestRole,
  type MatchRequestStatus,
} from './requests/match-request-enums.js';
export { MatchRequestEntity } from './requests/match-request.entity.js';
export type { MatchRequestPageRow, MatchRequestReadPage, MatchRequestReadShape } from './requests/match-request-page.read-model.js';
export { deadlineStatsSql, MatchRequestService, type ProviderMatchStats, workingHours } from './requests/match-request.service.js';
export { MatchOutcomeService, type CreditDecisionCommand, type ServiceDeliveryCommand } from './requests/match-outcome.service.js';
export {
  ANNUAL_RATE_MAX_PERCENT,
  ANNUAL_RATE_MIN_PERCENT,
  CASE_AMOUNT_CEILING_YUAN,
  DECISION_NOTE_MAX_CHARS,
  caseAmountProblem,
} from './core/outcome-bounds.js';
export { MatchMaintenanceService, type MatchReconcileReport, type RebuildReport } from './sets/match-maintenance.service.js';
export { MatchSetService } from './sets/match-set.service.js';
export type { LeadPage, LeadRow, RecommendationPage, RecommendationRow } from './sets/match-pages.read-model.js';
export { MatchEntity } from './sets/match.entity.js';
export { NightlyMatchReconcileScheduler } from './sets/matching.handlers.js';
export { MatchingModule } from './sets/matching.module.js';
export { DeadlineAlertEntity } from './deadlines/deadline-alert.entity.js';
export { DeadlineDeskService, overdueCursor, type OverdueFilter, type OverdueItem, type OverduePage, type SweepReport } from './deadlines/deadline-desk.service.js';
export { DEADLINE_SWEEP_PATTERN, DeadlineSweepScheduler } from './deadlines/deadline.handlers.js';
export { matchDeadlineStage } from './requests/match-request-checks.js';
export { categoryName, tierName } from './core/reason-text.js';
export {
  DEFAULT_PUSH_RULES,
  pushRulesFrom,
  PUSH_KIND_LABELS,
  PUSH_KINDS,
  beijingMinute,
  formatClock,
  inQuietHours,
  wants,
  type PreferencesInput,
  type PushPreferences,
  type PushRules,
} from './pushes/push-rules.js';
export { RecommendationPushService, type ListingReach, type PushedRecommendation } from './pushes/recommendation-push.service.js';
export { RecommendationDigestEntity, RecommendationEntryEntity, RecommendationPreferenceEntity, RecommendationViewEntity } from './pushes/recommendation.entity.js';
export { MATCH_SET_BOUNDS } from './core/match-engine.js';
export { MATCH_KINDS } from './sets/match-side-loader.js';
