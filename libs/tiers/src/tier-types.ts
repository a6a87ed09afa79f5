/**
 * Input and output of the tier evaluator (pure: no Nest, no TypeORM). The enterprise service
 * builds {@link EnterpriseFacts} from a profile; the evaluator returns one {@link TierOutcome} per
 * tier of a rule set. Money is whole yuan; ratios are fractions (0.05 = 5 %) unless a field says %.
 */

export type AssessedTier = 'INNOVATIVE_SME' | 'SPECIALIZED_SME' | 'LITTLE_GIANT';
export type CertifiedTier = 'NONE' | AssessedTier | 'KEY_LITTLE_GIANT';

export interface YearFinancials {
  year: number;
  /** 营业收入 */
  revenue: number;
  /** 主营业务收入 */
  mainBusinessRevenue: number;
  /** 研发费用 */
  rdExpense: number;
  netProfit?: number;
  totalAssets?: number;
  totalLiabilities?: number;
  employees?: number;
  rdEmployees?: number;
  /** New equity financing received that year (qualified institutional investors, paid in). */
  equityFinancing?: number;
}

export type RdInstitutionLevel = 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'BELOW_MUNICIPAL' | 'NONE';

/** 《战略性新兴产业分类》 membership and the 专精特新 Annex 2 indicator 4 field classes. */
export type MainProductField =
  /** Real results in 补短板/锻长板/填空白 at key chain links (5 points). */
  | 'KEY_CHAIN_BREAKTHROUGH'
  /** 工业"六基", 中华老字号, or supplier of key-chain lead enterprises (3 points). */
  | 'SIX_FOUNDATIONS_OR_KEY_SUPPLIER'
  | 'OTHER';

export type Honour =
  | 'HIGH_TECH_ENTERPRISE' // 高新技术企业
  | 'TECH_INNOVATION_DEMO' // 国家级技术创新示范企业
  | 'IP_ADVANTAGE' // 知识产权优势企业
  | 'IP_DEMO'; // 知识产权示范企业

export interface ScienceAward {
  level: 'NATIONAL' | 'PROVINCIAL';
  year: number;
  /** The firm's rank among the awardees (1 = first). */
  rank?: number;
  /** Award date (yyyy-mm-dd), when known; decides "近3年" where the year alone cannot (§8.8). */
  awardedOn?: string;
}

/** One equity financing round (qualified institutional investors, paid in), dated. */
export interface EquityRound {
  /** Day the money was received (yyyy-mm-dd). */
  receivedOn: string;
  /** Whole yuan. */
  amount: number;
}

