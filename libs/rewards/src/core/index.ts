/**
 * libs/rewards/src/core: policy rewards as data and one pure evaluator (惠企政策, 免申即享) — the
 * policy model, the shipped policies with their sources, the checks of a policy set, whole-元
 * arithmetic and the coded withhold reasons. Pure: no Nest, no TypeORM, no I/O; imports only the
 * front doors of libs/codes and libs/tiers.
 *
 *   const result = evaluateRewards(SHIPPED_POLICY_SET, facts, '2026-12-05');
 */
export type * from './policy-types.js';
export { BASE_IDS } from './policy-types.js';
export { SHIPPED_POLICIES, SHIPPED_POLICY_SET } from './shipped-policies.js';
export {
  REWARDS_EVALUATOR_VERSION,
  TITLE_NAMES,
  amountDue,
  evaluateRewards,
  inScope,
  matchSources,
  policyRegionText,
  tiersText,
  withinValidity,
} from './evaluator.js';
export { policyProblems, policySetProblems, type PolicyProblem } from './validate-policies.js';
export { MAX_AMOUNT, formatShare, formatYuan, ratioOf, shareOf } from './money.js';
export { WITHHOLD_REASONS, describeWithholdReasonProblem, withholdReasonLabel, type WithholdReason } from './withhold-reasons.js';
