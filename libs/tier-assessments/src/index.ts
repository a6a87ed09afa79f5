/**
 * libs/tier-assessments: the stored side of tier scoring — the `tier_assessments` history, the
 * service that runs the pure evaluator of libs/tiers on an enterprise profile and stores its
 * outcomes (with the profile's re-review risk and eligible tier), the scoring job handlers, and
 * their Nest module. It may import libs/enterprises and libs/tiers; neither imports it.
 * Other libs and the apps import it through this front door only (the entity list included).
 */
export { TierAssessmentEntity } from './tier-assessment.entity.js';
export { TierAssessmentService, latestAssessmentsInForce, type AssessResult } from './tier-assessment.service.js';
export { highestEligible, reviewRisk } from './assessment-verdicts.js';
export { AssessEnterpriseHandler, NIGHTLY_REASSESS_PATTERN, NightlyReassessScheduler, ReassessAllHandler, ReassessEnterpriseHandler } from './tier-scoring.handlers.js';
export { TierAssessmentsModule } from './tier-assessments.module.js';
