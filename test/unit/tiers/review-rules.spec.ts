/**
 * Which rules judge a re-review (DOMAIN.md §8.4), the platform score (§8.9) and pending re-reviews
 * (§8.2): tables with both sides of every edge.
 */
import { describe, expect, it } from '@jest/globals';

import {
  REVIEW_CAMPAIGNS,
  describeMissingFact,
  effectiveTier,
  reviewRuleSetFor,
  ruleSetInForce,
  titleStanding,
  titleStatusText,
  type CertifiedTier,
  type ReviewCampaign,
} from '../../../libs/tiers/src/index.js';
import { b1, b2, crit, littleGiant, specialized } from './tier-test-kit.js';

describe('ruleSetInForce: 2026-03-31 vs 2026-04-01', () => {
  it.each([
    ['SPECIALIZED_SME', '2026-03-31', 'MIIT-2022'],
    ['SPECIALIZED_SME', '2026-04-01', 'MIIT-2026'],
    ['LITTLE_GIANT', '2026-03-31', 'MIIT-2022'],
    ['LITTLE_GIANT', '2026-04-01', 'MIIT-2026'],
    ['INNOVATIVE_SME', '2026-04-01', 'MIIT-2022'],
  ] as const)('%s on %s → %s', (tier, date, expected) => {
    expect(ruleSetInForce(tier, date)).toBe(expected);
  });
});

describe('reviewRuleSetFor: the rules in force on the re-review date (the expiry), or a campaign row', () => {
  it.each<[string, CertifiedTier, string, string, string, string | undefined]>([
    ['专精特新, review 2026-03-31', 'SPECIALIZED_SME', '2023-03-31', '2026-03-31', 'MIIT-2022', undefined],
    ['专精特新, review 2026-04-01', 'SPECIALIZED_SME', '2023-04-01', '2026-04-01', 'MIIT-2026', undefined],
    ['专精特新 certified in 2023: the campaign is 小巨人 only (miss)', 'SPECIALIZED_SME', '2023-07-15', '2026-07-15', 'MIIT-2026', undefined],
    ['小巨人 certified 2022-12-31: before the campaign (miss)', 'LITTLE_GIANT', '2022-12-31', '2025-12-31', 'MIIT-2022', undefined],
    ['小巨人 certified 2023-01-01: first day of the campaign (hit)', 'LITTLE_GIANT', '2023-01-01', '2026-01-01', 'MIIT-2022', 'MIIT-2026-LG-REVIEW-BATCH5-BATCH2'],
    ['小巨人 certified 2023-07-15, review 2026-07-15 (hit)', 'LITTLE_GIANT', '2023-07-15', '2026-07-15', 'MIIT-2022', 'MIIT-2026-LG-REVIEW-BATCH5-BATCH2'],
    ['小巨人 certified 2023-12-31: last day of the campaign (hit)', 'LITTLE_GIANT', '2023-12-31', '2026-12-31', 'MIIT-2022', 'MIIT-2026-LG-REVIEW-BATCH5-BATCH2'],
    ['小巨人 certified 2024-01-01: after the campaign (miss)', 'LITTLE_GIANT', '2024-01-01', '2027-01-01', 'MIIT-2026', undefined],
    ['重点小巨人 is re-reviewed as 小巨人 (hit)', 'KEY_LITTLE_GIANT', '2023-07-15', '2026-07-15', 'MIIT-2022', 'MIIT-2026-LG-REVIEW-BATCH5-BATCH2'],
    ['创新型 keeps 2022 Annex 1', 'INNOVATIVE_SME', '2024-05-01', '2027-05-01', 'MIIT-2022', undefined],
    ['leap day: 2024-02-29 + 3 years = 2027-02-28', 'SPECIALIZED_SME', '2024-02-29', '2027-02-28', 'MIIT-2026', undefined],
  ])('%s', (_what, tier, certifiedOn, reviewDate, ruleSetId, campaignId) => {
    const choice = reviewRuleSetFor({ tier, certifiedOn })!;
    expect({ reviewDate: choice.reviewDate, ruleSetId: choice.ruleSetId, campaign: choice.campaign?.id }).toEqual({ reviewDate, ruleSetId, campaign: campaignId });
    expect(choice.basis).toMatch(campaignId ? /工信厅企业函〔2026〕117号/ : /工信部企业〔20(22|26)〕(63|2)号/);
    expect(choice.basis).not.toMatch(/DOMAIN|§|\.ts\b|\.md\b/);
  });

  it('no title: nothing to re-review', () => {
    expect(reviewRuleSetFor({ tier: 'NONE', certifiedOn: '2023-07-15' })).toBeUndefined();
  });

  it('the campaign table is data: without it the 2023 小巨人 are judged by the date rule', () => {
    expect(reviewRuleSetFor({ tier: 'LITTLE_GIANT', certifiedOn: '2023-07-15' }, [])!.ruleSetId).toBe('MIIT-2026');
  });

  it('a campaign row also bounds the re-review date: one day outside misses', () => {
    const row: ReviewCampaign = { ...REVIEW_CAMPAIGNS[0]!, reviewTo: '2026-07-14' };
    expect(reviewRuleSetFor({ tier: 'LITTLE_GIANT', certifiedOn: '2023-07-14' }, [row])!.campaign).toBe(row);
    expect(reviewRuleSetFor({ tier: 'LITTLE_GIANT', certifiedOn: '2023-07-15' }, [row])!.campaign).toBeUndefined();
  });

  it('ships exactly one row: 117号, 小巨人, 2022 standard', () => {
    expect(REVIEW_CAMPAIGNS).toHaveLength(1);
    expect(REVIEW_CAMPAIGNS[0]).toMatchObject({ document: '工信厅企业函〔2026〕117号', tiers: ['LITTLE_GIANT'], ruleSetId: 'MIIT-2022' });
  });
});

