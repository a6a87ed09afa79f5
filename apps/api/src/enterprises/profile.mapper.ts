import {
  industryName,
  ipAssetsOf,
  type EnterpriseProfileEntity,
  TITLE_PROVENANCE_TEXT,
  countedTier,
  titleCounts,
} from '../../../../libs/enterprises/src/index.js';
import type { TierAssessmentEntity } from '../../../../libs/tier-assessments/src/index.js';
import { describeMissingFact, effectiveTier, tierExpiresOn, titleStanding, titleStatusText } from '../../../../libs/tiers/src/index.js';
import { todayInShanghai } from '../../../../libs/platform/src/index.js';
import type { EnterpriseProfileModel } from './profile.models.js';
import { ruleSetIdOf, type TierAssessmentModel } from './tier.models.js';

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
    tierProvenance: p.tier === 'NONE' ? null : p.tierProvenance,
    tierProvenanceText: p.tier !== 'NONE' && p.tierProvenance ? TITLE_PROVENANCE_TEXT[p.tierProvenance] : null,
    tierCounted: effectiveTier({ tier: countedTier(p.tier, p.tierProvenance), certifiedOn: p.tierCertifiedOn }, today) !== 'NONE',
    tierProvenanceAt: p.tier === 'NONE' ? null : p.tierProvenanceAt,
    tierProvenanceByUserId: p.tier === 'NONE' ? null : p.tierProvenanceBy,
    tierRejectionReason: p.tierProvenance === 'REJECTED' ? p.tierRejectionReason : null,
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
    // A risk stored before the firm turned its title into a claim is stale (§8.10): claims carry none.
    reviewRisk: titleCounts(p.tierProvenance) ? p.reviewRisk : null,
    version: p.version,
    updatedAt: p.updatedAt,
  };
}

export function toAssessmentModel(a: TierAssessmentEntity): TierAssessmentModel {
  return {
    tier: a.tier,
    ruleSet: a.ruleSet,
    ruleSetId: ruleSetIdOf(a.ruleSet),
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
