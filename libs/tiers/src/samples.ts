/**
 * Named sample firms for demo data, benchmarks and tests. All are assessed as of 2026-06-30
 * (prior year 2025) and state every fact the rules read, so their verdicts are settled.
 */
import type { EnterpriseFacts, YearFinancials } from './tier-types.js';

const AS_OF = '2026-06-30';

const years = (...rows: YearFinancials[]): YearFinancials[] => rows;

/**
 * Passes 创新型 on score (95/100) only: R&D is 5 % of revenue but only 40万元, below the
 * 专精特新 100万元 floor, and revenue is under 1000万元 with no equity raised.
 */
export const SAMPLE_INNOVATIVE_ONLY: EnterpriseFacts = {
  asOf: AS_OF,
  industryCode: 'C34',
  foundedOn: '2019-04-10',
  mainBusinessSince: '2019-04-10',
  financials: years(
    { year: 2025, revenue: 8_000_000, mainBusinessRevenue: 7_000_000, rdExpense: 400_000, netProfit: 600_000, totalAssets: 10_000_000, totalLiabilities: 4_000_000, employees: 45, rdEmployees: 9, equityFinancing: 0 },
    { year: 2024, revenue: 7_000_000, mainBusinessRevenue: 6_000_000, rdExpense: 300_000, netProfit: 400_000, totalAssets: 9_000_000, totalLiabilities: 4_000_000, employees: 40, rdEmployees: 8, equityFinancing: 0 },
    { year: 2023, revenue: 6_000_000, mainBusinessRevenue: 5_200_000, rdExpense: 250_000, netProfit: 300_000, totalAssets: 8_000_000, totalLiabilities: 3_800_000, employees: 38, rdEmployees: 7, equityFinancing: 0 },
  ),
  ip: { inventionPatents: 2, utilityModels: 6, designPatents: 1, softwareCopyrights: 3, trademarks: 2, highValueInventionPatents: 0, selfDevelopedInventionPatents: 2 },
  rdInstitutionLevel: 'NONE',
  digitalMaturityLevel: 1,
  nicheMarketSharePercent: 1.5,
  marketTop3: false,
  awards: [],
  honours: [],
  strategicEmergingIndustry: true,
  mainProductField: 'OTHER',
  mainProductInSixFoundations: false,
  mainProductInTopTenSectors: false,
  mainProductInCyberPowerField: false,
  keyChainRole: false,
  quality: { iso9001: true },
  managementCertification: true,
  coreProcessInformatized: true,
  goodCredit: true,
  certifiedTier: 'NONE',
  platformScores: [{ year: 2026, score: 41 }],
  techOrInnovativeSmeValid: false,
};

/**
 * Passes 专精特新 under both rule sets (2022 score 68/100; 2026 conditions with platform score 72)
 * and 创新型; holds a valid 创新型 title but no 专精特新 title, so it cannot apply for 小巨人.
 */
export const SAMPLE_SPECIALIZED: EnterpriseFacts = {
  asOf: AS_OF,
  industryCode: 'C34',
  foundedOn: '2015-08-01',
  mainBusinessSince: '2016-03-01',
  financials: years(
    { year: 2025, revenue: 60_000_000, mainBusinessRevenue: 52_000_000, rdExpense: 3_300_000, netProfit: 6_000_000, totalAssets: 80_000_000, totalLiabilities: 36_000_000, employees: 200, rdEmployees: 30, equityFinancing: 0 },
    { year: 2024, revenue: 53_000_000, mainBusinessRevenue: 46_000_000, rdExpense: 2_800_000, netProfit: 5_000_000, totalAssets: 72_000_000, totalLiabilities: 33_000_000, employees: 190, rdEmployees: 28, equityFinancing: 0 },
    { year: 2023, revenue: 46_000_000, mainBusinessRevenue: 40_000_000, rdExpense: 2_300_000, netProfit: 4_000_000, totalAssets: 65_000_000, totalLiabilities: 30_000_000, employees: 180, rdEmployees: 25, equityFinancing: 0 },
  ),
  ip: { inventionPatents: 5, utilityModels: 20, designPatents: 2, softwareCopyrights: 4, trademarks: 3, highValueInventionPatents: 0, selfDevelopedInventionPatents: 5 },
  rdInstitutionLevel: 'MUNICIPAL',
  digitalMaturityLevel: 3,
  nicheMarketSharePercent: 6,
  marketTop3: false,
  awards: [],
  honours: [],
  strategicEmergingIndustry: false,
  mainProductField: 'SIX_FOUNDATIONS_OR_KEY_SUPPLIER',
  mainProductInSixFoundations: true,
  mainProductInTopTenSectors: false,
  mainProductInCyberPowerField: false,
  keyChainRole: false,
  quality: { iso9001: true, ownBrand: true },
  managementCertification: true,
  coreProcessInformatized: true,
  goodCredit: true,
  certifiedTier: 'INNOVATIVE_SME',
  tierCertifiedOn: '2024-09-01',
  platformScores: [{ year: 2026, score: 72 }],
  techOrInnovativeSmeValid: true,
};

