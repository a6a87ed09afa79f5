export * from './match-types.js';
export { SCORER_VERSION, WEIGHTS, PARAMS, GAP_CATEGORY_RULES, type FactorOf } from './weights.js';
export {
  scoreMatch,
  scoreValue,
  finalize,
  gapCategory,
  regionFit,
  industryFit,
  fullYearsBetween,
  daysBetween,
  TIER_LABELS,
  CATEGORY_LABELS,
  type Fit,
  type RawReason,
} from './scorer.js';
export { bigrams, diceOverlap, type Overlap } from './text-similarity.js';
