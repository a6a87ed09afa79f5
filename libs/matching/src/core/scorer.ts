/**
 * The matching scorer (pure and deterministic): hard constraints exclude; otherwise each soft
 * factor of `WEIGHTS` earns 0..max points and the score (0–100, one decimal) is the exact sum
 * of the reasons' contributions. Two-sided kinds show both sides in the reasons: a bank's
 * eligibility next to the firm's need; a challenge poster's tier preference next to the firm's fit.
 * Each kind's factors are defined in its module under factors/, which the match engine reads too.
 */
import type { EnterpriseSide, ListingSide, MatchResult, ScoreOptions } from './match-types.js';
import type { Evaluation } from './factors/factor-kit.js';
import { KIND_MODELS } from './factors/kind-models.js';

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
      return KIND_MODELS.CREDIT_PRODUCT.evaluate(enterprise, listing, today);
    case 'SERVICE_OFFERING':
      return KIND_MODELS.SERVICE_OFFERING.evaluate(enterprise, listing, today);
    case 'CHALLENGE':
      return KIND_MODELS.CHALLENGE.evaluate(enterprise, listing, today);
    case 'PARK_VACANCY':
      return KIND_MODELS.PARK_VACANCY.evaluate(enterprise, listing, today);
  }
}

export interface RawReason {
  code: string;
  label: string;
  /** Unrounded points. */
  points: number;
}

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
