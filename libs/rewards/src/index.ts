/**
 * libs/rewards: policy rewards without applying (惠企政策, 免申即享). The pure core (src/core: the
 * policy model as data, the shipped policies, one evaluator) and, beside it, the stored side:
 * entitlements per organization with the policy set's version, payout lines (paid / withheld),
 * the evaluation jobs and their Nest module. Other libs and the apps import it through this file.
 */
export * from './core/index.js';
export { PolicyEntitlementEntity } from './policy-entitlement.entity.js';
export { ChallengeProjectRecordEntity } from './challenge-project-record.entity.js';
export { ServiceProviderSelectionEntity } from './service-provider-selection.entity.js';
export { PAYOUT_DECISIONS, PolicyPayoutEntity, type PayoutDecision } from './policy-payout.entity.js';
export { ACTIVE_POLICY_SET, RewardsService, policySetFrom, loadRewardFacts, type MyRewards, type PayoutLine, type PayoutPage, type PayoutTotals, type WhatIfResult } from './rewards.service.js';
export { EvaluateAllRewardsHandler, EvaluateOrganizationRewardsHandler, NIGHTLY_REWARDS_PATTERN, NightlyRewardsScheduler } from './rewards.handlers.js';
export { RewardsModule } from './rewards.module.js';
