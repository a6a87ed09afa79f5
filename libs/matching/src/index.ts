export * from './match-types.js';
export { SCORER_VERSION, WEIGHTS, PARAMS, GAP_CATEGORY_RULES } from './weights.js';
export {
  scoreMatch,
  scoreValue,
  finalize,
  gapCategory,
} from './scorer.js';
export { diceOverlap, plainText } from './text-similarity.js';
export { reasonsWithoutProfile } from './lead-privacy.js';
