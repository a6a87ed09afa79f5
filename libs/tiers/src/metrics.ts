/**
 * Metrics: pure reads of {@link EnterpriseFacts} that rule data refers to by id. Each returns a
 * {@link Reading} (known, partly known or unknown, plus the facts that would settle it); use
 * {@link metricValue} for a plain `number | boolean | undefined`.
 *
 * Windows: "prior year" (上年度) is the calendar year before `asOf`; "last 2 years" are the prior
 * year and the one before it; "近3年" for events (awards, 创客中国, equity rounds) is the one rule
 * `eventInWindow` (the 36 months before the assessment date, §8.8).
 */
import type { Unit } from './format.js';
import {
  awardReading,
  known,
  mainGrowth,
  partial,
  perYear,
  priorRow,
  priorYear,
  ratio,
  row,
  rowKey,
  sumOverYears,
  unknown,
  equityInEventWindow,
  eventInWindow,
  yearOf,
  type Reading,
} from './metric-helpers.js';
import type { EnterpriseFacts, RdInstitutionLevel } from './tier-types.js';
import { judgeSmeSize, smeSizeClassOf } from './sme-size.js';
import { effectiveTier, titleStanding, type TitleRecord } from './validity.js';

const titleOf = (f: EnterpriseFacts): TitleRecord => ({
  tier: f.certifiedTier,
  certifiedOn: f.tierCertifiedOn,
  reviewPendingUntil: f.tierReviewPendingUntil,
});

export type { Reading } from './metric-helpers.js';

/** The mark of a criterion met only through a title the firm declared itself (DOMAIN.md §8.10). */
export const CLAIMED_TITLE_NOTE = '称号为企业自报，尚待确认';

/** `detail`, with the claim mark appended when the firm's title is its own unconfirmed declaration. */
function claimMarked(f: EnterpriseFacts, detail: string | undefined): string | undefined {
  if (!f.certifiedTierClaimed) return detail;
  return detail ? `${detail}，${CLAIMED_TITLE_NOTE}` : CLAIMED_TITLE_NOTE;
}

/** A metric: how to read it and how to show it. */
export interface MetricDef {
  label: string;
  unit: Unit;
  /** Display names of an ordinal metric, index = level. */
  levels?: readonly string[];
  read(f: EnterpriseFacts): Reading;
}

const min = (v: number[]) => Math.min(...v);
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

/** A boolean fact; undefined means the firm has not said. */
const flag = (label: string, key: keyof EnterpriseFacts): MetricDef => ({
  label,
  unit: 'bool',
  read: (f) => (typeof f[key] === 'boolean' ? known(f[key] as boolean) : unknown(key)),
});

/** IP class levels (DOMAIN §1.2): trademarks never count. */
export const IP_LEVELS = ['无', 'Ⅱ类', 'Ⅰ类', '自主研发Ⅰ类', 'Ⅰ类高价值'] as const;
export const RD_INSTITUTION_LEVELS = ['无', '市级以下', '市级', '省级', '国家级'] as const;
const RD_INSTITUTION_RANK: Record<RdInstitutionLevel, number> = {
  NONE: 0,
  BELOW_MUNICIPAL: 1,
  MUNICIPAL: 2,
  PROVINCIAL: 3,
  NATIONAL: 4,
};
const HONOUR_NAMES = {
  HIGH_TECH_ENTERPRISE: '高新技术企业',
  TECH_INNOVATION_DEMO: '国家级技术创新示范企业',
  IP_ADVANTAGE: '知识产权优势企业',
  IP_DEMO: '知识产权示范企业',
} as const;

/** The three field lists of 小巨人 (品), each its own fact (§8.7). */
const PRIORITY_FIELD_FACTS = ['mainProductInSixFoundations', 'mainProductInTopTenSectors', 'mainProductInCyberPowerField'] as const;
const PRIORITY_FIELD_NAMES: Record<(typeof PRIORITY_FIELD_FACTS)[number], string> = {
  mainProductInSixFoundations: '工业"六基"',
  mainProductInTopTenSectors: '制造强国十大重点产业领域',
  mainProductInCyberPowerField: '网络强国领域',
};

