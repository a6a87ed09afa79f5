/**
 * Verdicts drawn from tier outcomes for one enterprise (pure: no Nest, no TypeORM, no I/O): its
 * re-review risk and the highest tier it is eligible for. The service (tier-assessment.service.ts) stores them.
 */
import { inReviewRiskWindow, reviewedTier, ruleSetInForce, tierExpiresOn, type AssessedTier, type ReviewRuleChoice, type TierOutcome } from '../../tiers/src/index.js';
import type { EnterpriseProfileEntity, ReviewRiskValue } from '../../enterprises/src/index.js';
import { ENTERPRISE_TIERS, type EnterpriseTier, titleCounts } from '../../enterprises/src/index.js';
import type { TierAssessmentEntity } from './tier-assessment.entity.js';

/**
 * Re-review risk (DOMAIN.md §8.2): the certified title expires within the next 12 months
 * (expiresOn − 12 months ≤ asOf < expiresOn; months clamp) and the firm is not currently eligible
 * for its own tier under the rules it will be re-reviewed by. An expired title is not at risk: it
 * has lapsed (or its re-review is already pending). Only a confirmed or imported title can be at
 * risk (§8.10): a claim is no title the AUTHORITY re-reviews.
 */
export function reviewRisk(
  profile: Pick<EnterpriseProfileEntity, 'tier' | 'tierCertifiedOn' | 'tierProvenance'>,
  review: TierOutcome | undefined,
  asOf: string,
  choice?: ReviewRuleChoice,
): ReviewRiskValue | null {
  const tier = reviewedTier(profile.tier);
  if (!tier || !titleCounts(profile.tierProvenance) || !profile.tierCertifiedOn || !review || review.eligible) return null;
  const expiresOn = tierExpiresOn(profile.tierCertifiedOn);
  if (!inReviewRiskWindow(expiresOn, asOf)) return null;
  return {
    tier: profile.tier,
    expiresOn,
    ruleSet: review.ruleSet,
    ...(choice ? { basis: choice.basis } : {}),
    verdict: review.verdict === 'UNDETERMINED' ? 'UNDETERMINED' : 'NOT_ELIGIBLE',
    // Point-table rows are not conditions on their own; the score criterion carries their verdict.
    failing: review.criteria
      .filter((c) => c.status !== 'MET' && c.maxPoints === undefined)
      .map((c) => ({ code: c.code, label: c.label, status: c.status, actual: c.actual, required: c.required })),
    assessedAt: asOf,
  };
}

/** The highest tier an application-mode outcome under the rule set in force for that tier finds eligible, else NONE. */
export function highestEligible(rows: ReadonlyArray<Partial<TierAssessmentEntity>>, asOf: string): EnterpriseTier {
  let best: EnterpriseTier = 'NONE';
  for (const r of rows) {
    if (r.mode !== 'NEW' || !r.eligible || r.ruleSet !== ruleSetInForce(r.tier as AssessedTier, asOf)) continue;
    const tier = r.tier as EnterpriseTier;
    if (ENTERPRISE_TIERS.indexOf(tier) > ENTERPRISE_TIERS.indexOf(best)) best = tier;
  }
  return best;
}
