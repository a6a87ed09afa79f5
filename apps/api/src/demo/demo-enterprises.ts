/**
 * ~30 fictional enterprises around Ningbo whose numbers land in different tiers (built from the
 * evaluator's sample firms, scaled and re-dated), some holding titles that expire within a year
 * while their numbers no longer qualify: the 复核 risk the bureau wants to see early.
 */
import { makeUscc } from '../../../../libs/identity/src/index.js';
import { SAMPLE_FAILING, SAMPLE_INNOVATIVE_ONLY, SAMPLE_LITTLE_GIANT, SAMPLE_SPECIALIZED } from '../../../../libs/tiers/src/index.js';
import type { CertifiedTier, EnterpriseFacts } from '../../../../libs/tiers/src/index.js';
import type { ProfileCommand, ServiceCategory } from '../../../../libs/enterprises/src/index.js';

export interface DemoEnterprise {
  name: string;
  uscc: string;
  regionCode: string;
  profile: ProfileCommand;
}

const PLACES: Array<[string, string]> = [
  ['330281', '余姚'],
  ['330211', '镇海'],
  ['330212', '鄞州'],
  ['330206', '北仑'],
  ['330282', '慈溪'],
  ['330203', '海曙'],
];
const LINES: Array<{ word: string; industry: string; products: string[]; capabilities: string; needs: ServiceCategory[] }> = [
  { word: '光电', industry: 'C3976', products: ['红外镜头', '光学模组'], capabilities: '非球面光学设计与精密模压，解决车载红外镜头温漂问题', needs: ['INTELLECTUAL_PROPERTY', 'TESTING_CERTIFICATION'] },
  { word: '模具', industry: 'C3525', products: ['汽车注塑模具', '精密冲压模'], capabilities: '大型注塑模具模流分析与随形冷却水路，缩短成型周期', needs: ['DIGITAL_TRANSFORMATION'] },
  { word: '新材料', industry: 'C2653', products: ['高性能改性塑料', '特种工程塑料'], capabilities: '聚合物共混改性与阻燃配方，替代进口 PA66 材料', needs: ['TECH_INNOVATION', 'GREEN_LOW_CARBON'] },
  { word: '机器人', industry: 'C3491', products: ['协作机器人关节', '工业机器人控制器'], capabilities: '伺服驱动与力控算法，关节模组国产化替代', needs: ['FINANCING_ADVISORY', 'INTELLECTUAL_PROPERTY'] },
  { word: '轴承', industry: 'C3451', products: ['精密角接触轴承', '机床主轴轴承'], capabilities: '超精研磨与热处理工艺，主轴轴承寿命达进口水平', needs: ['TESTING_CERTIFICATION', 'MARKET_EXPANSION'] },
  { word: '传感', industry: 'C4015', products: ['MEMS 压力传感器', '温湿度传感器'], capabilities: 'MEMS 芯片封装与标定，满足车规级可靠性要求', needs: ['TECH_INNOVATION', 'POLICY_APPLICATION'] },
  { word: '液压', industry: 'C3444', products: ['液压柱塞泵', '比例阀'], capabilities: '高压柱塞泵配流与降噪设计，替代进口工程机械液压件', needs: ['DIGITAL_TRANSFORMATION', 'FINANCING_ADVISORY'] },
  { word: '电子', industry: 'C3982', products: ['电子元器件', '磁性器件'], capabilities: '高频磁性材料与绕线工艺，用于新能源汽车 OBC', needs: ['MANAGEMENT_CONSULTING'] },
];

type Archetype = { facts: EnterpriseFacts; tier: CertifiedTier; certifiedYearsAgo?: number; scale: number; weaken?: boolean };

/** Tier mix: 8 below every bar, 8 创新型-level, 7 专精特新-level, 4 小巨人-level, 3 titled but slipping. */
const ARCHETYPES: Archetype[] = [
  ...Array.from({ length: 8 }, (_, i): Archetype => ({ facts: SAMPLE_FAILING, tier: 'NONE', scale: 0.8 + i * 0.05 })),
  ...Array.from({ length: 8 }, (_, i): Archetype => ({ facts: SAMPLE_INNOVATIVE_ONLY, tier: i % 2 ? 'INNOVATIVE_SME' : 'NONE', certifiedYearsAgo: 1, scale: 0.9 + i * 0.03 })),
  ...Array.from({ length: 7 }, (_, i): Archetype => ({ facts: SAMPLE_SPECIALIZED, tier: i < 4 ? 'SPECIALIZED_SME' : 'INNOVATIVE_SME', certifiedYearsAgo: 1, scale: 1 + i * 0.04 })),
  ...Array.from({ length: 4 }, (_, i): Archetype => ({ facts: SAMPLE_LITTLE_GIANT, tier: 'LITTLE_GIANT', certifiedYearsAgo: 2, scale: 1 + i * 0.05 })),
  // Titles granted almost 3 years ago whose R&D has fallen away: 复核 risk.
  { facts: SAMPLE_SPECIALIZED, tier: 'SPECIALIZED_SME', certifiedYearsAgo: 2.8, scale: 1, weaken: true },
  { facts: SAMPLE_INNOVATIVE_ONLY, tier: 'INNOVATIVE_SME', certifiedYearsAgo: 2.9, scale: 1, weaken: true },
  { facts: SAMPLE_LITTLE_GIANT, tier: 'LITTLE_GIANT', certifiedYearsAgo: 2.7, scale: 1, weaken: true },
];