describe('platform score (§8.9): a new application needs the assessment year; a re-review either of the last 2 years', () => {
  type Scores = Array<{ year: number; score: number }>;
  it.each<[string, Scores, string]>([
    ['2026: 50', [{ year: 2026, score: 50 }], 'MET'],
    ['2026: 49', [{ year: 2026, score: 49 }], 'UNMET'],
    ['only 2025: 90 (older year)', [{ year: 2025, score: 90 }], 'PENDING'],
    ['2026: 49 beside 2025: 90 (the assessment year decides)', [{ year: 2026, score: 49 }, { year: 2025, score: 90 }], 'UNMET'],
    ['2026: 50 beside 2025: 10', [{ year: 2026, score: 50 }, { year: 2025, score: 10 }], 'MET'],
    ['a future year does not count', [{ year: 2027, score: 90 }], 'PENDING'],
  ])('专精特新 new application, %s → %s', (_what, platformScores, status) => {
    expect(crit(b1(specialized({ platformScores })), 'B1.PLATFORM_SCORE').status).toBe(status);
  });

  it.each<[string, Scores, string]>([
    ['2026: 60', [{ year: 2026, score: 60 }], 'MET'],
    ['2026: 59', [{ year: 2026, score: 59 }], 'UNMET'],
    ['only 2025: 60', [{ year: 2025, score: 60 }], 'PENDING'],
  ])('小巨人 new application, %s → %s', (_what, platformScores, status) => {
    expect(crit(b2(littleGiant({ platformScores })), 'B2.PLATFORM_SCORE').status).toBe(status);
  });

  it.each<[string, Scores, string, string]>([
    ['50 last year, 40 this year', [{ year: 2025, score: 50 }, { year: 2026, score: 40 }], 'MET', 'UNMET'],
    ['49 and 49', [{ year: 2025, score: 49 }, { year: 2026, score: 49 }], 'UNMET', 'UNMET'],
    ['60 this year, 10 last year', [{ year: 2025, score: 10 }, { year: 2026, score: 60 }], 'MET', 'MET'],
    ['59 and 59', [{ year: 2025, score: 59 }, { year: 2026, score: 59 }], 'MET', 'UNMET'],
    ['only 49 this year: last year could still pass', [{ year: 2026, score: 49 }], 'PENDING', 'PENDING'],
    ['only 50 last year', [{ year: 2025, score: 50 }], 'MET', 'PENDING'],
    ['only 60 last year', [{ year: 2025, score: 60 }], 'MET', 'MET'],
    ['2024 (three years back) does not count', [{ year: 2024, score: 95 }], 'PENDING', 'PENDING'],
  ])('re-review, %s → 专精特新 %s, 小巨人 %s', (_what, platformScores, specializedStatus, giantStatus) => {
    expect(crit(b1(specialized({ platformScores }), { mode: 'REVIEW' }), 'B1.PLATFORM_SCORE').status).toBe(specializedStatus);
    expect(crit(b2(littleGiant({ platformScores }), { mode: 'REVIEW' }), 'B2.PLATFORM_SCORE').status).toBe(giantStatus);
  });

  it('the PENDING criterion names the year needed, with a Chinese label, and shows the older score', () => {
    const o = b1(specialized({ platformScores: [{ year: 2025, score: 72 }] }));
    expect(crit(o, 'B1.PLATFORM_SCORE').actual).toBe('未记录2026年得分；2025年为72分，不能代替评价年度得分');
    expect(o.missingData).toEqual(['platformScores[2026]']);
    expect(describeMissingFact('platformScores[2026]')).toEqual({ path: 'platformScores[2026]', label: '2026年专精特新发展评价得分（梯度培育平台测算）', unit: '分' });
  });

  it('every platform-score note cites the official documents, never this repository', () => {
    for (const mode of ['NEW', 'REVIEW'] as const) {
      for (const o of [b1(specialized(), { mode }), b2(littleGiant(), { mode })]) {
        const note = o.criteria.find((c) => c.code.endsWith('PLATFORM_SCORE'))!.note!;
        expect(note).toContain('工信部企业〔2026〕2号');
        expect(note).not.toMatch(/DOMAIN|§|\.ts\b|\.md\b/);
      }
    }
  });
});

