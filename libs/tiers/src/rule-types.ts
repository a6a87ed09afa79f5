/**
 * The shape of a rule set: tier standards as data, read by the one evaluator in evaluator.ts.
 *
 * - A tier has an optional points `table` (indicators grouped in categories) and a `requires`
 *   tree of rules. The tree decides eligibility with three-valued logic (met / unmet / open).
 * - `allOf` / `anyOf` groups give AND/OR paths; a group tagged with `path` records which path
 *   made the firm pass (score table vs direct condition).
 * - `score` and `categoryScore` rules compare table totals and minimum sub-scores.
 * - `threshold` compares one metric; `exemptions` let another rule stand in for it.
 * - `switch` picks the rule that applies by a metric band (小巨人 R&D intensity by revenue).
 * - `info` shows a value the standard mentions without a number; it never decides.
 * - `modes` limits a rule to new applications or re-reviews.
 */
import type { MetricId } from './metrics.js';
import type { AssessedTier, EnterpriseFacts, PassPath } from './tier-types.js';

/** New application (新申请) or re-review (复核). */
export type Mode = 'NEW' | 'REVIEW';
export type Comparison = '>=' | '>' | '<=' | '<' | '==';

/**
 * One row of a points table. Bands are tried in order and the first whose bounds hold wins;
 * `min` and `max` are inclusive, so a value exactly on an edge lands in the better band (the
 * rule set's `boundaryNote` says why). A band with no bound is the "otherwise" row.
 */
export interface Band {
  min?: number;
  max?: number;
  is?: boolean;
  points: number;
}

interface RuleBase {
  /** Stable code, e.g. `A1.RD_RATIO`. */
  code: string;
  /** Chinese label a person reads. */
  label: string;
  /** Uncertainty marks from DOMAIN.md ([?], [M]) and interpretations; copied to the output. */
  note?: string;
  /** Only evaluated in these modes (default: all). */
  modes?: readonly Mode[];
  /** Reported as `passedBy` when the firm passes through this rule. */
  path?: PassPath;
}

export interface BandsIndicator extends RuleBase {
  kind: 'bands';
  category: string;
  metric: MetricId;
  bands: readonly Band[];
  maxPoints: number;
}

/** Points are the best of several band tables (e.g. R&D amount OR R&D ratio). */
export interface BestOfIndicator extends RuleBase {
  kind: 'bestOf';
  category: string;
  options: ReadonlyArray<{ metric: MetricId; bands: readonly Band[] }>;
  maxPoints: number;
}

/** Points set by a province (特色化); supplied through evaluator options, else UNKNOWN (DOMAIN.md §8.5). */
export interface LocalIndicator extends RuleBase {
  kind: 'local';
  category: string;
  maxPoints: number;
}

export type Indicator = BandsIndicator | BestOfIndicator | LocalIndicator;

export interface ScoreCategory {
  id: string;
  label: string;
  maxPoints: number;
}

export interface ScoreTable {
  maxScore: number;
  categories: readonly ScoreCategory[];
  indicators: readonly Indicator[];
}

export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  metric: MetricId;
  op: Comparison;
  value: number | boolean;
  /** Replaces the generated "required" display text when the comparison alone reads badly. */
  requiredText?: string;
  /** An unknown value is PENDING (awaiting an outside evaluation), not UNKNOWN. */
  pendingWhenUnknown?: boolean;
  /** Any one of these, when met, satisfies the threshold instead (noted in the output). */
  exemptions?: ReadonlyArray<{ label: string; when: Rule }>;
}

/** The table total must reach `min`. */
export interface ScoreRule extends RuleBase {
  kind: 'score';
  min: number;
}

/** A category subtotal must reach `min` (minimum sub-score). */
export interface CategoryScoreRule extends RuleBase {
  kind: 'categoryScore';
  category: string;
  min: number;
}

export interface GroupRule {
  kind: 'allOf' | 'anyOf';
  /** When set, the group itself is listed as a criterion (before its items). */
  code?: string;
  label?: string;
  note?: string;
  modes?: readonly Mode[];
  /** Reported as `passedBy` when the firm passes through this group. */
  path?: PassPath;
  items: readonly Rule[];
}

export interface SwitchRule extends RuleBase {
  kind: 'switch';
  metric: MetricId;
  /** First case whose `min` the value reaches applies; a case without `min` is the last resort. */
  cases: ReadonlyArray<{ min?: number; label: string; then: Rule }>;
}

/** Shown for completeness; never decides (the standard gives no number). */
export interface InfoRule extends RuleBase {
  kind: 'info';
  metric: MetricId;
}

export type Rule = ThresholdRule | ScoreRule | CategoryScoreRule | GroupRule | SwitchRule | InfoRule;

export interface TierRules {
  tier: AssessedTier;
  label: string;
  table?: ScoreTable;
  requires: Rule;
  /** `passedBy` when no tagged path decided (plain condition lists). */
  defaultPath: PassPath;
}

export interface RuleSet {
  id: string;
  version: string;
  title: string;
  /** First day new applications use it. */
  effectiveFrom: string;
  /** How exact band edges are scored; appended to a band criterion whose value sits on an edge. */
  boundaryNote: string;
  tiers: readonly TierRules[];
}

/** Options for one evaluation. */
export interface EvaluateOptions {
  /** New application (default) or re-review: some 2026 小巨人 rules differ at 复核. */
  mode?: Mode;
  /**
   * Points for the provincial 特色化 indicators (专精特新 2022 Annex 2 indicator 9, max 15).
   * Return undefined when the firm's data cannot settle them. Default (none configured): UNKNOWN.
   */
  localIndicatorPoints?: (facts: EnterpriseFacts) => number | undefined;
  /** Replaces the default note on the local indicator (e.g. the province's document number). */
  localIndicatorNote?: string;
}
