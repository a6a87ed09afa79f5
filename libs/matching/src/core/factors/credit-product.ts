/**
 * Credit products, two-sided: the bank's eligibility thresholds exclude, and how comfortably the
 * firm clears them is the ELIGIBILITY_MARGIN (split evenly among the thresholds the product sets);
 * the firm's financing need against amount and term; product type against the firm's assets;
 * rate, region and industry.
 */
import type { CreditListing, EnterpriseSide } from '../match-types.js';
import { PARAMS, WEIGHTS } from '../weights.js';
import { num, pct, tierName, wan } from '../reason-text.js';
import { fullYearsBetween } from '../dates.js';
import { industryCodes, industryFraction, regionFraction, regionPrefix, type IndustryCodes } from '../region-industry-fit.js';
import { TIER_RANK, clamp01, exclusion, factor, generalExclusions, maxPointsOf, scoreOfTenths, tenths, type Evaluation, type FirmFacts, type KindModel, type LazyReason, type ScoringFacts } from './factor-kit.js';

const W = WEIGHTS.CREDIT_PRODUCT;

// ---------------------------------------------------------------------------------------------
// ELIGIBILITY_MARGIN: each threshold the product sets excludes below it; above it, its margin.

/** A threshold the product sets, 0 when it sets none. */
const threshold = (value: number | null | undefined): number => (value != null && value > 0 ? value : 0);

/** Revenue at {@link PARAMS.revenueFullMarginMultiple} × the minimum earns the full share. */
const revenueMargin = (revenue: number, min: number): number => (revenue / min - 1) / (PARAMS.revenueFullMarginMultiple - 1);
/** Patents or years: twice the minimum earns the full share. */
const countMargin = (have: number, min: number): number => (have - min) / min;
/** Debt ratio at {@link PARAMS.debtFullMarginFraction} of the cap earns the full share. */
const debtMargin = (debt: number, max: number): number => (max > 0 ? (max - debt) / (max * (1 - PARAMS.debtFullMarginFraction)) : 1);

export function debtRatio(e: EnterpriseSide): number | undefined {
  const f = e.latestFinancials;
  if (!f || f.totalAssets == null || f.totalLiabilities == null || f.totalAssets <= 0) return undefined;
  return f.totalLiabilities / f.totalAssets;
}

// ---------------------------------------------------------------------------------------------
// AMOUNT_FIT and TERM_FIT: the firm's financing need (0 when it states none).

const amountFraction = (amount: number, min: number, max: number): number =>
  amount > max ? (PARAMS.amountAboveMaxFactor * max) / amount : amount < min ? PARAMS.amountBelowMinFraction : 1;
const termFraction = (months: number, max: number): number => (months <= max ? 1 : (PARAMS.termAboveMaxFactor * max) / months);

// ---------------------------------------------------------------------------------------------
// PRODUCT_TYPE_FIT: the product type against the firm's assets.