describe('re-review pending (§8.2): both sides of the expiry and of the pending date', () => {
  // Certified 2023-06-01: valid through 2026-05-31, expires 2026-06-01.
  const lg = (pendingUntil?: string) => ({ tier: 'LITTLE_GIANT' as const, certifiedOn: '2023-06-01', reviewPendingUntil: pendingUntil });
  it.each<[string, string | undefined, string, string, CertifiedTier]>([
    ['last valid day, pending recorded early', '2026-09-30', '2026-05-31', 'VALID', 'LITTLE_GIANT'],
    ['expiry day, pending', '2026-09-30', '2026-06-01', 'REVIEW_PENDING', 'LITTLE_GIANT'],
    ['pending date itself', '2026-09-30', '2026-09-30', 'REVIEW_PENDING', 'LITTLE_GIANT'],
    ['day after the pending date', '2026-09-30', '2026-10-01', 'LAPSED', 'NONE'],
    ['expiry day, no pending', undefined, '2026-06-01', 'LAPSED', 'NONE'],
    ['pending until the day before expiry changes nothing', '2026-05-31', '2026-06-01', 'LAPSED', 'NONE'],
  ])('%s (until %s, on %s) → %s', (_what, until, asOf, status, tier) => {
    expect(titleStanding(lg(until), asOf).status).toBe(status);
    expect(effectiveTier(lg(until), asOf)).toBe(tier);
  });

  it('reads "复核中，有效至…"', () => {
    expect(titleStatusText(titleStanding(lg('2026-09-30'), '2026-07-01'))).toBe('复核中，有效至2026-09-30（认定满3年于2026-06-01届满，主管部门登记复核待定，暂按有效计）');
  });

  it.each([
    ['2026-09-30', 'MET'],
    ['2026-10-01', 'UNMET'],
  ])('a pending 专精特新 title satisfies the 小巨人 prerequisite on %s: %s', (asOf, status) => {
    const f = littleGiant({ asOf, certifiedTier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-06-01', tierReviewPendingUntil: '2026-09-30' });
    expect(crit(b2(f), 'B2.PREREQ').status).toBe(status);
  });
});
