import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';
import { checkPeriod, checkRegion } from '../../../libs/insights/src/insights.service.js';
import { DEFAULT_RANKING_WEIGHTS, parseRankingWeights, rankServiceInstitutions, type RankingInputs } from '../../../libs/insights/src/service-ranking.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_USER_INPUT') return String(err.details.field);
    throw err;
  }
  return undefined;
};

describe('insight periods', () => {
  it.each([
    ['a normal year', { from: '2026-01-01', to: '2026-12-31' }, undefined],
    ['one day', { from: '2026-03-10', to: '2026-03-10' }, undefined],
    ['exactly 5 years less a day', { from: '2021-01-01', to: '2025-12-31' }, undefined],
    ['5 years to the day is too long', { from: '2021-01-01', to: '2026-01-01' }, 'period.to'],
    ['reversed', { from: '2026-02-01', to: '2026-01-31' }, 'period.from'],
    ['not a date', { from: '2026-02-30', to: '2026-03-01' }, 'period.from'],
    ['wrong format', { from: '2026/01/01', to: '2026-03-01' }, 'period.from'],
    ['missing to', { from: '2026-01-01' }, 'period.to'],
  ])('%s', (_name, period, field) => {
    expect(fieldOf(() => checkPeriod(period as { from: string; to: string }))).toBe(field);
  });
});

describe('insight regions', () => {
  it.each([
    [undefined, null],
    ['330000', '33'],
    ['330200', '3302'],
    ['330281', '330281'],
  ])('%s → prefix %s', (code, prefix) => {
    expect(checkRegion(code)).toBe(prefix);
  });
  it.each(['330299', '12', 'abcdef'])('unknown %s is BAD_USER_INPUT on regionCode', (code) => {
    expect(fieldOf(() => checkRegion(code))).toBe('regionCode');
  });
});

const inst = (name: string, o: Partial<RankingInputs>): RankingInputs => ({
  organizationId: name,
  name,
  regionCode: '330281',
  requests: 0,
  accepted: 0,
  responded: 0,
  completed: 0,
  successful: 0,
  averageRating: null,
  ratingCount: 0,
  medianResponseHours: null,
  medianResponseWorkingHours: null,
  onTime: 0,
  deadlineCases: 0,
  ...o,
});

describe('service institution ranking', () => {
  const busyGood = inst('甬A', { requests: 20, accepted: 18, responded: 20, completed: 16, successful: 15, averageRating: 4.6, ratingCount: 14, medianResponseHours: 3 });
  const fewPerfect = inst('甬B', { requests: 1, accepted: 1, responded: 1, completed: 1, successful: 1, averageRating: 5, ratingCount: 1, medianResponseHours: 1 });
  const decliner = inst('甬C', { requests: 10, accepted: 1, responded: 10, completed: 1, successful: 0, averageRating: 2, ratingCount: 1, medianResponseHours: 72 });
  const idle = inst('甬D', {});

  it('orders by score; a busy, reliable institution beats one perfect request; idle is last', () => {
    expect(rankServiceInstitutions([idle, decliner, fewPerfect, busyGood]).map((r) => [r.rank, r.name])).toEqual([
      [1, '甬A'],
      [2, '甬B'],
      [3, '甬C'],
      [4, '甬D'],
    ]);
  });

  it('components sum to the score, which stays within 0..100; rates are reported raw', () => {
    for (const r of rankServiceInstitutions([idle, decliner, fewPerfect, busyGood])) {
      expect(Math.round(r.components.reduce((s, c) => s + c.contribution, 0) * 100) / 100).toBe(r.score);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
    }
    const [a] = rankServiceInstitutions([busyGood]);
    expect(a).toMatchObject({ acceptanceRate: 0.9, completionRate: 0.8889, successRate: 0.9375 });
  });

  it('weights are configuration: satisfaction alone puts the best-rated first', () => {
    const weights = parseRankingWeights({ volume: 0, acceptance: 0, responsiveness: 0, punctuality: 0, completion: 0, success: 0, satisfaction: 1 });
    expect(rankServiceInstitutions([busyGood, fewPerfect], weights)[0]!.name).toBe('甬A'); // 14 ratings of 4.6 outweigh one 5 after shrinkage
    expect(rankServiceInstitutions([decliner, idle], weights)[0]!.name).toBe('甬C');
  });

  // Issue 17 item 8: keeping the response deadline is an input, and speed is read in working hours where requests have deadlines.
  const component = (r: RankingInputs, input: string) => rankServiceInstitutions([r])[0]!.components.find((c) => c.input === input)!.value;
  it.each([
    ['no request with a deadline', { deadlineCases: 0, onTime: 0 }, 0, null],
    ['all 4 on time (shrunk toward 0.5 by 3 pseudo-observations)', { deadlineCases: 4, onTime: 4 }, 0.7857, 1],
    ['none of 4 on time', { deadlineCases: 4, onTime: 0 }, 0.2143, 0],
    ['1 of 1 on time', { deadlineCases: 1, onTime: 1 }, 0.625, 1],
  ])('punctuality: %s', (_name, o, value, rate) => {
    const r = inst('甬E', { requests: 4, ...o });
    expect(component(r, 'punctuality')).toBe(value);
    expect(rankServiceInstitutions([r])[0]!.onTimeResponseRate).toBe(rate);
  });

  it.each([
    ['working hours win over clock hours: 8 working hours → 1/2', { medianResponseWorkingHours: 8, medianResponseHours: 100 }, 0.5],
    ['0 working hours → 1', { medianResponseWorkingHours: 0, medianResponseHours: 30 }, 1],
    ['no working hours (requests before deadlines): 24 clock hours → 1/2', { medianResponseWorkingHours: null, medianResponseHours: 24 }, 0.5],
    ['no answer at all → 0', { medianResponseWorkingHours: null, medianResponseHours: null }, 0],
  ])('responsiveness: %s', (_name, o, value) => {
    expect(component(inst('甬F', { requests: 2, ...o }), 'responsiveness')).toBe(value);
  });

  it('of two institutions alike but for the deadline, the punctual one ranks first', () => {
    const base = { requests: 10, accepted: 8, responded: 10, completed: 6, successful: 5, deadlineCases: 10 };
    const ranked = rankServiceInstitutions([inst('甬G', { ...base, onTime: 2 }), inst('甬H', { ...base, onTime: 9 })]);
    expect(ranked.map((r) => r.name)).toEqual(['甬H', '甬G']);
  });

  it('parses and normalises weights, refusing unknown keys, negatives and all-zero', () => {
    const w = parseRankingWeights({ success: 0.4 });
    expect(Object.values(w).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(parseRankingWeights({})).toEqual(DEFAULT_RANKING_WEIGHTS);
    expect(() => parseRankingWeights({ speed: 1 })).toThrow(/unknown ranking weight/);
    expect(() => parseRankingWeights({ success: -1 })).toThrow(/≥ 0/);
    expect(() => parseRankingWeights({ volume: 0, acceptance: 0, responsiveness: 0, punctuality: 0, completion: 0, success: 0, satisfaction: 0 })).toThrow(/all be 0/);
  });
});
