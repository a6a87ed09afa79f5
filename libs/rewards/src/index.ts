/**
 * libs/rewards: policy rewards without applying (惠企政策, 免申即享). The pure core (src/core: the
 * policy model as data, the shipped policies, one evaluator) and, beside it, the stored side:
 * entitlements per organization with the policy set's version, payout lines (paid / withheld),
 * the evaluation jobs and their Nest module. Other libs and the apps import it through this file.
 */
export * from './core/index.js';
