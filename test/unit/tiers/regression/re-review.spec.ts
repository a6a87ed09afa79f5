/**
 * Regression firms for re-reviews (复核) and the platform score (DOMAIN.md §8.2, §8.4, §8.9). Each
 * firm carries its arithmetic: the re-review date (certification + 3 years), the rule set that date
 * (or a campaign row) selects, and the figures the deciding criteria read. Assessment date
 * 2026-06-30 (prior year 2025) unless a firm says otherwise.
 */
import { describe, expect, it } from '@jest/globals';

import {
  MIIT_2022,
  MIIT_2026,
  RULE_SETS,
  SAMPLE_INNOVATIVE_ONLY,
  evaluateTiers,
  reviewRuleSetFor,
  titleStanding,
  type AssessedTier,
  type CertifiedTier,
  type EnterpriseFacts,
  type TierOutcome,
} from '../../../../libs/tiers/src/index.js';
import { reviewRisk } from '../../../../libs/tier-assessments/src/assessment-verdicts.js';
import { b1, b2, crit, littleGiant, makeFacts, specialized } from '../tier-test-kit.js';

/** The re-review outcome for the firm's own tier, under the rules `reviewRuleSetFor` picks. */
function reReview(f: EnterpriseFacts, campaigns?: Parameters<typeof reviewRuleSetFor>[1]) {
  const choice = reviewRuleSetFor({ tier: f.certifiedTier, certifiedOn: f.tierCertifiedOn! }, campaigns)!;
  const tier: AssessedTier = f.certifiedTier === 'KEY_LITTLE_GIANT' ? 'LITTLE_GIANT' : (f.certifiedTier as AssessedTier);
  const outcome = evaluateTiers(RULE_SETS[choice.ruleSetId]!, f, { mode: 'REVIEW' }).find((o) => o.tier === tier) as TierOutcome;
  const risk = reviewRisk({ tier: f.certifiedTier, tierCertifiedOn: f.tierCertifiedOn!, tierProvenance: 'IMPORTED' }, outcome, f.asOf, choice);
  return { choice, outcome, risk };
}

const titled = (tier: CertifiedTier, certifiedOn: string) => ({ certifiedTier: tier, tierCertifiedOn: certifiedOn });