/**
 * Highest IP class held. High-value and self-developed patents are subsets of invention patents,
 * so when those counts are not stated the level is only bounded (Ⅰ类 at least).
 */
function ipLevel(f: EnterpriseFacts): Reading {
  const { highValueInventionPatents: hv, selfDevelopedInventionPatents: sd, inventionPatents } = f.ip;
  if ((hv ?? 0) > 0) return known(4);
  if ((sd ?? 0) > 0) return hv === undefined ? partial(3, 4, ['ip.highValueInventionPatents']) : known(3);
  if (inventionPatents > 0) {
    const missing: string[] = [];
    if (hv === undefined) missing.push('ip.highValueInventionPatents');
    if (sd === undefined) missing.push('ip.selfDevelopedInventionPatents');
    return partial(2, hv === undefined ? 4 : sd === undefined ? 3 : 2, missing);
  }
  const classTwo = f.ip.utilityModels + f.ip.designPatents + f.ip.softwareCopyrights;
  return known(classTwo > 0 ? 1 : 0);
}

/**
 * 创客中国 results are a rare, single optional fact with no "none" value, so an absent result reads
 * as "never reached a national group". A TOP50 result is also in the TOP500 group.
 */
function makerChinaReading(f: EnterpriseFacts, group: 'TOP50' | 'TOP500'): Reading {
  const m = f.makerChina;
  if (!m || (group === 'TOP50' && m.group !== 'TOP50')) return known(false);
  const fit = eventInWindow(f.asOf, { date: m.reachedOn, year: m.year });
  return fit === 'OPEN' ? partial(false, true, ['makerChina.reachedOn']) : known(fit === 'IN');
}

/** Platform evaluation scores dated this year or last year, newest first. */
function recentPlatformScores(f: EnterpriseFacts): Array<{ year: number; score: number }> {
  const y = yearOf(f.asOf);
  return (f.platformScores ?? []).filter((s) => s.year === y || s.year === y - 1).sort((a, b) => b.year - a.year);
}

