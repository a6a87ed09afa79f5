import type { EnterpriseFacts } from '../../tiers/src/index.js';
import { ipAssetsOf, type EnterpriseProfileEntity } from './enterprise-profile.entity.js';
import { countedTier } from './title-provenance.js';

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/**
 * The evaluator's view of a stored profile (with financials loaded), as of `asOf`.
 *
 * The title (DOMAIN.md §8.10): for the firm's own self-assessment (`title: 'own'`, the default) a
 * claimed title is used and marked (`certifiedTierClaimed`); a rejected claim is not used. For
 * what others rely on (`title: 'counted'`: the eligible tier in the AUTHORITY's statistics) only a
 * confirmed or imported title is.
 */
export function profileFacts(profile: EnterpriseProfileEntity, asOf: string, title: 'own' | 'counted' = 'own'): EnterpriseFacts {
  const t = profile.tierFacts ?? {};
  const claimed = profile.tier !== 'NONE' && profile.tierProvenance === 'CLAIMED';
  const tier = title === 'own' && claimed ? profile.tier : countedTier(profile.tier, profile.tierProvenance);
  return {
    asOf,
    industryCode: profile.industryCode,
    foundedOn: profile.foundedOn,
    mainBusinessSince: profile.mainBusinessSince,
    financials: (profile.financials ?? []).map((y) => ({
      year: y.year,
      revenue: y.revenue,
      mainBusinessRevenue: y.mainBusinessRevenue,
      rdExpense: y.rdExpense,
      netProfit: orUndefined(y.netProfit),
      totalAssets: orUndefined(y.totalAssets),
      totalLiabilities: orUndefined(y.totalLiabilities),
      employees: orUndefined(y.employees),
      rdEmployees: orUndefined(y.rdEmployees),
      equityFinancing: orUndefined(y.equityFinancing),
    })),
    ip: {
      ...ipAssetsOf(profile),
      highValueInventionPatents: orUndefined(t.highValueInventionPatents),
      selfDevelopedInventionPatents: orUndefined(t.selfDevelopedInventionPatents),
    },
    rdInstitutionLevel: orUndefined(t.rdInstitutionLevel),
    digitalMaturityLevel: orUndefined(t.digitalMaturityLevel),
    nicheMarketSharePercent: orUndefined(t.nicheMarketSharePercent),
    marketTop3: orUndefined(t.marketTop3),
    awards: t.awards?.map((a) => ({ level: a.level, year: a.year, rank: orUndefined(a.rank), awardedOn: orUndefined(a.awardedOn) })),
    makerChina: t.makerChina ? { year: t.makerChina.year, group: t.makerChina.group, reachedOn: orUndefined(t.makerChina.reachedOn) } : undefined,
    equityRounds: orUndefined(t.equityRounds),
    honours: orUndefined(t.honours),
    strategicEmergingIndustry: orUndefined(t.strategicEmergingIndustry),
    mainProductField: orUndefined(t.mainProductField),
    mainProductInPriorityField: orUndefined(t.mainProductInPriorityField),
    mainProductInSixFoundations: orUndefined(t.mainProductInSixFoundations),
    mainProductInTopTenSectors: orUndefined(t.mainProductInTopTenSectors),
    mainProductInCyberPowerField: orUndefined(t.mainProductInCyberPowerField),
    keyChainRole: orUndefined(t.keyChainRole),
    quality: orUndefined(t.quality),
    managementCertification: orUndefined(t.managementCertification),
    coreProcessInformatized: orUndefined(t.coreProcessInformatized),
    goodCredit: orUndefined(t.goodCredit),
    certifiedTier: tier,
    ...(tier !== 'NONE' && claimed ? { certifiedTierClaimed: true } : {}),
    tierCertifiedOn: tier === 'NONE' ? undefined : orUndefined(profile.tierCertifiedOn),
    tierReviewPendingUntil: tier === 'NONE' ? undefined : orUndefined(profile.tierReviewPendingUntil),
    platformScores: orUndefined(t.platformScores),
    techOrInnovativeSmeValid: orUndefined(t.techOrInnovativeSmeValid),
  };
}
