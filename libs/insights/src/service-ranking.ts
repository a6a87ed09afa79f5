import { ratio } from '../../platform/src/index.js';

/**
 * 优质服务机构 ranking (DOMAIN.md §4.4, §4.6): no official Zhejiang formula exists, so the inputs
 * are the suggested ones — volume, responsiveness (speed and keeping the response deadline),
 * execution, outcomes, satisfaction — each
 * normalised to 0..1 and weighted. Weights are data (override with SERVICE_RANKING_WEIGHTS);
 * 需求响应 0.20 and 服务执行 0.22 follow 《中小企业公共服务规范评价指标（试行）》.
 */
export interface RankingWeights {
  /** Requests received (log-scaled against the busiest institution). */
  volume: number;
  /** 需求响应: share of answered requests that were accepted. */
  acceptance: number;
  /**
   * Speed of the first answer: 1 / (1 + median WORKING hours / 8) where requests carry deadlines
   * (issue 17: working days of the calendar, pauses excluded), else 1 / (1 + median clock hours / 24).
   */
  responsiveness: number;
  /** 按时响应: answered within the response deadline / (answered + still unanswered past it). */
  punctuality: number;
  /** 服务执行: accepted requests carried through to completion. */
  completion: number;
  /** Outcomes: completed requests that succeeded. */
  success: number;
  /** Satisfaction: average rating, (r − 1) / 4. */
  satisfaction: number;
}

export const DEFAULT_RANKING_WEIGHTS: RankingWeights = Object.freeze({
  volume: 0.08,
  acceptance: 0.2,
  responsiveness: 0.07,
  punctuality: 0.1,
  completion: 0.22,
  success: 0.17,
  satisfaction: 0.16,
});

/** Below this many observations a rate is pulled toward the neutral 0.5 (a small-sample guard). */
export const RATE_PRIOR_WEIGHT = 3;

export interface RankingInputs {
  organizationId: string;
  name: string;
  regionCode: string;
  requests: number;
  /** Accepted or completed. */
  accepted: number;
  /** Accepted, declined or completed. */
  responded: number;
  completed: number;
  successful: number;
  averageRating: number | null;
  ratingCount: number;
  medianResponseHours: number | null;
  /** Median working hours to the first answer (requests with deadlines; null before one). */
  medianResponseWorkingHours: number | null;
  /** Requests answered within their response deadline. */
  onTime: number;
  /** Requests with a deadline that were answered, or are still unanswered past it. */
  deadlineCases: number;
}

export interface RankedInstitution extends RankingInputs {
  rank: number;
  /** 0..100 */
  score: number;
  acceptanceRate: number | null;
  completionRate: number | null;
  successRate: number | null;
  /** onTime / deadlineCases; null without requests with deadlines. */
  onTimeResponseRate: number | null;
  /** Each weighted component's share of the score (sums to the score). */
  components: Array<{ input: keyof RankingWeights; value: number; contribution: number }>;
}

/** Validates weights: finite, non-negative, not all zero; they are normalised to sum 1. */
export function parseRankingWeights(raw: unknown): RankingWeights {
  const keys = Object.keys(DEFAULT_RANKING_WEIGHTS) as Array<keyof RankingWeights>;
  if (typeof raw !== 'object' || raw === null) throw new Error(`ranking weights must be an object with ${keys.join(', ')}`);
  const unknownKeys = Object.keys(raw).filter((k) => !keys.includes(k as keyof RankingWeights));
  if (unknownKeys.length) throw new Error(`unknown ranking weight(s) ${unknownKeys.join(', ')}; known: ${keys.join(', ')}`);
  const merged = { ...DEFAULT_RANKING_WEIGHTS, ...(raw as Partial<RankingWeights>) };
  for (const k of keys) if (typeof merged[k] !== 'number' || !Number.isFinite(merged[k]) || merged[k] < 0) throw new Error(`ranking weight ${k} must be a number ≥ 0`);
  const total = keys.reduce((s, k) => s + merged[k], 0);
  if (total <= 0) throw new Error('ranking weights must not all be 0');
  if (!Number.isFinite(total)) throw new Error('ranking weights are too large (their sum overflows)');
  return Object.fromEntries(keys.map((k) => [k, merged[k] / total])) as unknown as RankingWeights;
}

const shrink = (hits: number, n: number) => (hits + 0.5 * RATE_PRIOR_WEIGHT) / (n + RATE_PRIOR_WEIGHT);

/** Pure: scores and orders institutions (score desc, then more requests, then name). */
export function rankServiceInstitutions(rows: readonly RankingInputs[], weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): RankedInstitution[] {
  const maxRequests = Math.max(0, ...rows.map((r) => r.requests));
  const scored = rows.map((r) => {
    const values: Record<keyof RankingWeights, number> = {
      volume: maxRequests ? Math.log1p(r.requests) / Math.log1p(maxRequests) : 0,
      acceptance: r.responded ? shrink(r.accepted, r.responded) : 0,
      responsiveness:
        r.medianResponseWorkingHours !== null ? 1 / (1 + r.medianResponseWorkingHours / 8) : r.medianResponseHours === null ? 0 : 1 / (1 + r.medianResponseHours / 24),
      punctuality: r.deadlineCases ? shrink(r.onTime, r.deadlineCases) : 0,
      completion: r.accepted ? shrink(r.completed, r.accepted) : 0,
      success: r.completed ? shrink(r.successful, r.completed) : 0,
      satisfaction: r.averageRating === null ? 0 : shrink(((r.averageRating - 1) / 4) * r.ratingCount, r.ratingCount),
    };
    const components = (Object.keys(weights) as Array<keyof RankingWeights>).map((input) => ({
      input,
      value: Math.round(values[input] * 10_000) / 10_000,
      contribution: Math.round(values[input] * weights[input] * 100 * 100) / 100,
    }));
    const score = Math.round(components.reduce((s, c) => s + c.contribution, 0) * 100) / 100;
    return {
      ...r,
      rank: 0,
      score,
      acceptanceRate: ratio(r.accepted, r.responded),
      completionRate: ratio(r.completed, r.accepted),
      successRate: ratio(r.successful, r.completed),
      onTimeResponseRate: ratio(r.onTime, r.deadlineCases),
      components,
    };
  });
  scored.sort((a, b) => b.score - a.score || b.requests - a.requests || a.name.localeCompare(b.name, 'zh-CN'));
  scored.forEach((r, i) => (r.rank = i + 1));
  return scored;
}