export const METRICS = {
  revenuePriorYear: { label: '上年度营业收入', unit: 'yuan', read: (f) => perYear(f, 1, (r) => r.revenue, sum) },
  /**
   * 中小企业划型 by industry (工信部联企业〔2011〕300号第四条, DOMAIN.md §8.6): the prior year's figures
   * against the ceilings of the firm's GB/T 4754 industry; any figure below its ceiling suffices.
   */
  smeSize: {
    label: '属于中小企业（按行业划型）',
    unit: 'bool',
    read: (f) => {
      if (!f.industryCode) return unknown('industryCode');
      const r = row(f, priorYear(f));
      if (!r) return unknown(rowKey(priorYear(f)));
      const j = judgeSmeSize(smeSizeClassOf(f.industryCode), { employees: r.employees, revenue: r.revenue, totalAssets: r.totalAssets });
      if (j.sme !== undefined) return known(j.sme, j.detail);
      return partial(false, true, j.blank.map((b) => `${rowKey(r.year)}.${b}`), j.detail);
    },
  },
  rdExpensePriorYear: { label: '上年度研发费用', unit: 'yuan', read: (f) => perYear(f, 1, (r) => r.rdExpense, sum) },
  rdRatioPriorYear: {
    label: '上年度研发费用占营业收入比重',
    unit: 'ratio',
    read: (f) => perYear(f, 1, (r) => ratio(r.rdExpense, r.revenue), sum),
  },
  rdRatioMin2y: {
    label: '近2年研发费用占营业收入比重（较低一年）',
    unit: 'ratio',
    read: (f) => perYear(f, 2, (r) => ratio(r.rdExpense, r.revenue), min),
  },
  rdExpenseMin2y: { label: '近2年研发费用（较低一年）', unit: 'yuan', read: (f) => perYear(f, 2, (r) => r.rdExpense, min) },
  rdExpenseAvg2y: {
    label: '近2年研发费用平均值',
    unit: 'yuan',
    read: (f) => perYear(f, 2, (r) => r.rdExpense, (v) => sum(v) / v.length),
  },
  rdExpenseTotal2y: { label: '近2年研发费用总额', unit: 'yuan', read: (f) => perYear(f, 2, (r) => r.rdExpense, sum) },
  mainBusinessGrowthPriorYear: {
    label: '上年度主营业务收入增长率',
    unit: 'ratio',
    read: (f) => {
      const g = mainGrowth(f, priorYear(f));
      return g.value === undefined ? unknown(...g.missing) : known(g.value);
    },
  },
  /** Arithmetic mean of the two yearly growth rates (needs three years of rows). */
  mainBusinessGrowthAvg2y: {
    label: '近2年主营业务收入平均增长率',
    unit: 'ratio',
    read: (f) => {
      const p = priorYear(f);
      const a = mainGrowth(f, p);
      const b = mainGrowth(f, p - 1);
      if (a.value === undefined || b.value === undefined) return unknown(...new Set([...a.missing, ...b.missing]));
      return known((a.value + b.value) / 2);
    },
  },
  /** Compound annual growth of 营业收入 from two years before the prior year to the prior year. */
  revenueCagr2y: {
    label: '近2年营业收入复合增长率',
    unit: 'ratio',
    read: (f) => {
      const p = priorYear(f);
      const cur = row(f, p);
      const base = row(f, p - 2);
      if (!cur || !base) return unknown(...[cur ? '' : rowKey(p), base ? '' : rowKey(p - 2)].filter(Boolean));
      return known(base.revenue > 0 ? Math.sqrt(Math.max(cur.revenue, 0) / base.revenue) - 1 : 0);
    },
  },
  mainBusinessShare: {
    label: '上年度主营业务收入占营业收入比重',
    unit: 'ratio',
    read: (f) => perYear(f, 1, (r) => ratio(r.mainBusinessRevenue, r.revenue), sum),
  },
  debtRatioPriorYear: {
    label: '上年末资产负债率',
    unit: 'ratio',
    // No assets: any liability is an unbounded ratio (never a reward), none at all reads as 0.
    read: (f) =>
      priorRow(f, ['totalAssets', 'totalLiabilities'], (r) => {
        const assets = r.totalAssets ?? 0;
        const liabilities = r.totalLiabilities ?? 0;
        return assets > 0 ? liabilities / assets : liabilities > 0 ? Number.POSITIVE_INFINITY : 0;
      }),
  },
  netMarginPriorYear: {
    label: '上年度净利润率',
    unit: 'ratio',
    read: (f) => priorRow(f, ['netProfit'], (r) => ratio(r.netProfit ?? 0, r.revenue)),
  },
  rdStaffShare: {
    label: '上年度研发人员占全部职工比重',
    unit: 'ratio',
    read: (f) => priorRow(f, ['employees', 'rdEmployees'], (r) => ratio(r.rdEmployees ?? 0, r.employees ?? 0)),
  },
  equityFinancing2y: {
    label: '近2年新增股权融资总额',
    unit: 'yuan',
    read: (f) => sumOverYears(f, 2, (r) => r.equityFinancing, 'equityFinancing'),
  },
  equityFinancing3y: {
    label: '近3年新增股权融资总额',
    unit: 'yuan',
    read: equityInEventWindow,
  },
  /**
   * Completed years in the niche at the end of the prior year (i.e. on 1 January of the
   * assessment year): since 2021-01-01 → 4 years in 2025; since 2021-06-15 → 3 years.
   */
  yearsInNiche: {
    label: '从事特定细分市场年限（截至上年末）',
    unit: 'years',
    read: (f) => {
      const since = /^(\d{4})-(\d{2})-(\d{2})/.exec(f.mainBusinessSince ?? '');
      if (!since) return unknown('mainBusinessSince');
      const startYear = Number(since[1]);
      const onNewYear = since[2] === '01' && since[3] === '01';
      return known(Math.max(0, yearOf(f.asOf) - startYear - (onNewYear ? 0 : 1)));
    },
  },
  ipClassLevel: { label: '与主导产品相关的有效知识产权', unit: 'level', levels: IP_LEVELS, read: ipLevel },
  inventionPatents: { label: 'Ⅰ类知识产权数量', unit: 'items', read: (f) => known(f.ip.inventionPatents) },
  /** Not stated: bounded by the invention-patent count, of which it is a part. */
  selfDevelopedInventionPatents: {
    label: '自主研发（非受让）Ⅰ类知识产权数量',
    unit: 'items',
    read: (f) =>
      f.ip.selfDevelopedInventionPatents === undefined
        ? partial(0, f.ip.inventionPatents, ['ip.selfDevelopedInventionPatents'])
        : known(f.ip.selfDevelopedInventionPatents),
  },
  strategicEmergingIndustry: flag('主导产品属于《战略性新兴产业分类》', 'strategicEmergingIndustry'),
  mainProductFieldLevel: {
    label: '主导产品所属领域',
    unit: 'level',
    levels: ['其他', '工业"六基"/中华老字号/链主配套', '关键环节补短板·锻长板·填空白取得实效'],
    read: (f) =>
      f.mainProductField === undefined
        ? unknown('mainProductField')
        : known({ KEY_CHAIN_BREAKTHROUGH: 2, SIX_FOUNDATIONS_OR_KEY_SUPPLIER: 1, OTHER: 0 }[f.mainProductField]),
  },
  digitalMaturityLevel: {
    label: '数字化水平',
    unit: 'level',
    levels: ['零级', '一级', '二级', '三级', '四级'],
    read: (f) => (f.digitalMaturityLevel === undefined ? unknown('digitalMaturityLevel') : known(f.digitalMaturityLevel)),
  },
  /** The quality block is a checklist: once given, an item left blank counts as not held. */
  qualityItems: {
    label: '质量管理（质量奖/体系认证/自有品牌/参与标准制定）',
    unit: 'entries',
    read: (f) => {
      const q = f.quality;
      if (!q) return unknown('quality');
      return known([q.provincialQualityAward, q.iso9001, q.ownBrand, q.standardsDrafting].filter((x) => x === true).length);
    },
  },
  rdInstitutionLevel: {
    label: '自建研发机构级别',
    unit: 'level',
    levels: RD_INSTITUTION_LEVELS,
    read: (f) => (f.rdInstitutionLevel ? known(RD_INSTITUTION_RANK[f.rdInstitutionLevel]) : unknown('rdInstitutionLevel')),
  },
  nicheMarketSharePercent: {
    label: '主导产品全国细分市场占有率',
    unit: 'percent',
    read: (f) =>
      f.nicheMarketSharePercent === undefined ? unknown('nicheMarketSharePercent') : known(f.nicheMarketSharePercent),
  },
  marketTop3: flag('主导产品全国细分市场排名前三', 'marketTop3'),
  scienceAward3y: {
    label: '近3年获国家级或省级科技奖励',
    unit: 'bool',
    read: (f) => awardReading(f, { NATIONAL: Number.POSITIVE_INFINITY, PROVINCIAL: Number.POSITIVE_INFINITY }),
  },
  provincialTop3OrNationalTop5Award3y: {
    label: '近3年获省级科技奖励（前三名）或国家级科技奖励（前五名）',
    unit: 'bool',
    read: (f) => awardReading(f, { PROVINCIAL: 3, NATIONAL: 5 }),
  },
  nationalTop3Award3y: {
    label: '近3年获国家级科技奖励（前三名）',
    unit: 'bool',
    read: (f) => awardReading(f, { NATIONAL: 3 }),
  },
  provincialOrHigherTop3Award3y: {
    label: '近3年获省级及以上科技奖励（前三名）',
    unit: 'bool',
    read: (f) => awardReading(f, { PROVINCIAL: 3, NATIONAL: 3 }),
  },
  makerChinaTop500_3y: {
    label: '近3年进入"创客中国"大赛全国500强企业组',
    unit: 'bool',
    read: (f) => makerChinaReading(f, 'TOP500'),
  },
  makerChinaTop50_3y: {
    label: '近3年进入"创客中国"大赛全国50强企业组',
    unit: 'bool',
    read: (f) => makerChinaReading(f, 'TOP50'),
  },
  qualifyingHonour: {
    label: '有效期内的高新技术企业/国家级技术创新示范企业/知识产权优势或示范企业',
    unit: 'bool',
    read: (f) => {
      if (!f.honours) return unknown('honours');
      const names = f.honours.map((h) => HONOUR_NAMES[h]);
      return known(names.length > 0, names.join('、') || undefined);
    },
  },
  goodCredit: flag('经营规范、社会信誉良好（未列入经营异常/失信名单）', 'goodCredit'),
  coreProcessInformatized: flag('至少1项核心业务采用信息系统支撑', 'coreProcessInformatized'),
  managementCertification: flag('取得管理体系认证或发达国家和地区产品认证', 'managementCertification'),
  keyChainRole: flag('位于产业链关键环节，发挥补短板/锻长板/填空白作用', 'keyChainRole'),
  /**
   * 2022 小巨人 (品): any of the three field lists. A split fact that is true settles it, all three
   * false settle it; otherwise the former single flag, when stored; otherwise unknown.
   */
  mainProductInPriorityField: {
    label: '主导产品属于工业"六基"/制造强国十大重点产业/网络强国领域',
    unit: 'bool',
    read: (f) => {
      const split = PRIORITY_FIELD_FACTS.map((k) => [k, f[k]] as const);
      const hit = split.find(([, v]) => v === true);
      if (hit) return known(true, PRIORITY_FIELD_NAMES[hit[0]]);
      const blank = split.filter(([, v]) => v === undefined).map(([k]) => k);
      if (blank.length === 0) return known(false);
      if (typeof f.mainProductInPriorityField === 'boolean') return known(f.mainProductInPriorityField);
      return unknown(...blank);
    },
  },
  /**
   * 2026 小巨人 field (§8.7): 六基 only. The former single flag cannot say 六基: stored false (none of the
   * three lists) reads as false; stored true leaves it unknown until the split fact is given.
   */
  mainProductInSixFoundations: {
    label: '主导产品属于工业"六基"领域',
    unit: 'bool',
    read: (f) => {
      if (typeof f.mainProductInSixFoundations === 'boolean') return known(f.mainProductInSixFoundations);
      if (f.mainProductInPriorityField === false) return known(false, '原填报不属于"六基"、十大重点产业及网络强国领域');
      return unknown('mainProductInSixFoundations');
    },
  },
  ownBrand: {
    label: '拥有直面市场的自主品牌',
    unit: 'bool',
    read: (f) => (f.quality ? known(f.quality.ownBrand === true) : unknown('quality.ownBrand')),
  },
  /**
   * Holds a valid 专精特新 or 小巨人 title (DOMAIN.md §8.3): a LAPSED title (past 3 years, no renewal,
   * no pending re-review, §8.2) satisfies no prerequisite, whatever its tier.
   */
  specializedTitleValid: {
    label: '已认定为专精特新中小企业或"小巨人"企业（有效期内）',
    unit: 'bool',
    read: (f) => {
      const higher = f.certifiedTier === 'SPECIALIZED_SME' || f.certifiedTier === 'LITTLE_GIANT' || f.certifiedTier === 'KEY_LITTLE_GIANT';
      if (!higher) return known(false);
      const standing = titleStanding(titleOf(f), f.asOf);
      const name = f.certifiedTier === 'SPECIALIZED_SME' ? '专精特新' : '小巨人';
      if (standing.status === 'LAPSED') return known(false, `${name}称号已于${standing.expiresOn}失效`);
      const detail = standing.status === 'REVIEW_PENDING' ? `${name}，复核中，有效至${standing.reviewPendingUntil}` : f.certifiedTier === 'SPECIALIZED_SME' ? undefined : name;
      return known(true, claimMarked(f, detail));
    },
  },
  /**
   * Re-review (§8.3): the title under review counts as the prerequisite whatever its standing on
   * the day (the re-review date is the day the 3 years end). Only a 专精特新 or 小巨人 title is one.
   */
  specializedTitleUnderReview: {
    label: '受复核的专精特新中小企业或"小巨人"企业称号',
    unit: 'bool',
    read: (f) => {
      const higher = f.certifiedTier === 'SPECIALIZED_SME' || f.certifiedTier === 'LITTLE_GIANT' || f.certifiedTier === 'KEY_LITTLE_GIANT';
      return known(higher, higher ? `${f.certifiedTier === 'SPECIALIZED_SME' ? '专精特新' : '小巨人'}，受复核` : undefined);
    },
  },
  /** Re-review variant of {@link techOrInnovativeSme}: the title under review (any tier) satisfies it (§8.3). */
  techOrInnovativeSmeUnderReview: {
    label: '有效期内的科技型中小企业或创新型中小企业（复核时受复核的称号视为满足）',
    unit: 'bool',
    read: (f) => {
      if (f.techOrInnovativeSmeValid === true || f.certifiedTier !== 'NONE') return known(true);
      return f.techOrInnovativeSmeValid === false ? known(false) : unknown('techOrInnovativeSmeValid');
    },
  },
  /** 2026 专精特新 prerequisite (§8.3): 科技型 registration or a valid 创新型 title, which any valid higher title also satisfies. */
  techOrInnovativeSme: {
    label: '有效期内的科技型中小企业或创新型中小企业',
    unit: 'bool',
    read: (f) => {
      const titled = f.certifiedTier !== 'NONE' && effectiveTier(titleOf(f), f.asOf) !== 'NONE';
      if (f.techOrInnovativeSmeValid === true) return known(true);
      if (titled) return known(true, claimMarked(f, undefined));
      return f.techOrInnovativeSmeValid === false ? known(false) : unknown('techOrInnovativeSmeValid');
    },
  },
  /**
   * New applications (工信部企业〔2026〕2号附件1/附件2): the score of the assessment year only. An older
   * score is shown but settles nothing: the criterion stays PENDING until this year's is recorded.
   */
  platformScoreAssessmentYear: {
    label: '专精特新发展评价得分（平台测算，评价年度）',
    unit: 'points',
    read: (f) => {
      const y = yearOf(f.asOf);
      const own = (f.platformScores ?? []).find((s) => s.year === y);
      if (own) return known(own.score, `${y}年`);
      const older = (f.platformScores ?? []).filter((s) => s.year < y).sort((a, b) => b.year - a.year)[0];
      const reading = unknown(`platformScores[${y}]`);
      if (older) reading.detail = `未记录${y}年得分；${older.year}年为${older.score}分，不能代替评价年度得分`;
      return reading;
    },
  },
  /** Re-review: the better of this year's and last year's score; one missing year leaves it open. */
  platformScoreBest2y: {
    label: '专精特新发展评价得分（平台测算，近2年较高者）',
    unit: 'points',
    read: (f) => {
      const scores = recentPlatformScores(f);
      if (scores.length === 0) return unknown('platformScores');
      const best = Math.max(...scores.map((s) => s.score));
      return scores.length >= 2 ? known(best) : partial(best, 100, ['platformScores']);
    },
  },
} satisfies Record<string, MetricDef>;

export type MetricId = keyof typeof METRICS;

/** A metric's value when fully known, otherwise undefined (unknown or only bounded). */
export function metricValue(id: MetricId, facts: EnterpriseFacts): number | boolean | undefined {
  const r = (METRICS[id] as MetricDef).read(facts);
  return r.lo !== undefined && r.lo === r.hi ? r.lo : undefined;
}