/** Passes all three tiers under both rule sets: a 专精特新 firm ready for 小巨人. */
export const SAMPLE_LITTLE_GIANT: EnterpriseFacts = {
  asOf: AS_OF,
  industryCode: 'C34',
  foundedOn: '2010-05-20',
  mainBusinessSince: '2012-01-01',
  financials: years(
    { year: 2025, revenue: 150_000_000, mainBusinessRevenue: 140_000_000, rdExpense: 7_500_000, netProfit: 15_000_000, totalAssets: 200_000_000, totalLiabilities: 80_000_000, employees: 400, rdEmployees: 80, equityFinancing: 0 },
    { year: 2024, revenue: 132_000_000, mainBusinessRevenue: 125_000_000, rdExpense: 6_600_000, netProfit: 12_000_000, totalAssets: 180_000_000, totalLiabilities: 75_000_000, employees: 380, rdEmployees: 72, equityFinancing: 0 },
    { year: 2023, revenue: 118_000_000, mainBusinessRevenue: 110_000_000, rdExpense: 5_500_000, netProfit: 10_000_000, totalAssets: 160_000_000, totalLiabilities: 70_000_000, employees: 360, rdEmployees: 65, equityFinancing: 0 },
  ),
  ip: { inventionPatents: 12, utilityModels: 40, designPatents: 5, softwareCopyrights: 8, trademarks: 6, highValueInventionPatents: 2, selfDevelopedInventionPatents: 10 },
  rdInstitutionLevel: 'PROVINCIAL',
  digitalMaturityLevel: 3,
  nicheMarketSharePercent: 18,
  marketTop3: true,
  awards: [],
  honours: ['HIGH_TECH_ENTERPRISE'],
  strategicEmergingIndustry: true,
  mainProductField: 'KEY_CHAIN_BREAKTHROUGH',
  mainProductInSixFoundations: true,
  mainProductInTopTenSectors: false,
  mainProductInCyberPowerField: false,
  keyChainRole: true,
  quality: { iso9001: true, ownBrand: true, standardsDrafting: true },
  managementCertification: true,
  coreProcessInformatized: true,
  goodCredit: true,
  certifiedTier: 'SPECIALIZED_SME',
  tierCertifiedOn: '2024-07-01',
  platformScores: [{ year: 2026, score: 78 }],
  techOrInnovativeSmeValid: true,
};

/** Fails every tier under both rule sets: small, loss-making, indebted, no Ⅰ/Ⅱ类 IP, no direct route. */
export const SAMPLE_FAILING: EnterpriseFacts = {
  asOf: AS_OF,
  industryCode: 'C34',
  foundedOn: '2023-02-15',
  mainBusinessSince: '2023-02-15',
  financials: years(
    { year: 2025, revenue: 3_000_000, mainBusinessRevenue: 1_350_000, rdExpense: 20_000, netProfit: -200_000, totalAssets: 2_000_000, totalLiabilities: 1_600_000, employees: 12, rdEmployees: 0, equityFinancing: 0 },
    { year: 2024, revenue: 3_200_000, mainBusinessRevenue: 1_500_000, rdExpense: 10_000, netProfit: -100_000, totalAssets: 2_100_000, totalLiabilities: 1_500_000, employees: 12, rdEmployees: 0, equityFinancing: 0 },
    { year: 2023, revenue: 2_000_000, mainBusinessRevenue: 1_000_000, rdExpense: 0, netProfit: -300_000, totalAssets: 1_800_000, totalLiabilities: 1_200_000, employees: 10, rdEmployees: 0, equityFinancing: 0 },
  ),
  ip: { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 1, highValueInventionPatents: 0, selfDevelopedInventionPatents: 0 },
  rdInstitutionLevel: 'NONE',
  digitalMaturityLevel: 0,
  nicheMarketSharePercent: 0.2,
  marketTop3: false,
  awards: [],
  honours: [],
  strategicEmergingIndustry: false,
  mainProductField: 'OTHER',
  mainProductInSixFoundations: false,
  mainProductInTopTenSectors: false,
  mainProductInCyberPowerField: false,
  keyChainRole: false,
  quality: {},
  managementCertification: false,
  coreProcessInformatized: false,
  goodCredit: true,
  certifiedTier: 'NONE',
  platformScores: [{ year: 2026, score: 22 }],
  techOrInnovativeSmeValid: false,
};

/** The samples by name, for seed scripts and benchmarks. */
export const SAMPLE_FACTS = {
  innovativeOnly: SAMPLE_INNOVATIVE_ONLY,
  specialized: SAMPLE_SPECIALIZED,
  littleGiant: SAMPLE_LITTLE_GIANT,
  failing: SAMPLE_FAILING,
} as const satisfies Record<string, EnterpriseFacts>;
