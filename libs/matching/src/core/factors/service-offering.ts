/**
 * Service offerings: the category against the firm's stated needs and the unmet criteria of its
 * tier assessments, then region, service voucher and the provider's rating. No hard constraint
 * beyond region and industry.
 */
import type { EnterpriseSide, ServiceListing } from '../match-types.js';
import { GAP_CATEGORY_RULES, PARAMS, WEIGHTS } from '../weights.js';
import { categoryName, list, num, tierName } from '../reason-text.js';
import { industryCodes, industryFraction, regionFraction, regionFractionBound, regionPrefix, type IndustryCodes } from '../region-industry-fit.js';
import { clamp01, factor, generalExclusions, maxPointsOf, scoreOfTenths, tenths, type Evaluation, type FirmFacts, type KindModel, type LazyReason, type ScoringFacts } from './factor-kit.js';

const W = WEIGHTS.SERVICE_OFFERING;

// ---------------------------------------------------------------------------------------------
// CATEGORY_NEED: the firm asks for the category.

const needFraction = (e: Pick<EnterpriseSide, 'serviceNeeds'>, category: string): number => (e.serviceNeeds.includes(category) ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// TIER_GAP: unmet criteria of the firm's failed assessments that the category closes.

/** Gap items named in a label; the count covers all of them. */
const MAX_GAPS_SHOWN = 3;

/** The service category that closes an unmet criterion, by the code's dot segments. */
export function gapCategory(criterionCode: string): string | undefined {
  const segments = criterionCode.split('.');
  for (const rule of GAP_CATEGORY_RULES) if (segments.some((s) => rule.segment.test(s))) return rule.category;
  return undefined;
}

/** One gap: {@link PARAMS.singleGapFraction}; two or more: full. */
const gapFraction = (gaps: number): number => (gaps === 0 ? 0 : gaps === 1 ? PARAMS.singleGapFraction : 1);

/** Every category that closes a gap of the firm (the engine's firm facts: such a category may earn the full TIER_GAP). */
export function gapCategories(e: EnterpriseSide): Set<string> {
  const out = new Set<string>();
  for (const a of e.latestAssessments) {
    if (a.eligible) continue;
    for (const c of a.criteria) {
      const category = c.status === 'UNMET' ? gapCategory(c.code) : undefined;
      if (category) out.add(category);
    }
  }
  return out;
}

/** The distinct unmet items of the firm's failed assessments that `category` closes, as TIER_GAP names them. */
function gapItems(e: EnterpriseSide, category: string): string[] {
  const gaps: string[] = [];
  for (const a of e.latestAssessments) {
    if (a.eligible) continue;
    for (const c of a.criteria) if (c.status === 'UNMET' && gapCategory(c.code) === category) gaps.push(`${tierName(a.tier)} ${c.label ?? c.code}`);
  }
  return [...new Set(gaps)];
}

/** How many distinct gap items each category closes (the firm's side of TIER_GAP, once per firm). */
export function gapCounts(e: EnterpriseSide): Map<string, number> {
  const out = new Map<string, number>();
  for (const category of gapCategories(e)) out.set(category, gapItems(e, category).length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// VOUCHER and PROVIDER_RATING: the listing's own.

const voucherFraction = (accepts: boolean): number => (accepts ? 1 : 0);
/** Rating 1–5 onto 0–1; an unrated provider gets {@link PARAMS.unratedProviderFraction}. */
const ratingFraction = (rating: number | null | undefined): number => (rating == null ? PARAMS.unratedProviderFraction : (rating - 1) / 4);

// ---------------------------------------------------------------------------------------------
// The scorer's evaluation

function evaluate(e: EnterpriseSide, l: ServiceListing): Evaluation {
  const { excluded, region } = generalExclusions(e, l, true);
  if (excluded.length) return { excluded };
  const cat = categoryName(l.category);
  const raw: LazyReason[] = [];

  const need = needFraction(e, l.category);
  raw.push(
    factor(
      'SERVICE.CATEGORY_NEED',
      W.CATEGORY_NEED,
      need,
      () => need === 1 ? `服务类别「${cat}」在企业服务需求中` : `服务类别「${cat}」不在企业服务需求（${list(e.serviceNeeds.map(categoryName))}）中`,
    ),
  );

  const uniqueGaps = gapItems(e, l.category);
  const gapLabel = () =>
    e.latestAssessments.length === 0
      ? '企业暂无梯度测评'
      : uniqueGaps.length === 0
        ? `梯度测评中无「${cat}」可补足的未达标项`
        : `梯度测评缺口 ${uniqueGaps.length} 项可由「${cat}」补足：${uniqueGaps.slice(0, MAX_GAPS_SHOWN).join('；')}${uniqueGaps.length > MAX_GAPS_SHOWN ? ' 等' : ''} 未达标`;
  raw.push(factor('SERVICE.TIER_GAP', W.TIER_GAP, gapFraction(uniqueGaps.length), gapLabel));

  raw.push(factor('SERVICE.REGION', W.REGION, region.fraction, region.label));
  raw.push(factor('SERVICE.VOUCHER', W.VOUCHER, voucherFraction(l.acceptsServiceVoucher), () => l.acceptsServiceVoucher ? '可使用服务券' : '不接受服务券'));
  const rating = l.providerRating;
  raw.push(
    factor('SERVICE.PROVIDER_RATING', W.PROVIDER_RATING, ratingFraction(rating), () => (rating == null ? '服务商暂无评分' : `服务商评分 ${num(rating, 1)} / 5`)),
  );
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// The engine's bounds (no pre-check: region and industry are all there is)

interface ServiceFigures {
  category: string;
  /** Region stems (empty = anywhere). */
  regions: string[];
  voucher: boolean;
  /** PROVIDER_RATING's fraction, clamped. */
  rating: number;
  industries: IndustryCodes;
}

function prepare(l: ServiceListing): ServiceFigures {
  return {
    category: l.category,
    regions: l.regionCodes.map(regionPrefix),
    voucher: l.acceptsServiceVoucher,
    rating: clamp01(ratingFraction(l.providerRating)),
    industries: industryCodes(l.industryCodes),
  };
}

/** The firm's side of the bound: CATEGORY_NEED exactly, TIER_GAP in full where a gap of the firm is in the category. */
const firmPoints = (category: string, f: Pick<FirmFacts, 'e' | 'gaps'>): number =>
  W.CATEGORY_NEED * needFraction(f.e, category) + (f.gaps.has(category) ? W.TIER_GAP : 0);

/** A bound for every listing of one category (the listing's side at its maximum), to rank the categories' groups. */
export const categoryBound = (category: string, f: Pick<FirmFacts, 'e' | 'gaps'>): number => firmPoints(category, f) + W.REGION + W.VOUCHER + W.PROVIDER_RATING;

/** Every factor exactly but TIER_GAP (in full where a gap of the firm is in the category). */
function bound(x: ServiceFigures, f: FirmFacts): number {
  return firmPoints(x.category, f) + W.REGION * regionFractionBound(x.regions, f.region) + W.VOUCHER * voucherFraction(x.voucher) + W.PROVIDER_RATING * x.rating;
}

/** `evaluate`'s score, label-free: the same factors in the same order. */
function score(x: ServiceFigures, f: ScoringFacts): number | null {
  const region = regionFraction(x.regions, f.region);
  if (region < 0 || industryFraction(x.industries, f.industry) < 0) return null;
  let sum = tenths(W.CATEGORY_NEED, needFraction(f.e, x.category));
  sum += tenths(W.TIER_GAP, gapFraction(f.gapCounts.get(x.category) ?? 0));
  sum += tenths(W.REGION, region);
  sum += tenths(W.VOUCHER, voucherFraction(x.voucher));
  sum += tenths(W.PROVIDER_RATING, x.rating);
  return scoreOfTenths(sum);
}

export const serviceOfferingModel: KindModel<ServiceListing, ServiceFigures> = { maxPoints: maxPointsOf(W), evaluate, prepare, precheck: () => true, bound, score };
