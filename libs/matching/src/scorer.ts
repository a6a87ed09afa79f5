/**
 * The matching scorer (pure and deterministic): hard constraints exclude; otherwise each soft
 * factor of {@link WEIGHTS} earns 0..max points and the score (0–100, one decimal) is the exact sum
 * of the reasons' contributions. Two-sided kinds show both sides in the reasons: a bank's
 * eligibility next to the firm's need; a challenge poster's tier preference next to the firm's fit.
 */
import type {
  ChallengeListing,
  CreditListing,
  EnterpriseSide,
  ListingSide,
  MatchResult,
  ScoreOptions,
  ServiceListing,
  VacancyListing,
} from './match-types.js';
import { diceOverlap } from './text-similarity.js';
import { GAP_CATEGORY_RULES, PARAMS, WEIGHTS } from './weights.js';
import { RETIRED_REGION_CODES, regionName, regionStem } from '../../identity/src/regions/region-codes.js';
import { industryName } from '../../enterprises/src/industry-codes.js';

export function scoreMatch(enterprise: EnterpriseSide, listing: ListingSide, options: ScoreOptions = {}): MatchResult {
  const evaluation = evaluate(enterprise, listing, options);
  if ('excluded' in evaluation) return { eligible: false, excludedBy: evaluation.excluded.map((x) => ({ code: x.code, label: x.label(), contribution: 0 })) };
  return finalize(evaluation.raw.map((r) => ({ code: r.code, label: r.label(), points: r.points })));
}

/**
 * The score `scoreMatch` would give (null when it would exclude the pair), without building any
 * label: the same evaluation and rounding, for ranking many pairs before explaining the best ones.
 */
export function scoreValue(enterprise: EnterpriseSide, listing: ListingSide, options: ScoreOptions = {}): number | null {
  const evaluation = evaluate(enterprise, listing, options);
  return 'excluded' in evaluation ? null : roundedScore(evaluation.raw.map((r) => r.points)) / 10;
}

function evaluate(enterprise: EnterpriseSide, listing: ListingSide, options: ScoreOptions): Evaluation {
  const today = options.today ?? enterprise.asOf;
  switch (listing.kind) {
    case 'CREDIT_PRODUCT':
      return scoreCredit(enterprise, listing, today);
    case 'SERVICE_OFFERING':
      return scoreService(enterprise, listing);
    case 'CHALLENGE':
      return scoreChallenge(enterprise, listing, today);
    case 'PARK_VACANCY':
      return scoreVacancy(enterprise, listing);
  }
}

// ---------------------------------------------------------------------------------------------
// Display helpers

export const TIER_LABELS: Readonly<Record<string, string>> = {
  NONE: '无梯度',
  INNOVATIVE_SME: '创新型中小企业',
  SPECIALIZED_SME: '专精特新中小企业',
  LITTLE_GIANT: '专精特新“小巨人”',
  KEY_LITTLE_GIANT: '重点“小巨人”',
};
export const TIER_RANK: Readonly<Record<string, number>> = { NONE: 0, INNOVATIVE_SME: 1, SPECIALIZED_SME: 2, LITTLE_GIANT: 3, KEY_LITTLE_GIANT: 4 };

export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  TECH_INNOVATION: '技术创新',
  INTELLECTUAL_PROPERTY: '知识产权',
  DIGITAL_TRANSFORMATION: '数字化转型',
  GREEN_LOW_CARBON: '绿色低碳',
  FINANCING_ADVISORY: '融资服务',
  MARKET_EXPANSION: '市场开拓',
  MANAGEMENT_CONSULTING: '管理咨询',
  INDUSTRY_MATCHING: '产业对接',
  TALENT_TRAINING: '人才培训',
  LEGAL_TAX: '法律财税',
  TESTING_CERTIFICATION: '检验检测认证',
  POLICY_APPLICATION: '政策申报',
};

const tierName = (t: string): string => TIER_LABELS[t] ?? t;
const categoryName = (c: string): string => CATEGORY_LABELS[c] ?? c;
/** Up to 2 decimals, trailing zeros trimmed. */
const num = (n: number, decimals = 2): string => String(Number(n.toFixed(decimals)));
const wan = (yuan: number): string => num(yuan / 10_000);
const pct = (fraction: number): string => `${num(fraction * 100, 1)}%`;
export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const list = (xs: readonly string[]): string => (xs.length ? xs.join('、') : '无');

