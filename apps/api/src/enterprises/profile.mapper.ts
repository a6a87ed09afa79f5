import { industryName } from '../../../../libs/enterprises/src/industry-codes.js';
import { ipAssetsOf, type EnterpriseProfileEntity } from '../../../../libs/enterprises/src/enterprise-profile.entity.js';
import type { TierAssessmentEntity } from '../../../../libs/tiers/src/assessments/tier-assessment.entity.js';
import { describeMissingFact, tierExpiresOn, titleStanding, titleStatusText } from '../../../../libs/tiers/src/index.js';
import { todayInShanghai } from '../../../../libs/platform/src/time/beijing-date.js';
import type { EnterpriseProfileModel } from './profile.models.js';
import type { TierAssessmentModel } from './tier.models.js';

export function toProfileModel(p: EnterpriseProfileEntity, today = todayInShanghai()): EnterpriseProfileModel {
  const standing = titleStanding({ tier: p.tier, certifiedOn: p.tierCertifiedOn, reviewPendingUntil: p.tierReviewPendingUntil }, today);
  return {
    organizationId: p.organizationId,
    tier: p.tier,
    industryCode: p.industryCode,
    industryName: industryName(p.industryCode) ?? null,
    tierCertifiedOn: p.tierCertifiedOn,
    tierExpiresOn: p.tier !== 'NONE' && p.tierCertifiedOn ? tierExpiresOn(p.tierCertifiedOn) : null,
    tierReviewPendingUntil: p.tierReviewPendingUntil ?? null,
    tierStatus: standing.status,
    tierStatusText: titleStatusText(standing) ?? null,
    foundedOn: p.foundedOn,
    mainBusinessSince: p.mainBusinessSince,
    mainProducts: p.mainProducts,
    capabilities: p.capabilities,
    certifications: p.certifications,
    financials: (p.financials ?? []).map((y) => ({ ...y })),
    ipAssets: ipAssetsOf(p),
    financingNeed: p.financingNeed,
    serviceNeeds: p.serviceNeeds,
    spaceNeed: p.spaceNeed,
    tierFacts: p.tierFacts ?? {},
    reviewRisk: p.reviewRisk,
    version: p.version,
    updatedAt: p.updatedAt,
  };
}

export function toAssessmentModel(a: TierAssessmentEntity): TierAssessmentModel {
  return {
    tier: a.tier,
    ruleSet: a.ruleSet,
    ruleSetVersion: a.ruleSetVersion,
    evaluatorVersion: a.evaluatorVersion,
    eligible: a.eligible,
    verdict: a.verdict,
    score: a.score,
    maxScore: a.maxScore,
    passedBy: a.passedBy,
    criteria: a.criteria.map((c) => ({ ...c, met: c.status === 'MET' })),
    missingData: a.missingData,
    missingFacts: a.missingData.map((path) => describeMissingFact(path)),
    profileVersion: a.profileVersion,
    computedAt: a.computedAt,
  };
}
