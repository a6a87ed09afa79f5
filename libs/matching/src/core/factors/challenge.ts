/**
 * Challenges (揭榜挂帅), two-sided: the firm's capabilities against the challenge's text; the
 * poster's tier preference next to the firm's own tier; industry, region and the time left to
 * apply. A challenge past its apply-by date excludes.
 */
import type { ChallengeListing, EnterpriseSide } from '../match-types.js';
import { PARAMS, WEIGHTS } from '../weights.js';
import { num, tierName } from '../reason-text.js';
import { daysBetween } from '../dates.js';
import { diceOf, diceOverlap, memoBigrams } from '../text-similarity.js';
import { industryCodes, industryFraction, regionCovered, regionFraction, regionPrefix, type IndustryCodes } from '../region-industry-fit.js';
import { TIER_RANK, clamp01, exclusion, factor, generalExclusions, maxPointsOf, scoreOfTenths, tenths, type Evaluation, type FirmFacts, type KindModel, type LazyReason, type ScoringFacts } from './factor-kit.js';

const W = WEIGHTS.CHALLENGE;
const MAX_POINTS = maxPointsOf(W);

/** TEXT_RELEVANCE: character-bigram Dice of challenge and capabilities, full at {@link PARAMS.textDiceFullAt} (a bound takes it in full: the costly factor). */
const textFraction = (dice: number): number => dice / PARAMS.textDiceFullAt;
/** POSTER_TIER_PREFERENCE: the firm's tier among the preferred ones; no preference earns {@link PARAMS.noTierPreferenceFraction}. */
const preferenceFraction = (preferred: readonly string[], tier: string): number =>
  preferred.length === 0 ? PARAMS.noTierPreferenceFraction : preferred.includes(tier) ? 1 : 0;
/** SOLVER_TIER: the firm's tier rank, full at the top tier. */
const solverTierFraction = (tier: string): number => (TIER_RANK[tier] ?? 0) / 4;
/** TIME_LEFT: days to apply-by, full at {@link PARAMS.timeLeftFullAtDays}. */
const timeLeftFraction = (daysLeft: number): number => daysLeft / PARAMS.timeLeftFullAtDays;

/** The texts TEXT_RELEVANCE compares. */
const challengeText = (l: ChallengeListing): string => [l.title, l.techField, l.requirements, ...l.tags].join(' ');
export const firmText = (e: Pick<EnterpriseSide, 'capabilities' | 'mainProducts'>): string => [e.capabilities, ...e.mainProducts].join(' ');

// ---------------------------------------------------------------------------------------------
// The scorer's evaluation

function evaluate(e: EnterpriseSide, l: ChallengeListing, today: string): Evaluation {
  const { excluded, region, industry } = generalExclusions(e, l, true);
  const daysLeft = daysBetween(today, l.applyBy);
  if (daysLeft < 0) excluded.push(exclusion('CHALLENGE.PAST_APPLY_BY', () => `揭榜截止日 ${l.applyBy} 已过（今天 ${today}）`));
  if (excluded.length) return { excluded };
  const raw: LazyReason[] = [];

  const { dice, shared } = diceOverlap(challengeText(l), firmText(e));
  raw.push(
    factor(
      'CHALLENGE.TEXT_RELEVANCE',
      W.TEXT_RELEVANCE,
      textFraction(dice),
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
      preferenceFraction(prefs, e.tier),
      () => prefs.length === 0
        ? `发榜方未限定揭榜企业梯度；企业为${tierName(e.tier)}`
        : `发榜方偏好梯度 ${prefs.map(tierName).join('、')}；企业为${tierName(e.tier)}${preferred ? '，符合' : '，不在偏好内'}`,
    ),
  );
  raw.push(factor('CHALLENGE.INDUSTRY', W.INDUSTRY, industry.fraction, () => `发榜方行业要求：企业${industry.label()}`));
  raw.push(factor('CHALLENGE.SOLVER_TIER', W.SOLVER_TIER, solverTierFraction(e.tier), () => `揭榜企业梯度：${tierName(e.tier)}`));
  raw.push(factor('CHALLENGE.REGION', W.REGION, region.fraction, region.label));
  raw.push(factor('CHALLENGE.TIME_LEFT', W.TIME_LEFT, timeLeftFraction(daysLeft), () => `距揭榜截止 ${daysLeft} 天（${l.applyBy}）`));
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// The engine's pre-check and bound (the listing itself is all they read)

interface ChallengeFigures {
  l: ChallengeListing;
  /** Region stems (empty = anywhere). */
  regions: string[];
  industries: IndustryCodes;
  /** Bigrams of the challenge's text, first-seen order. */
  grams: readonly string[];
}

function prepare(l: ChallengeListing): ChallengeFigures {
  return { l, regions: l.regionCodes.map(regionPrefix), industries: industryCodes(l.industryCodes), grams: memoBigrams(challengeText(l)).list };
}

/** The challenge's region covers the firm's district, and its apply-by date has not passed. */
function precheck({ l }: ChallengeFigures, f: FirmFacts): boolean {
  return regionCovered(l.regionCodes, f.region) && l.applyBy >= f.today;
}

/** The poster's preference, the solver's tier and the time left exactly; text relevance, industry and region at their maximum. */
function bound({ l }: ChallengeFigures, f: FirmFacts): number {
  if (f.partial) return MAX_POINTS;
  return (
    W.TEXT_RELEVANCE +
    W.POSTER_TIER_PREFERENCE * preferenceFraction(l.preferredTiers, f.e.tier) +
    W.INDUSTRY +
    W.SOLVER_TIER * clamp01(solverTierFraction(f.e.tier)) +
    W.REGION +
    W.TIME_LEFT * clamp01(timeLeftFraction(daysBetween(f.today, l.applyBy)))
  );
}

/** `evaluate`'s score, label-free: the same exclusions and factors in the same order. */
function score(x: ChallengeFigures, f: ScoringFacts): number | null {
  const region = regionFraction(x.regions, f.region);
  const industry = industryFraction(x.industries, f.industry);
  if (region < 0 || industry < 0) return null;
  const daysLeft = daysBetween(f.today, x.l.applyBy);
  if (daysLeft < 0) return null;
  const tier = f.e.tier;
  let sum = 0;
  sum += tenths(W.TEXT_RELEVANCE, textFraction(diceOf(x.grams, f.grams)));
  sum += tenths(W.POSTER_TIER_PREFERENCE, preferenceFraction(x.l.preferredTiers, tier));
  sum += tenths(W.INDUSTRY, industry);
  sum += tenths(W.SOLVER_TIER, solverTierFraction(tier));
  sum += tenths(W.REGION, region);
  sum += tenths(W.TIME_LEFT, timeLeftFraction(daysLeft));
  return scoreOfTenths(sum);
}

export const challengeModel: KindModel<ChallengeListing, ChallengeFigures> = { maxPoints: MAX_POINTS, evaluate, prepare, precheck, bound, score };