/**
 * People read regions and industries by name, never by code (330281 → 余姚市, C3484 → 通用设备制造业).
 * Both tables are pure data modules (identity regions, enterprises industry codes) with no imports.
 */
export const placeName = (code: string): string => regionName(code) ?? RETIRED_REGION_CODES.get(code)?.name ?? '未收录的地区';
export const industryLabel = (code: string): string => industryName(code.trim().toUpperCase()) ?? '未收录的行业';
/** Names of a code list, each name once, in order. */
const names = (codes: readonly string[], name: (c: string) => string): string => list([...new Set(codes.map(name))]);

/** Memoised date arithmetic: scoring many pairs repeats the same few thousand date pairs. */
const yearsMemo = new Map<string, Map<string, number>>();
const daysMemo = new Map<string, Map<string, number>>();
function memoDates(memo: Map<string, Map<string, number>>, from: string, to: string, compute: () => number): number {
  let byFrom = memo.get(to);
  if (!byFrom) memo.set(to, (byFrom = new Map()));
  let v = byFrom.get(from);
  if (v === undefined) {
    if (byFrom.size > 50_000) byFrom.clear();
    v = compute();
    byFrom.set(from, v);
  }
  return v;
}

/** Whole years from `from` to `to` (ISO dates); the anniversary itself counts. */
export function fullYearsBetween(from: string, to: string): number {
  return memoDates(yearsMemo, from, to, () => {
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
  });
}