describe('re-review regression firms', () => {
  it('R1 第五批小巨人 (certified 2023-07-15): campaign row → 2022 standard; 85% main-business share passes 2022 (≥70%), would fail 2026 (≥90%)', () => {
    // Re-review date 2023-07-15 + 3y = 2026-07-15 (≥ 2026-04-01, so the date alone would pick 2026).
    // 2025: main 127.5M / revenue 150M = 85%. Main growth: 2024 125/110 − 1 = 13.64%, 2025 127.5/125 − 1 = 2%; mean 7.82% ≥ 5%.
    const f = littleGiant({ ...titled('LITTLE_GIANT', '2023-07-15'), years: { 2025: { mainBusinessRevenue: 127_500_000 } } });
    const { choice, outcome, risk } = reReview(f);
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2022', reviewDate: '2026-07-15', campaign: { document: '工信厅企业函〔2026〕117号' } });
    expect(crit(outcome, 'A3.MAIN_SHARE')).toMatchObject({ status: 'MET', actual: '85%' });
    expect(crit(outcome, 'A3.GROWTH').status).toBe('MET');
    expect(outcome.verdict).toBe('ELIGIBLE');
    expect(risk).toBeNull();
    // Without the campaign row the 2026 re-review rules apply, and 85% < 90% fails.
    const plain = reReview(f, []);
    expect(plain.choice.ruleSetId).toBe('MIIT-2026');
    expect(crit(plain.outcome, 'B2.MAIN_SHARE').status).toBe('UNMET');
    expect(plain.risk).toMatchObject({ ruleSet: 'MIIT-2026', expiresOn: '2026-07-15', verdict: 'NOT_ELIGIBLE' });
  });

  it('R2 专精特新 certified 2023-07-15 (no campaign for this tier): re-review date 2026-07-15 → 2026 rules; 75% < 80% → at risk', () => {
    // CHANGED: the certification date (2023 < 2026-04-01) used to pick MIIT-2022.
    // 2025: main 45M / revenue 60M = 75% < 80%. Risk window: 2025-07-15 ≤ 2026-06-30 < 2026-07-15.
    const f = specialized({ ...titled('SPECIALIZED_SME', '2023-07-15'), years: { 2025: { mainBusinessRevenue: 45_000_000 } } });
    const { choice, outcome, risk } = reReview(f);
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2026', reviewDate: '2026-07-15' });
    expect(choice.campaign).toBeUndefined();
    expect(crit(outcome, 'B1.MAIN_SHARE')).toMatchObject({ status: 'UNMET', actual: '75%' });
    expect(risk).toMatchObject({ ruleSet: 'MIIT-2026', verdict: 'NOT_ELIGIBLE' });
    expect(risk!.failing.map((c) => c.code)).toContain('B1.MAIN_SHARE');
    expect(risk!.basis).toContain('复核日期2026-07-15在2026年4月1日及以后');
  });

  it('R3 专精特新 certified 2023-03-31: re-review date 2026-03-31 (the day before the 2026 measures) → 2022 rules', () => {
    // 2023-03-31 + 3y = 2026-03-31 < 2026-04-01. Assessed 2026-03-01: inside the risk window (2025-03-31 ≤ d < 2026-03-31).
    const f = specialized({ ...titled('SPECIALIZED_SME', '2023-03-31'), asOf: '2026-03-01' });
    const { choice, outcome } = reReview(f);
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2022', reviewDate: '2026-03-31' });
    expect(choice.basis).toContain('工信部企业〔2022〕63号');
    expect(outcome.ruleSet).toBe('MIIT-2022');
    // One day later the 2026 measures judge it.
    expect(reReview(specialized({ ...titled('SPECIALIZED_SME', '2023-04-01'), asOf: '2026-03-01' })).choice.ruleSetId).toBe('MIIT-2026');
  });

  it('R4 小巨人 certified 2024-01-01: 2026 re-review rules skip the revenue CAGR; the 2022 growth test it would fail is not applied', () => {
    // CHANGED: was judged by MIIT-2022 (certified before 2026-04-01) → A3.GROWTH UNMET → at risk.
    // Re-review date 2027-01-01 → MIIT-2026 REVIEW. 2023 revenue 200M, main 190M.
    // CAGR (150/200)^(1/2) − 1 = −13.4% (not checked at re-review). 2022 main growth: 125/190 − 1 = −34.2%, 140/125 − 1 = 12%; mean −11.1% < 5%.
    // 2026 checks: share 140/150 = 93.3% ≥ 90%; R&D 7.5M + 6.6M = 14.1M ≥ 12M, min ratio 6.6/132 = 5% ≥ 3%; score 78 (2026) ≥ 60.
    const f = littleGiant({ ...titled('LITTLE_GIANT', '2024-01-01'), years: { 2023: { revenue: 200_000_000, mainBusinessRevenue: 190_000_000 } } });
    const { choice, outcome, risk } = reReview(f);
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2026', reviewDate: '2027-01-01' });
    expect(outcome.criteria.some((c) => c.code === 'B2.CAGR')).toBe(false);
    expect(crit(outcome, 'B2.RD_TOTAL')).toMatchObject({ status: 'MET', actual: '1,410万元' });
    expect(outcome.verdict).toBe('ELIGIBLE');
    expect(risk).toBeNull();
    const old = evaluateTiers(MIIT_2022, f, { mode: 'REVIEW' }).find((o) => o.tier === 'LITTLE_GIANT')!;
    expect(crit(old, 'A3.GROWTH').status).toBe('UNMET');
  });

  it('R5 第二批小巨人 renewed 2023-11-20, platform scores 58 (2025) and 55 (2026): campaign hit → 2022 (no score) ELIGIBLE; miss → 2026 UNMET', () => {
    // Re-review date 2026-11-20; campaign row: 小巨人 certified in 2023, reviewed in 2026 → MIIT-2022.
    // 2026 re-review: best of last 2 years max(58, 55) = 58 < 60 → UNMET.
    const f = littleGiant({ ...titled('LITTLE_GIANT', '2023-11-20'), platformScores: [{ year: 2025, score: 58 }, { year: 2026, score: 55 }] });
    const hit = reReview(f);
    expect(hit.choice.campaign?.id).toBe('MIIT-2026-LG-REVIEW-BATCH5-BATCH2');
    expect(hit.outcome.criteria.some((c) => c.code.includes('PLATFORM'))).toBe(false);
    expect(hit.outcome.verdict).toBe('ELIGIBLE');
    const miss = reReview(f, []);
    expect(crit(miss.outcome, 'B2.PLATFORM_SCORE')).toMatchObject({ status: 'UNMET', actual: '58分' });
    expect(miss.outcome.verdict).toBe('NOT_ELIGIBLE');
  });

  it('R6 专精特新 certified 2023-05-01, scores 50 (2025) and 48 (2026): 2026 re-review passes on the better year (≥50)', () => {
    // CHANGED: 专精特新 had no re-review variant (the latest score, 48, decided) and MIIT-2022 judged it.
    // Re-review date 2026-05-01 ≥ 2026-04-01 → MIIT-2026. max(50, 48) = 50 ≥ 50. Assessed 2026-04-15.
    const f = specialized({ ...titled('SPECIALIZED_SME', '2023-05-01'), asOf: '2026-04-15', platformScores: [{ year: 2025, score: 50 }, { year: 2026, score: 48 }] });
    const { choice, outcome, risk } = reReview(f);
    expect(choice.ruleSetId).toBe('MIIT-2026');
    expect(crit(outcome, 'B1.PLATFORM_SCORE')).toMatchObject({ status: 'MET', actual: '50分', required: '≥50分' });
    expect(outcome.verdict).toBe('ELIGIBLE');
    expect(risk).toBeNull();
    // A new application of the same firm reads 2026 only: 48 < 50.
    expect(crit(b1(f), 'B1.PLATFORM_SCORE')).toMatchObject({ status: 'UNMET', actual: '48分（2026年）' });
  });

  it('R7 专精特新 certified 2023-05-01, scores 49 and 49: 2026 re-review fails (max 49 < 50) and the title is at risk', () => {
    // Risk window 2025-05-01 ≤ 2026-04-15 < 2026-05-01.
    const f = specialized({ ...titled('SPECIALIZED_SME', '2023-05-01'), asOf: '2026-04-15', platformScores: [{ year: 2025, score: 49 }, { year: 2026, score: 49 }] });
    const { outcome, risk } = reReview(f);
    expect(crit(outcome, 'B1.PLATFORM_SCORE').status).toBe('UNMET');
    expect(risk).toMatchObject({ ruleSet: 'MIIT-2026', expiresOn: '2026-05-01', verdict: 'NOT_ELIGIBLE' });
    expect(risk!.failing.map((c) => c.code)).toContain('B1.PLATFORM_SCORE');
  });

  it('R8 new 小巨人 application with only a 2025 score of 85: PENDING (needs 2026), verdict UNDETERMINED', () => {
    // CHANGED: last year's 85 ≥ 60 used to make it MET and the verdict ELIGIBLE.
    const f = littleGiant({ platformScores: [{ year: 2025, score: 85 }] });
    const o = b2(f);
    expect(crit(o, 'B2.PLATFORM_SCORE')).toMatchObject({ status: 'PENDING', actual: '未记录2026年得分；2025年为85分，不能代替评价年度得分' });
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['platformScores[2026]'] });
    expect(b1(f).verdict).toBe('UNDETERMINED');
  });

  it('R9 new 专精特新 application: a 2026 score of 50 is MET (≥50), 49 is UNMET', () => {
    expect(b1(specialized({ platformScores: [{ year: 2026, score: 50 }] })).verdict).toBe('ELIGIBLE');
    expect(b1(specialized({ platformScores: [{ year: 2026, score: 49 }, { year: 2025, score: 90 }] })).verdict).toBe('NOT_ELIGIBLE');
  });

  it('R10 小巨人 certified 2023-06-01, expired 2026-06-01, re-review pending until 2026-09-30: counts until that day, lapses the day after', () => {
    // 2023-06-01 + 3y = 2026-06-01 ≤ 2026-06-30 (expired); 2026-06-30 ≤ 2026-09-30 (pending) → REVIEW_PENDING.
    const f = littleGiant({ ...titled('LITTLE_GIANT', '2023-06-01'), tierReviewPendingUntil: '2026-09-30', techOrInnovativeSmeValid: false });
    expect(titleStanding({ tier: 'LITTLE_GIANT', certifiedOn: '2023-06-01', reviewPendingUntil: '2026-09-30' }, f.asOf).status).toBe('REVIEW_PENDING');
    expect(crit(b2(f), 'B2.PREREQ')).toMatchObject({ status: 'MET', actual: '是（小巨人，复核中，有效至2026-09-30）' });
    expect(crit(b1(f), 'B1.BASE').status).toBe('MET');
    const last = makeFacts({ asOf: '2026-09-30' }, f);
    expect(crit(b2(last), 'B2.PREREQ').status).toBe('MET');
    const after = makeFacts({ asOf: '2026-10-01' }, f);
    expect(crit(b2(after), 'B2.PREREQ').status).toBe('UNMET');
    expect(crit(b1(after), 'B1.BASE').status).toBe('UNMET');
    // Its re-review itself: certified in 2023 → campaign row → 2022 standard.
    expect(reReview(f).choice.ruleSetId).toBe('MIIT-2022');
  });

  it('R11 创新型 certified 2023-09-01: re-reviewed by 2022 Annex 1 even after 2026-04-01 (kept until a merged standard)', () => {
    // Re-review date 2026-09-01 ≥ 2026-04-01, but 创新型 stays on MIIT-2022 (工信部企业〔2026〕2号第三十条).
    const f = makeFacts({ ...titled('INNOVATIVE_SME', '2023-09-01') }, SAMPLE_INNOVATIVE_ONLY);
    const { choice, outcome } = reReview(f);
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2022', reviewDate: '2026-09-01' });
    expect(choice.basis).toContain('第三十条');
    expect(outcome.tier).toBe('INNOVATIVE_SME');
  });

  it('R12 重点小巨人 certified 2023-11-20: re-reviewed as 小巨人 under the campaign row (2022)', () => {
    const f = littleGiant({ ...titled('KEY_LITTLE_GIANT', '2023-11-20') });
    const { choice, outcome } = reReview(f);
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2022', reviewDate: '2026-11-20', campaign: { tiers: ['LITTLE_GIANT'] } });
    expect(outcome).toMatchObject({ tier: 'LITTLE_GIANT', ruleSet: 'MIIT-2022' });
  });

  it('R13 小巨人 certified 2022-12-31: re-review date 2025-12-31 → 2022 by date (outside the campaign: certified in 2022)', () => {
    const choice = reviewRuleSetFor({ tier: 'LITTLE_GIANT', certifiedOn: '2022-12-31' })!;
    expect(choice).toMatchObject({ ruleSetId: 'MIIT-2022', reviewDate: '2025-12-31' });
    expect(choice.campaign).toBeUndefined();
    // 2024-01-01 is outside the campaign too, and its re-review date (2027-01-01) picks 2026.
    expect(reviewRuleSetFor({ tier: 'LITTLE_GIANT', certifiedOn: '2024-01-01' })).toMatchObject({ ruleSetId: 'MIIT-2026' });
    expect(MIIT_2026.effectiveFrom).toBe('2026-04-01');
  });
});