export function productTypeFit(e: EnterpriseSide, type: string): { fraction: number; label: () => string } {
  const f = e.latestFinancials;
  switch (type) {
    case 'IP_PLEDGE': {
      const other = e.ip.utilityModels + e.ip.softwareCopyrights + e.ip.trademarks;
      const weighted = e.ip.inventionPatents + PARAMS.ipPledgeOtherIpWeight * other;
      return {
        fraction: weighted / PARAMS.ipPledgeFullAt,
        label: () => weighted > 0 ? `知识产权质押：发明专利 ${e.ip.inventionPatents} 件、其他知识产权 ${other} 件可质押` : '知识产权质押：无可质押的知识产权',
      };
    }
    case 'LOAN_INVESTMENT_LINKAGE': {
      const eq = f?.equityFinancing ?? 0;
      return eq > 0
        ? { fraction: 1, label: () => `贷投联动：${f!.year} 年股权融资 ${wan(eq)} 万元` }
        : f?.equityFinancing == null
          ? { fraction: PARAMS.unknownTypeFitFraction, label: () => '贷投联动：股权融资未填报' }
          : { fraction: 0, label: () => `贷投联动：${f.year} 年无股权融资` };
    }
    case 'TALENT_LOAN': {
      const rd = f?.rdEmployees;
      return rd == null
        ? { fraction: PARAMS.unknownTypeFitFraction, label: () => '人才贷：研发人员数未填报' }
        : { fraction: rd / PARAMS.talentLoanFullAtRdStaff, label: () => `人才贷：研发人员 ${rd} 人` };
    }
    case 'ORDER_FINANCING':
    case 'SUPPLY_CHAIN': {
      const name = type === 'ORDER_FINANCING' ? '订单融资' : '供应链融资';
      if (e.anchorRelations === true) return { fraction: 1, label: () => `${name}：企业与核心企业有订单/供货关系` };
      if (e.anchorRelations === false) return { fraction: 0, label: () => `${name}：企业无核心企业订单/供货关系` };
      return { fraction: PARAMS.unknownTypeFitFraction, label: () => `${name}：未说明与核心企业的订单/供货关系` };
    }
    case 'TECH_REFINANCING':
      return e.tier !== 'NONE'
        ? { fraction: 1, label: () => `科技创新再贷款：支持${tierName(e.tier)}` }
        : { fraction: PARAMS.unknownTypeFitFraction, label: () => '科技创新再贷款：企业暂无梯度认定' };
    case 'CREDIT_LOAN': {
      const rank = TIER_RANK[e.tier] ?? 0;
      return { fraction: PARAMS.neutralTypeFitFraction + rank * 0.125, label: () => `信用贷：企业梯度 ${tierName(e.tier)}` };
    }
    default:
      return { fraction: PARAMS.neutralTypeFitFraction, label: () => '其他类型产品：无特定匹配条件' };
  }
}

/** {@link productTypeFit}'s fraction without its label (the exact score's). */
export function productTypeFraction(e: EnterpriseSide, type: string): number {
  const f = e.latestFinancials;
  switch (type) {
    case 'IP_PLEDGE':
      return (e.ip.inventionPatents + PARAMS.ipPledgeOtherIpWeight * (e.ip.utilityModels + e.ip.softwareCopyrights + e.ip.trademarks)) / PARAMS.ipPledgeFullAt;
    case 'LOAN_INVESTMENT_LINKAGE':
      return (f?.equityFinancing ?? 0) > 0 ? 1 : f?.equityFinancing == null ? PARAMS.unknownTypeFitFraction : 0;
    case 'TALENT_LOAN': {
      const rd = f?.rdEmployees;
      return rd == null ? PARAMS.unknownTypeFitFraction : rd / PARAMS.talentLoanFullAtRdStaff;
    }
    case 'ORDER_FINANCING':
    case 'SUPPLY_CHAIN':
      return e.anchorRelations === true ? 1 : e.anchorRelations === false ? 0 : PARAMS.unknownTypeFitFraction;
    case 'TECH_REFINANCING':
      return e.tier !== 'NONE' ? 1 : PARAMS.unknownTypeFitFraction;
    case 'CREDIT_LOAN':
      return PARAMS.neutralTypeFitFraction + (TIER_RANK[e.tier] ?? 0) * 0.125;
    default:
      return PARAMS.neutralTypeFitFraction;
  }
}

// ---------------------------------------------------------------------------------------------
// RATE: the middle of the product's range between the worst and best rates of PARAMS.

const midRate = (l: Pick<CreditListing, 'annualRateMin' | 'annualRateMax'>): number => (l.annualRateMin + l.annualRateMax) / 2;
/** Unclamped. */
export const rateFraction = (midPercent: number): number => (PARAMS.rateWorstPercent - midPercent) / (PARAMS.rateWorstPercent - PARAMS.rateBestPercent);

// ---------------------------------------------------------------------------------------------
// The scorer's evaluation

