export * from './core/match-types.js';
export { SCORER_VERSION, WEIGHTS, PARAMS, GAP_CATEGORY_RULES } from './core/weights.js';
export {
  scoreMatch,
  scoreValue,
  finalize,
} from './core/scorer.js';
export { gapCategory } from './core/factors/service-offering.js';
export { diceOverlap, plainText } from './core/text-similarity.js';
export { reasonsWithoutProfile } from './lead-privacy.js';