export function daysBetween(from: string, to: string): number {
  return memoDates(daysMemo, from, to, () => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

// ---------------------------------------------------------------------------------------------
// Region and industry

/** GB/T 2260: 330000 → 33 (province), 330200 → 3302 (city), 330211 → 330211 (district). */
const prefixes = new Map<string, string>();
/** Memoised: the few hundred region codes recur in every pair. */
export const regionPrefix = (code: string): string => {
  let p = prefixes.get(code);
  if (p === undefined) {
    p = regionStem(code);
    if (prefixes.size > 10_000) prefixes.clear();
    prefixes.set(code, p);
  }
  return p;
};

/** A fit whose label is built only when read. */
interface LazyFit {
  ok: boolean;
  fraction: number;
  label: () => string;
}

/** A product's rate, by the middle of its range, between the worst and best rates of PARAMS (unclamped). */
export const rateFraction = (midPercent: number): number => (PARAMS.rateWorstPercent - midPercent) / (PARAMS.rateWorstPercent - PARAMS.rateBestPercent);

/** How precisely region stem `p` covers stem `target` (exact, city, province), 0 when it does not. */
export const regionPrecision = (p: string, target: string): number =>
  !target.startsWith(p) ? 0 : p === target ? PARAMS.region.exact : p.length <= 2 ? PARAMS.region.province : PARAMS.region.city;

/** Does one of `allowed` cover `code`, and how precisely? Empty `allowed` = anywhere. */
function lazyRegionFit(allowed: readonly string[], code: string): LazyFit {
  if (allowed.length === 0) return { ok: true, fraction: PARAMS.region.anywhere, label: () => `不限地区（企业所在${placeName(code)}）` };
  const target = regionPrefix(code);
  let best: { fraction: number; by: string } | undefined;
  for (const a of allowed) {
    const fraction = regionPrecision(regionPrefix(a), target);
    if (fraction > 0 && (!best || fraction > best.fraction)) best = { fraction, by: a };
  }
  if (!best) return { ok: false, fraction: 0, label: () => `地区${placeName(code)}不在${names(allowed, placeName)}范围内` };
  const by = best.by;
  return { ok: true, fraction: best.fraction, label: () => (by === code ? `地区${placeName(code)}完全一致` : `地区${placeName(code)}属于${placeName(by)}`) };
}

/** GB/T 4754 prefix match in either direction (C covers C34, C34 covers C3484 and vice versa). */
function lazyIndustryFit(allowed: readonly string[], code: string): LazyFit {
  const firm = code.trim().toUpperCase();
  if (allowed.length === 0) return { ok: true, fraction: PARAMS.industry.anywhere, label: () => `不限行业（企业行业：${industryLabel(firm)}）` };
  let best: { fraction: number; by: string } | undefined;
  for (const raw of allowed) {
    const a = raw.trim().toUpperCase();
    if (!a || !(firm.startsWith(a) || a.startsWith(firm))) continue;
    const fraction = a.length >= firm.length ? PARAMS.industry.exact : a.length === 1 ? PARAMS.industry.section : PARAMS.industry.division;
    if (!best || fraction > best.fraction) best = { fraction, by: a };
  }
  if (!best) return { ok: false, fraction: 0, label: () => `行业「${industryLabel(firm)}」不在「${names(allowed, industryLabel)}」范围内` };
  const by = best.by;
  return {
    ok: true,
    fraction: best.fraction,
    label: () => {
      const [mine, theirs] = [industryLabel(firm), industryLabel(by)];
      return by === firm ? `行业「${mine}」完全一致` : mine === theirs ? `行业「${mine}」相符` : `行业「${mine}」与「${theirs}」相符`;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Assembly

export interface RawReason {
  code: string;
  label: string;
  /** Unrounded points. */
  points: number;
}

/** Reasons and exclusions carry their label as a function, called only when the result is explained. */
interface LazyReason {
  code: string;
  label: () => string;
  points: number;
}
interface LazyExclusion {
  code: string;
  label: () => string;
}
type Evaluation = { excluded: LazyExclusion[] } | { raw: LazyReason[] };

const exclusion = (code: string, label: () => string): LazyExclusion => ({ code, label });

const factor = (code: string, max: number, fraction: number, label: () => string): LazyReason => ({
  code,
  label,
  points: max * clamp01(fraction),
});

const tenthsOf = (points: readonly number[]): number[] => points.map((p) => Math.round(p * 10 * 1e6) / 1e6);
/** The score in tenths: the rounded sum of the reasons' points. */
const roundedScore = (points: readonly number[]): number => Math.round(tenthsOf(points).reduce((s, t) => s + t, 0));

/**
 * Rounds to tenths so that the contributions sum exactly to the score: the score is the rounded
 * raw sum; each reason gets its floor in tenths and the leftover tenths go to the largest
 * remainders (ties: earlier reason first).
 */
export function finalize(raw: readonly RawReason[]): MatchResult {
  const tenths = tenthsOf(raw.map((r) => r.points));
  const floors = tenths.map((t) => Math.floor(t));
  const target = roundedScore(raw.map((r) => r.points));
  let left = target - floors.reduce((s, f) => s + f, 0);
  const order = tenths.map((t, i) => ({ i, rem: t - Math.floor(t) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  const reasons = raw.map((r, i) => ({ code: r.code, label: r.label, contribution: floors[i]! / 10 }));
  return { eligible: true, score: target / 10, reasons };
}

function generalExclusions(e: EnterpriseSide, l: ListingSide, checkRegion: boolean): { excluded: LazyExclusion[]; region: LazyFit; industry: LazyFit } {
  const excluded: LazyExclusion[] = [];
  const region = lazyRegionFit(l.regionCodes, e.regionCode);
  const industry = lazyIndustryFit(l.industryCodes, e.industryCode);
  if (checkRegion && !region.ok) excluded.push(exclusion('REGION_MISMATCH', () => `企业所在${region.label()}`));
  if (!industry.ok) excluded.push(exclusion('INDUSTRY_MISMATCH', () => `企业${industry.label()}`));
  return { excluded, region, industry };
}

// ---------------------------------------------------------------------------------------------
// Credit products

function debtRatio(e: EnterpriseSide): number | undefined {
  const f = e.latestFinancials;
  if (!f || f.totalAssets == null || f.totalLiabilities == null || f.totalAssets <= 0) return undefined;
  return f.totalLiabilities / f.totalAssets;
}

function scoreCredit(e: EnterpriseSide, l: CreditListing, today: string): Evaluation {
  const W = WEIGHTS.CREDIT_PRODUCT;
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
  if (l.minAnnualRevenue != null && l.minAnnualRevenue > 0) {
    const min = l.minAnnualRevenue;
    if (revenue == null) excluded.push(exclusion('CREDIT.REVENUE_UNKNOWN', () => `营业收入未填报，产品要求 ≥ ${wan(min)} 万元`));
    else if (revenue < min) excluded.push(exclusion('CREDIT.REVENUE_BELOW_MIN', () => `营业收入 ${wan(revenue)} 万元 < 产品要求 ${wan(min)} 万元`));
    else
      margins.push({
        code: 'CREDIT.MARGIN.REVENUE',
        fraction: (revenue / min - 1) / (PARAMS.revenueFullMarginMultiple - 1),
        label: () => `营业收入 ${wan(revenue)} 万元 ≥ 产品要求 ${wan(min)} 万元（${num(revenue / min, 1)} 倍）`,
      });
  }
  if (l.minInventionPatents != null && l.minInventionPatents > 0) {
    const min = l.minInventionPatents;
    if (patents < min) excluded.push(exclusion('CREDIT.PATENTS_BELOW_MIN', () => `发明专利 ${patents} 件 < 产品要求 ${min} 件`));
    else margins.push({ code: 'CREDIT.MARGIN.PATENTS', fraction: (patents - min) / min, label: () => `发明专利 ${patents} 件 ≥ 产品要求 ${min} 件` });
  }
  if (l.minYearsInBusiness != null && l.minYearsInBusiness > 0) {
    const min = l.minYearsInBusiness;
    if (years < min) excluded.push(exclusion('CREDIT.YEARS_BELOW_MIN', () => `成立 ${years} 年 < 产品要求 ${min} 年`));
    else margins.push({ code: 'CREDIT.MARGIN.YEARS', fraction: (years - min) / min, label: () => `成立 ${years} 年 ≥ 产品要求 ${min} 年` });
  }
  if (l.maxDebtRatio != null) {
    const max = l.maxDebtRatio;
    if (debt === undefined) margins.push({ code: 'CREDIT.MARGIN.DEBT', fraction: 0, label: () => `资产负债率未知（产品要求 ≤ ${pct(max)}）` });
    else if (debt > max) excluded.push(exclusion('CREDIT.DEBT_ABOVE_MAX', () => `资产负债率 ${pct(debt)} > 产品上限 ${pct(max)}`));
    else
      margins.push({
        code: 'CREDIT.MARGIN.DEBT',
        fraction: max > 0 ? (max - debt) / (max * (1 - PARAMS.debtFullMarginFraction)) : 1,
        label: () => `资产负债率 ${pct(debt)} ≤ 产品上限 ${pct(max)}`,
      });
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
    if (a > l.amountMax)
      raw.push(factor('CREDIT.AMOUNT_FIT', W.AMOUNT_FIT, (PARAMS.amountAboveMaxFactor * l.amountMax) / a, () => `融资需求 ${wan(a)} 万元超出额度上限 ${wan(l.amountMax)} 万元`));
    else if (a < l.amountMin)
      raw.push(factor('CREDIT.AMOUNT_FIT', W.AMOUNT_FIT, PARAMS.amountBelowMinFraction, () => `融资需求 ${wan(a)} 万元低于起贷额 ${wan(l.amountMin)} 万元`));
    else raw.push(factor('CREDIT.AMOUNT_FIT', W.AMOUNT_FIT, 1, () => `融资需求 ${wan(a)} 万元在额度 ${range()}内`));
    const t = need.termMonths;
    if (t <= l.termMonthsMax) raw.push(factor('CREDIT.TERM_FIT', W.TERM_FIT, 1, () => `期限需求 ${t} 个月 ≤ 产品最长 ${l.termMonthsMax} 个月`));
    else raw.push(factor('CREDIT.TERM_FIT', W.TERM_FIT, (PARAMS.termAboveMaxFactor * l.termMonthsMax) / t, () => `期限需求 ${t} 个月 > 产品最长 ${l.termMonthsMax} 个月`));
  }

  const type = productTypeFit(e, l.productType);
  raw.push(factor('CREDIT.PRODUCT_TYPE_FIT', W.PRODUCT_TYPE_FIT, type.fraction, type.label));

  const mid = (l.annualRateMin + l.annualRateMax) / 2;
  raw.push(
    factor(
      'CREDIT.RATE',
      W.RATE,
      rateFraction(mid),
      () => `年利率 ${num(l.annualRateMin)}%–${num(l.annualRateMax)}%（中位 ${num(mid)}%）`,
    ),
  );
  raw.push(factor('CREDIT.REGION', W.REGION, region.fraction, region.label));
  raw.push(factor('CREDIT.INDUSTRY', W.INDUSTRY, industry.fraction, industry.label));
  return { raw };
}

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

// ---------------------------------------------------------------------------------------------
// Services

/** Gap items named in a label; the count covers all of them. */
const MAX_GAPS_SHOWN = 3;

/** The service category that closes an unmet criterion, by the code's dot segments. */
export function gapCategory(criterionCode: string): string | undefined {
  const segments = criterionCode.split('.');
  for (const rule of GAP_CATEGORY_RULES) if (segments.some((s) => rule.segment.test(s))) return rule.category;
  return undefined;
}

function scoreService(e: EnterpriseSide, l: ServiceListing): Evaluation {
  const W = WEIGHTS.SERVICE_OFFERING;
  const { excluded, region } = generalExclusions(e, l, true);
  if (excluded.length) return { excluded };
  const cat = categoryName(l.category);
  const raw: LazyReason[] = [];

  const needed = e.serviceNeeds.includes(l.category);
  raw.push(
    factor(
      'SERVICE.CATEGORY_NEED',
      W.CATEGORY_NEED,
      needed ? 1 : 0,
      () => needed ? `服务类别「${cat}」在企业服务需求中` : `服务类别「${cat}」不在企业服务需求（${list(e.serviceNeeds.map(categoryName))}）中`,
    ),
  );

  const gaps: string[] = [];
  for (const a of e.latestAssessments) {
    if (a.eligible) continue;
    for (const c of a.criteria)
      if (c.status === 'UNMET' && gapCategory(c.code) === l.category) gaps.push(`${tierName(a.tier)} ${c.label ?? c.code}`);
  }
  const uniqueGaps = [...new Set(gaps)];
  const gapFraction = uniqueGaps.length === 0 ? 0 : uniqueGaps.length === 1 ? PARAMS.singleGapFraction : 1;
  const gapLabel = () =>
    e.latestAssessments.length === 0
      ? '企业暂无梯度测评'
      : uniqueGaps.length === 0
        ? `梯度测评中无「${cat}」可补足的未达标项`
        : `梯度测评缺口 ${uniqueGaps.length} 项可由「${cat}」补足：${uniqueGaps.slice(0, MAX_GAPS_SHOWN).join('；')}${uniqueGaps.length > MAX_GAPS_SHOWN ? ' 等' : ''} 未达标`;
  raw.push(factor('SERVICE.TIER_GAP', W.TIER_GAP, gapFraction, gapLabel));

  raw.push(factor('SERVICE.REGION', W.REGION, region.fraction, region.label));
  raw.push(factor('SERVICE.VOUCHER', W.VOUCHER, l.acceptsServiceVoucher ? 1 : 0, () => l.acceptsServiceVoucher ? '可使用服务券' : '不接受服务券'));
  const rating = l.providerRating;
  raw.push(
    rating == null
      ? factor('SERVICE.PROVIDER_RATING', W.PROVIDER_RATING, PARAMS.unratedProviderFraction, () => '服务商暂无评分')
      : factor('SERVICE.PROVIDER_RATING', W.PROVIDER_RATING, (rating - 1) / 4, () => `服务商评分 ${num(rating, 1)} / 5`),
  );
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// Challenges (揭榜挂帅)

function scoreChallenge(e: EnterpriseSide, l: ChallengeListing, today: string): Evaluation {
  const W = WEIGHTS.CHALLENGE;
  const { excluded, region, industry } = generalExclusions(e, l, true);
  const daysLeft = daysBetween(today, l.applyBy);
  if (daysLeft < 0) excluded.push(exclusion('CHALLENGE.PAST_APPLY_BY', () => `揭榜截止日 ${l.applyBy} 已过（今天 ${today}）`));
  if (excluded.length) return { excluded };
  const raw: LazyReason[] = [];

  const challengeText = [l.title, l.techField, l.requirements, ...l.tags].join(' ');
  const firmText = [e.capabilities, ...e.mainProducts].join(' ');
  const { dice, shared } = diceOverlap(challengeText, firmText);
  raw.push(
    factor(
      'CHALLENGE.TEXT_RELEVANCE',
      W.TEXT_RELEVANCE,
      dice / PARAMS.textDiceFullAt,
      () => shared.length
        ? `企业能力与榜单技术相关度 ${num(dice)}（重合词：${shared.slice(0, 6).join('、')}）`
        : '企业能力与榜单技术无重合词',
    ),
  );

  const prefs = l.preferredTiers;
  const preferred = prefs.includes(e.tier);
  raw.push(
    factor(
      'CHALLENGE.POSTER_TIER_PREFERENCE',
      W.POSTER_TIER_PREFERENCE,
      prefs.length === 0 ? PARAMS.noTierPreferenceFraction : preferred ? 1 : 0,
      () => prefs.length === 0
        ? `发榜方未限定揭榜企业梯度；企业为${tierName(e.tier)}`
        : `发榜方偏好梯度 ${prefs.map(tierName).join('、')}；企业为${tierName(e.tier)}${preferred ? '，符合' : '，不在偏好内'}`,
    ),
  );
  raw.push(factor('CHALLENGE.INDUSTRY', W.INDUSTRY, industry.fraction, () => `发榜方行业要求：企业${industry.label()}`));
  raw.push(factor('CHALLENGE.SOLVER_TIER', W.SOLVER_TIER, (TIER_RANK[e.tier] ?? 0) / 4, () => `揭榜企业梯度：${tierName(e.tier)}`));
  raw.push(factor('CHALLENGE.REGION', W.REGION, region.fraction, region.label));
  raw.push(factor('CHALLENGE.TIME_LEFT', W.TIME_LEFT, daysLeft / PARAMS.timeLeftFullAtDays, () => `距揭榜截止 ${daysLeft} 天（${l.applyBy}）`));
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// Park vacancies

function scoreVacancy(e: EnterpriseSide, l: VacancyListing): Evaluation {
  const W = WEIGHTS.PARK_VACANCY;
  // The firm's own district does not matter for space elsewhere: region is judged against its space need.
  const { excluded } = generalExclusions(e, l, false);
  const need = e.spaceNeed;
  if (!need) {
    excluded.push(exclusion('VACANCY.NO_SPACE_NEED', () => '企业未填写用地/厂房需求'));
    return { excluded };
  }
  const area = l.areaSqm;
  const areaRange = () => `${num(need.minAreaSqm)}–${num(need.maxAreaSqm)} ㎡`;
  if (area < need.minAreaSqm || area > need.maxAreaSqm)
    excluded.push(exclusion('VACANCY.AREA_OUTSIDE_NEED', () => `面积 ${num(area)} ㎡ 不在需求 ${areaRange()} 内`));
  const ceiling = need.maxRentPerSqmDay;
  if (ceiling != null && l.rentPerSqmDay > ceiling)
    excluded.push(exclusion('VACANCY.RENT_ABOVE_CEILING', () => `租金 ${num(l.rentPerSqmDay)} 元/㎡·天 > 企业上限 ${num(ceiling)} 元`));
  const region = lazyRegionFit(need.regionCodes, l.parkRegionCode);
  if (!region.ok) excluded.push(exclusion('VACANCY.REGION_NOT_ACCEPTABLE', () => `园区${region.label()}（企业意向区域）`));
  if (excluded.length) return { excluded };
  const raw: LazyReason[] = [];

  const mid = (need.minAreaSqm + need.maxAreaSqm) / 2;
  const half = (need.maxAreaSqm - need.minAreaSqm) / 2;
  raw.push(
    factor(
      'VACANCY.AREA_FIT',
      W.AREA_FIT,
      half === 0 ? 1 : 1 - (1 - PARAMS.areaEdgeFraction) * (Math.abs(area - mid) / half),
      () => `面积 ${num(area)} ㎡ 在需求 ${areaRange()} 内`,
    ),
  );
  const rent = l.rentPerSqmDay;
  raw.push(
    ceiling == null
      ? factor('VACANCY.RENT', W.RENT, PARAMS.noRentCeilingFraction, () => `租金 ${num(rent)} 元/㎡·天（企业未设上限）`)
      : factor(
          'VACANCY.RENT',
          W.RENT,
          ceiling > 0 ? PARAMS.rentAtCeilingFraction + (1 - PARAMS.rentAtCeilingFraction) * clamp01((ceiling - rent) / (0.5 * ceiling)) : 1,
          () => `租金 ${num(rent)} 元/㎡·天 ≤ 企业上限 ${num(ceiling)} 元`,
        ),
  );
  const park = lazyIndustryFit(l.parkIndustries, e.industryCode);
  raw.push(
    factor(
      'VACANCY.PARK_INDUSTRY',
      W.PARK_INDUSTRY,
      park.fraction,
      () =>
        l.parkIndustries.length === 0
          ? `园区未限定主导产业（企业行业：${industryLabel(e.industryCode)}）`
          : `园区主导产业 ${names(l.parkIndustries, industryLabel)}：企业${park.label()}`,
    ),
  );
  raw.push(factor('VACANCY.REGION', W.REGION, region.fraction, () => `园区${region.label()}（企业意向区域：${names(need.regionCodes, placeName)}）`));
  return { raw };
}