function shiftDate(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - Math.round(years * 12));
  return d.toISOString().slice(0, 10);
}

/** The demo firms as of `today` (yyyy-mm-dd): financial years end with last year. */
export function demoEnterprises(today: string): DemoEnterprise[] {
  const lastYear = Number(today.slice(0, 4)) - 1;
  return ARCHETYPES.map((a, i) => {
    const [regionCode, place] = PLACES[i % PLACES.length]!;
    const line = LINES[i % LINES.length]!;
    const f = a.facts;
    const shift = lastYear - Math.max(...f.financials.map((y) => y.year));
    const money = (v: number | undefined) => (v === undefined ? null : Math.round(v * a.scale));
    const financials = f.financials.map((y) => ({
      year: y.year + shift,
      revenue: money(y.revenue)!,
      mainBusinessRevenue: money(y.mainBusinessRevenue)!,
      rdExpense: a.weaken ? Math.round(y.revenue * a.scale * 0.004) : money(y.rdExpense)!,
      netProfit: money(y.netProfit),
      totalAssets: money(y.totalAssets),
      totalLiabilities: money(y.totalLiabilities),
      employees: y.employees ?? null,
      rdEmployees: y.rdEmployees ?? null,
      equityFinancing: money(y.equityFinancing),
    }));
    const code = `DM${String(i + 1).padStart(2, '0')}${line.industry.slice(1, 5)}`.replace(/[IOZSV]/g, 'A');
    return {
      name: `宁波${place}${['瑞', '甬', '恒', '精', '博', '华', '科', '拓'][i % 8]}${['达', '腾', '创', '盛', '新', '远', '越', '禾'][(i * 3) % 8]}${line.word}科技有限公司`,
      uscc: makeUscc('91', regionCode, code),
      regionCode,
      profile: {
        industryCode: line.industry,
        tier: a.tier,
        tierCertifiedOn: a.tier === 'NONE' ? null : shiftDate(today, a.certifiedYearsAgo ?? 1),
        foundedOn: f.foundedOn,
        mainBusinessSince: f.mainBusinessSince,
        mainProducts: line.products,
        capabilities: line.capabilities,
        certifications: f.quality?.iso9001 ? ['ISO9001'] : [],
        financials,
        ipAssets: { ...f.ip },
        financingNeed: i % 3 === 0 ? { amount: 3_000_000 + i * 200_000, termMonths: 12 + (i % 3) * 12, purpose: '设备更新与研发投入' } : null,
        serviceNeeds: line.needs,
        spaceNeed: i % 4 === 1 ? { minAreaSqm: 500 + i * 20, maxAreaSqm: 1200 + i * 30, regionCodes: [regionCode], maxRentPerSqmDay: 1.5 } : null,
        tierFacts: {
          highValueInventionPatents: f.ip.highValueInventionPatents,
          selfDevelopedInventionPatents: f.ip.selfDevelopedInventionPatents,
          rdInstitutionLevel: f.rdInstitutionLevel,
          digitalMaturityLevel: f.digitalMaturityLevel,
          nicheMarketSharePercent: f.nicheMarketSharePercent,
          marketTop3: f.marketTop3,
          awards: f.awards,
          makerChina: f.makerChina,
          honours: f.honours,
          strategicEmergingIndustry: f.strategicEmergingIndustry,
          mainProductField: f.mainProductField,
          mainProductInSixFoundations: f.mainProductInSixFoundations,
          mainProductInTopTenSectors: f.mainProductInTopTenSectors,
          mainProductInCyberPowerField: f.mainProductInCyberPowerField,
          keyChainRole: f.keyChainRole,
          quality: f.quality,
          managementCertification: f.managementCertification,
          coreProcessInformatized: f.coreProcessInformatized,
          goodCredit: f.goodCredit,
          platformScores: f.platformScores?.map((s) => ({ year: Number(today.slice(0, 4)), score: s.score })),
          techOrInnovativeSmeValid: f.techOrInnovativeSmeValid,
        },
      },
    };
  });
}
