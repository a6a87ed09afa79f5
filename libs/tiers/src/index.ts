/**
 * libs/tiers: MIIT tier standards as data and one pure evaluator — rule sets, the evaluator, SME
 * size, title validity, re-review rules and which rule set is in force on a date. Pure: no Nest,
 * no TypeORM, no I/O, and no import from outside libs/tiers. Stored assessments, the service that
 * runs this evaluator on enterprise profiles, and the scoring jobs are in libs/tier-assessments.
 *
 *   const outcomes = evaluateTiers(RULE_SETS[DEFAULT_RULE_SET_ID], facts, { mode: 'NEW' });
 */
import type { RuleSet } from './rule-types.js';
import { MIIT_2022 } from './rule-sets/miit-2022.js';
import { MIIT_2026 } from './rule-sets/miit-2026.js';

export type * from './tier-types.js';
export type * from './rule-types.js';
export { DEFAULT_LOCAL_INDICATOR_NOTE, EVALUATOR_VERSION, evaluate, evaluateTier, evaluateTiers } from './evaluator.js';
export { PROVINCIAL_INDICATOR_SETS, UNKNOWN_LOCAL_INDICATOR_NOTE, type ProvincialIndicatorSet } from './provincial-indicators.js';
export { describeMissingFact, hasMissingFactLabel, type MissingFact } from './missing-facts.js';
export { CLAIMED_TITLE_NOTE, METRICS, metricValue, type MetricDef, type MetricId, type Reading } from './metrics.js';
export { EVENT_WINDOW_MONTHS, eventInWindow, type EventFit } from './metric-helpers.js';
export { bandPoints, compare } from './comparison.js';
export {
  SME_SIZE_CLASSES,
  SME_SIZE_INDUSTRY_KEYS,
  describeSmeCeilings,
  judgeSmeSize,
  smeSizeClassOf,
  type SmeSizeClass,
  type SmeSizeClassId,
  type SmeSizeField,
} from './sme-size.js';
export {
  REVIEW_RISK_MONTHS,
  TITLE_VALIDITY_YEARS,
  addMonthsClamped,
  effectiveTier,
  inReviewRiskWindow,
  tierExpiresOn,
  titleStanding,
  titleStatusText,
  titleValidOn,
  type TitleRecord,
  type TitleStanding,
  type TitleStatus,
} from './validity.js';
export {
  MIIT_2026_EFFECTIVE,
  REVIEW_CAMPAIGNS,
  reviewRuleSetFor,
  reviewedTier,
  ruleSetInForce,
  type ReviewCampaign,
  type ReviewRuleChoice,
} from './review-rules.js';
export { MIIT_2022, MIIT_2026 };
export {
  SAMPLE_FACTS,
  SAMPLE_FAILING,
  SAMPLE_INNOVATIVE_ONLY,
  SAMPLE_LITTLE_GIANT,
  SAMPLE_SPECIALIZED,
} from './samples.js';

/** Ids of the shipped rule sets. */
export type RuleSetId = 'MIIT-2022' | 'MIIT-2026';

/** Every shipped rule set by id (string-indexed so stored ids can look one up). */
export const RULE_SETS: Readonly<Record<string, RuleSet>> = {
  'MIIT-2022': MIIT_2022,
  'MIIT-2026': MIIT_2026,
} satisfies Record<RuleSetId, RuleSet>;

/** Rule set used when none is asked for. */
export const DEFAULT_RULE_SET_ID: RuleSetId = 'MIIT-2022';