export interface EnterpriseFacts {
  /** Assessment date (ISO yyyy-mm-dd); "prior year" means the calendar year before it. */
  asOf: string;
  /** GB/T 4754-2017 industry (C34, I65, K7010); decides the 中小企业划型 ceilings. Unknown when absent. */
  industryCode?: string;
  foundedOn: string;
  /** Since when the firm has worked in its niche (main business). */
  mainBusinessSince: string;
  /** Any order; the evaluator picks years relative to `asOf`. */
  financials: YearFinancials[];
  ip: {
    /** Ⅰ类 */
    inventionPatents: number;
    utilityModels: number;
    designPatents: number;
    softwareCopyrights: number;
    trademarks: number;
    /** Ⅰ类高价值 (overseas family, >10 years, pledge-financed, award-winning); undefined = not stated. */
    highValueInventionPatents?: number;
    /** Ⅰ类 developed in house (not transferred in); undefined = not stated. */
    selfDevelopedInventionPatents?: number;
  };
  rdInstitutionLevel?: RdInstitutionLevel;
  /** 中小企业数字化水平 level 0–4 (platform 测评). */
  digitalMaturityLevel?: number;
  /** National niche market share of the main product, in %. */
  nicheMarketSharePercent?: number;
  /** Main product ranks top 3 nationally. */
  marketTop3?: boolean;
  awards?: ScienceAward[];
  /** 创客中国 results: best national group reached, with year. */
  makerChina?: { year: number; group: 'TOP50' | 'TOP500'; reachedOn?: string };
  /**
   * Dated equity rounds; when given (even empty) they decide "近3年新增股权融资" instead of the
   * yearly `equityFinancing` amounts (§8.8).
   */
  equityRounds?: EquityRound[];
  honours?: Honour[];
  /** Main product in 《战略性新兴产业分类》. */
  strategicEmergingIndustry?: boolean;
  mainProductField?: MainProductField;
  /**
   * Before the field lists were split (§8.7): "main product in 工业六基, the 制造强国 ten priority
   * sectors OR the 网络强国 fields" as one flag. Read only where a split fact is blank: false means
   * none of the three (so not 六基); true does not say which, so it never stands for 六基.
   */
  mainProductInPriorityField?: boolean;
  /** Main product in the 工业"六基" fields (核心基础零部件/元器件, 关键软件, 先进基础工艺, 关键基础材料, 产业技术基础). */
  mainProductInSixFoundations?: boolean;
  /** Main product in the ten priority sectors of the 制造强国 strategy (十大重点产业领域). */
  mainProductInTopTenSectors?: boolean;
  /** Main product in the 网络强国 fields (信息基础设施, 关键核心技术, 网络安全, 数据安全). */
  mainProductInCyberPowerField?: boolean;
  /** 小巨人: key chain link with 补短板/锻长板/填空白 role (链). */
  keyChainRole?: boolean;
  /** Quality management items (Annex 2 indicator 6). */
  quality?: { provincialQualityAward?: boolean; iso9001?: boolean; ownBrand?: boolean; standardsDrafting?: boolean };
  /** Management-system certification or product certification from developed economies (小巨人 精细化). */
  managementCertification?: boolean;
  /** A core process (R&D, manufacturing, supply chain) runs on an information system. */
  coreProcessInformatized?: boolean;
  /** Good governance and credit standing; false when listed as 经营异常/失信. */
  goodCredit?: boolean;
  certifiedTier: CertifiedTier;
  /**
   * The title is the firm's own declaration, not yet confirmed by the AUTHORITY (DOMAIN.md §8.10):
   * the firm's self-assessment uses it, and every criterion it satisfies says so.
   */
  certifiedTierClaimed?: boolean;
  tierCertifiedOn?: string;
  /** Last day a re-review recorded as pending by the AUTHORITY keeps an expired title in force (§8.2). */
  tierReviewPendingUntil?: string;
  /** 2026 rules: platform-computed 专精特新发展评价得分 by year; cannot be computed locally. */
  platformScores?: Array<{ year: number; score: number }>;
  /** 科技型中小企业 registration valid / 创新型 title valid (2026 prerequisite for 专精特新). */
  techOrInnovativeSmeValid?: boolean;
}

export type CriterionStatus = 'MET' | 'UNMET' | 'UNKNOWN' | 'PENDING';

export interface CriterionOutcome {
  /** Stable code, e.g. `A1.RD_RATIO` or `A2.COND.RD_EXPENSE`. */
  code: string;
  /** Chinese label a person reads. */
  label: string;
  status: CriterionStatus;
  /** Actual value as shown to people, e.g. "4.2%" or "1,200万元"; undefined when unknown. */
  actual?: string;
  required?: string;
  /** Points earned (score tables only). */
  points?: number;
  maxPoints?: number;
  /** Why: rule uncertainty marks from DOMAIN.md, configurable local rules, exemptions used. */
  note?: string;
}

export type PassPath = 'SCORE' | 'DIRECT' | 'CONDITIONS';

export interface TierOutcome {
  tier: AssessedTier;
  ruleSet: string;
  /** true only when a path passed with every needed criterion MET. */
  eligible: boolean;
  /** 'UNDETERMINED' when not eligible but unknown/pending criteria could still change it. */
  verdict: 'ELIGIBLE' | 'NOT_ELIGIBLE' | 'UNDETERMINED';
  score?: number;
  maxScore?: number;
  passedBy?: PassPath;
  criteria: CriterionOutcome[];
  /** Fact names the firm should supply to settle unknown criteria (e.g. "rdInstitutionLevel"). */
  missingData: string[];
}
