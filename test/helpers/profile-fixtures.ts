/** Three financial years ending with `lastYear` (default: last year in Beijing time), newest first. */
export function financialsEnding(lastYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1) {
  const year = (y: number, revenue: number, rd: number) => ({
    year: y,
    revenue,
    mainBusinessRevenue: Math.round(revenue * 0.9),
    rdExpense: rd,
    netProfit: Math.round(revenue * 0.08),
    totalAssets: 50_000_000,
    totalLiabilities: 20_000_000,
    employees: 120,
    rdEmployees: 24,
    equityFinancing: 0,
  });
  return [year(lastYear, 36_000_000, 2_160_000), year(lastYear - 1, 30_000_000, 1_500_000), year(lastYear - 2, 25_000_000, 1_000_000)];
}

/**
 * A complete EnterpriseProfileInput for a firm that passes 创新型 by score (R&D 6 %, growth 20 %,
 * debt 40 %, main business 90 %, an invention patent, strategic emerging field) and has no
 * direct-qualification facts. Tests override what they need.
 */
export function profileInput(overrides: Record<string, unknown> = {}) {
  return {
    industryCode: 'C3484',
    tier: 'NONE',
    tierCertifiedOn: null,
    foundedOn: '2012-03-01',
    mainBusinessSince: '2013-01-01',
    mainProducts: ['精密齿轮减速机', '谐波减速器'],
    capabilities: '精密齿轮加工与热处理，可解决机器人关节减速器背隙大的问题',
    certifications: ['ISO9001'],
    financials: financialsEnding(),
    ipAssets: { inventionPatents: 3, utilityModels: 12, designPatents: 1, softwareCopyrights: 2, trademarks: 3 },
    financingNeed: { amount: 5_000_000, termMonths: 12, purpose: '购置数控磨齿机' },
    serviceNeeds: ['INTELLECTUAL_PROPERTY', 'DIGITAL_TRANSFORMATION'],
    spaceNeed: { minAreaSqm: 800, maxAreaSqm: 1500, regionCodes: ['330281'], maxRentPerSqmDay: 1.2 },
    tierFacts: {
      selfDevelopedInventionPatents: 3,
      highValueInventionPatents: 0,
      strategicEmergingIndustry: true,
      honours: [],
      awards: [],
      rdInstitutionLevel: 'NONE',
    },
    ...overrides,
  };
}

export const UPSERT_PROFILE = `mutation($i: EnterpriseProfileInput!) {
  upsertEnterpriseProfile(input: $i) { version tier industryCode industryName financials { year revenue } organization { id } }
}`;

/** The AUTHORITY confirms a firm's title (DOMAIN.md §8.10): only confirmed or imported titles count for others. */
export const CONFIRM_CERTIFICATION = `mutation($id: ID!, $t: EnterpriseTier!, $d: Date!) {
  confirmCertification(organizationId: $id, tier: $t, certifiedOn: $d) { tier tierCertifiedOn tierProvenance }
}`;

/** Confirms `tier` certified on `certifiedOn` for `organizationId` as the AUTHORITY (token); fails the test on an error. */
export async function confirmTitle(
  app: { gql: (query: string, variables?: Record<string, unknown>, token?: string) => Promise<{ errors?: unknown[] | null; data?: unknown }> },
  authorityToken: string,
  organizationId: string,
  tier: string,
  certifiedOn: string,
): Promise<void> {
  const res = await app.gql(CONFIRM_CERTIFICATION, { id: organizationId, t: tier, d: certifiedOn }, authorityToken);
  if (res.errors?.length) throw new Error(`confirmCertification failed: ${JSON.stringify(res.errors)}`);
}