function evaluate(e: EnterpriseSide, l: CreditListing, today: string): Evaluation {
  const { excluded, region, industry } = generalExclusions(e, l, true);
  const revenue = e.latestFinancials?.revenue;
  const patents = e.ip.inventionPatents;
  const years = fullYearsBetween(e.foundedOn, today);
  const debt = debtRatio(e);

  // Bank's side, hard: each threshold, with its margin for the soft factor.
  const margins: Array<{ code: string; fraction: number; label: () => string }> = [];
  if (l.eligibleTiers.length > 0) {
    const admitted = l.eligibleTiers.includes(e.tier);
    const label = () => `企业梯度 ${tierName(e.tier)}${admitted ? '属于' : '不属于'}产品准入梯度（${l.eligibleTiers.map(tierName).join('、')}）`;
    if (admitted) margins.push({ code: 'CREDIT.MARGIN.TIER', fraction: 1, label });
    else excluded.push(exclusion('CREDIT.TIER_NOT_ADMITTED', label));
  }
  const minRevenue = threshold(l.minAnnualRevenue);
  if (minRevenue > 0) {
    const min = minRevenue;
    if (revenue == null) excluded.push(exclusion('CREDIT.REVENUE_UNKNOWN', () => `营业收入未填报，产品要求 ≥ ${wan(min)} 万元`));
    else if (revenue < min) excluded.push(exclusion('CREDIT.REVENUE_BELOW_MIN', () => `营业收入 ${wan(revenue)} 万元 < 产品要求 ${wan(min)} 万元`));
    else
      margins.push({
        code: 'CREDIT.MARGIN.REVENUE',
        fraction: revenueMargin(revenue, min),
        label: () => `营业收入 ${wan(revenue)} 万元 ≥ 产品要求 ${wan(min)} 万元（${num(revenue / min, 1)} 倍）`,
      });
  }
  const minPatents = threshold(l.minInventionPatents);
  if (minPatents > 0) {
    const min = minPatents;
    if (patents < min) excluded.push(exclusion('CREDIT.PATENTS_BELOW_MIN', () => `发明专利 ${patents} 件 < 产品要求 ${min} 件`));
    else margins.push({ code: 'CREDIT.MARGIN.PATENTS', fraction: countMargin(patents, min), label: () => `发明专利 ${patents} 件 ≥ 产品要求 ${min} 件` });
  }
  const minYears = threshold(l.minYearsInBusiness);
  if (minYears > 0) {
    const min = minYears;
    if (years < min) excluded.push(exclusion('CREDIT.YEARS_BELOW_MIN', () => `成立 ${years} 年 < 产品要求 ${min} 年`));
    else margins.push({ code: 'CREDIT.MARGIN.YEARS', fraction: countMargin(years, min), label: () => `成立 ${years} 年 ≥ 产品要求 ${min} 年` });
  }
  if (l.maxDebtRatio != null) {
    const max = l.maxDebtRatio;
    if (debt === undefined) margins.push({ code: 'CREDIT.MARGIN.DEBT', fraction: 0, label: () => `资产负债率未知（产品要求 ≤ ${pct(max)}）` });
    else if (debt > max) excluded.push(exclusion('CREDIT.DEBT_ABOVE_MAX', () => `资产负债率 ${pct(debt)} > 产品上限 ${pct(max)}`));
    else margins.push({ code: 'CREDIT.MARGIN.DEBT', fraction: debtMargin(debt, max), label: () => `资产负债率 ${pct(debt)} ≤ 产品上限 ${pct(max)}` });
  }
  if (excluded.length) return { excluded };

  const raw: LazyReason[] = [];
  if (margins.length === 0) raw.push(factor('CREDIT.MARGIN.NONE', W.ELIGIBILITY_MARGIN, 1, () => '产品未设准入门槛'));
  else for (const m of margins) raw.push(factor(m.code, W.ELIGIBILITY_MARGIN / margins.length, m.fraction, m.label));

  // Firm's side: amount and term.
  const need = e.financingNeed;
  const range = () => `${wan(l.amountMin)}–${wan(l.amountMax)} 万元`;
  if (!need) {
    raw.push(factor('CREDIT.AMOUNT_FIT', W.AMOUNT_FIT, 0, () => `企业未填写融资需求（产品额度 ${range()}）`));
    raw.push(factor('CREDIT.TERM_FIT', W.TERM_FIT, 0, () => `企业未填写融资期限（产品最长 ${l.termMonthsMax} 个月）`));
  } else {
    const a = need.amount;
    raw.push(
      factor('CREDIT.AMOUNT_FIT', W.AMOUNT_FIT, amountFraction(a, l.amountMin, l.amountMax), () =>
        a > l.amountMax
          ? `融资需求 ${wan(a)} 万元超出额度上限 ${wan(l.amountMax)} 万元`
          : a < l.amountMin
            ? `融资需求 ${wan(a)} 万元低于起贷额 ${wan(l.amountMin)} 万元`
            : `融资需求 ${wan(a)} 万元在额度 ${range()}内`,
      ),
    );
    const t = need.termMonths;
    raw.push(
      factor('CREDIT.TERM_FIT', W.TERM_FIT, termFraction(t, l.termMonthsMax), () =>
        t <= l.termMonthsMax ? `期限需求 ${t} 个月 ≤ 产品最长 ${l.termMonthsMax} 个月` : `期限需求 ${t} 个月 > 产品最长 ${l.termMonthsMax} 个月`,
      ),
    );
  }

  const type = productTypeFit(e, l.productType);
  raw.push(factor('CREDIT.PRODUCT_TYPE_FIT', W.PRODUCT_TYPE_FIT, type.fraction, type.label));

  const mid = midRate(l);
  raw.push(factor('CREDIT.RATE', W.RATE, rateFraction(mid), () => `年利率 ${num(l.annualRateMin)}%–${num(l.annualRateMax)}%（中位 ${num(mid)}%）`));
  raw.push(factor('CREDIT.REGION', W.REGION, region.fraction, region.label));
  raw.push(factor('CREDIT.INDUSTRY', W.INDUSTRY, industry.fraction, industry.label));
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// The engine's pre-check and bound

interface CreditFigures {
  /** Thresholds, 0 = none. */
  minRevenue: number;
  minPatents: number;
  minYears: number;
  tiered: boolean;
  debtCapped: boolean;
  amountMin: number;
  amountMax: number;
  termMax: number;
  productType: string;
  /** The listing-only points: rate exactly, region and industry at their maximum. */
  listingPoints: number;
  /** Admitted tiers (empty = every tier). */
  tiers: readonly string[];
  maxDebtRatio: number | null;
  /** RATE in tenths (listing-only). */
  rateTenths: number;
  regions: string[];
  industries: IndustryCodes;
}

function prepare(l: CreditListing): CreditFigures {
  return {
    minRevenue: threshold(l.minAnnualRevenue),
    minPatents: threshold(l.minInventionPatents),
    minYears: threshold(l.minYearsInBusiness),
    tiered: l.eligibleTiers.length > 0,
    debtCapped: l.maxDebtRatio != null,
    amountMin: l.amountMin,
    amountMax: l.amountMax,
    termMax: l.termMonthsMax,
    productType: l.productType,
    listingPoints: W.RATE * clamp01(rateFraction(midRate(l))) + W.REGION + W.INDUSTRY,
    tiers: l.eligibleTiers,
    maxDebtRatio: l.maxDebtRatio ?? null,
    rateTenths: tenths(W.RATE, rateFraction(midRate(l))),
    regions: l.regionCodes.map(regionPrefix),
    industries: industryCodes(l.industryCodes),
  };
}

/** Tiers and region are settled by the listing index (credit products are filed under the tiers and regions they admit). */
function precheck(x: CreditFigures, f: FirmFacts): boolean {
  if (x.minRevenue > 0 && f.revenue < x.minRevenue) return false;
  if (x.minPatents > 0 && f.e.ip.inventionPatents < x.minPatents) return false;
  return !(x.minYears > 0 && f.years < x.minYears);
}

/** The margin as `evaluate` splits it, with the debt-ratio share at its maximum (the debt ratio is no firm fact). */
function marginBound(x: CreditFigures, f: FirmFacts): number {
  const fractions: number[] = [];
  if (x.tiered) fractions.push(1);
  if (x.minRevenue > 0) fractions.push(revenueMargin(f.revenue, x.minRevenue));
  if (x.minPatents > 0) fractions.push(countMargin(f.e.ip.inventionPatents, x.minPatents));
  if (x.minYears > 0) fractions.push(countMargin(f.years, x.minYears));
  if (x.debtCapped) fractions.push(1);
  if (fractions.length === 0) return W.ELIGIBILITY_MARGIN;
  return fractions.reduce((sum, fr) => sum + (W.ELIGIBILITY_MARGIN / fractions.length) * clamp01(fr), 0);
}

/** Margin, type, amount, term and rate exactly; region and industry at their maximum. */
function bound(x: CreditFigures, f: FirmFacts): number {
  const need = f.e.financingNeed;
  const type = f.partial ? W.PRODUCT_TYPE_FIT : W.PRODUCT_TYPE_FIT * clamp01(productTypeFit(f.e, x.productType).fraction);
  const margin = f.partial ? W.ELIGIBILITY_MARGIN : marginBound(x, f);
  if (!need) return x.listingPoints + type + margin;
  const amount = W.AMOUNT_FIT * clamp01(amountFraction(need.amount, x.amountMin, x.amountMax));
  const term = W.TERM_FIT * clamp01(termFraction(need.termMonths, x.termMax));
  return x.listingPoints + type + margin + amount + term;
}

/**
 * `evaluate`'s score, label-free: every exclusion, then the factors in `evaluate`'s order (the
 * margins split in the order tier, revenue, patents, years, debt).
 */
function score(x: CreditFigures, f: ScoringFacts): number | null {
  const region = regionFraction(x.regions, f.region);
  const industry = industryFraction(x.industries, f.industry);
  if (region < 0 || industry < 0) return null;
  const e = f.e;
  const revenue = e.latestFinancials?.revenue;
  const patents = e.ip.inventionPatents;
  // The bank's thresholds: exclusions first, counting the margins they set.
  let margins = 0;
  if (x.tiers.length > 0) {
    if (!x.tiers.includes(e.tier)) return null;
    margins++;
  }
  if (x.minRevenue > 0) {
    if (revenue == null || revenue < x.minRevenue) return null;
    margins++;
  }
  if (x.minPatents > 0) {
    if (patents < x.minPatents) return null;
    margins++;
  }
  if (x.minYears > 0) {
    if (f.years < x.minYears) return null;
    margins++;
  }
  if (x.maxDebtRatio != null) {
    if (f.debt !== undefined && f.debt > x.maxDebtRatio) return null;
    margins++;
  }
  // Then each margin's share, in evaluate's order (sums start at 0 as finalize's do).
  let sum = 0;
  if (margins === 0) sum += tenths(W.ELIGIBILITY_MARGIN, 1);
  else {
    const share = W.ELIGIBILITY_MARGIN / margins;
    if (x.tiers.length > 0) sum += tenths(share, 1);
    if (x.minRevenue > 0) sum += tenths(share, revenueMargin(revenue!, x.minRevenue));
    if (x.minPatents > 0) sum += tenths(share, countMargin(patents, x.minPatents));
    if (x.minYears > 0) sum += tenths(share, countMargin(f.years, x.minYears));
    if (x.maxDebtRatio != null) sum += tenths(share, f.debt === undefined ? 0 : debtMargin(f.debt, x.maxDebtRatio));
  }
  const need = e.financingNeed;
  if (!need) {
    sum += tenths(W.AMOUNT_FIT, 0);
    sum += tenths(W.TERM_FIT, 0);
  } else {
    sum += tenths(W.AMOUNT_FIT, amountFraction(need.amount, x.amountMin, x.amountMax));
    sum += tenths(W.TERM_FIT, termFraction(need.termMonths, x.termMax));
  }
  sum += tenths(W.PRODUCT_TYPE_FIT, productTypeFraction(e, x.productType));
  sum += x.rateTenths;
  sum += tenths(W.REGION, region);
  sum += tenths(W.INDUSTRY, industry);
  return scoreOfTenths(sum);
}

export const creditProductModel: KindModel<CreditListing, CreditFigures> = { maxPoints: maxPointsOf(W), evaluate, prepare, precheck, bound, score };
