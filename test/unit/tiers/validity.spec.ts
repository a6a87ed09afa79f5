/**
 * Title validity and LAPSED (DOMAIN.md §8.2), prerequisites (§8.3): table-driven, both sides of
 * every edge. Month arithmetic clamps to the month's last day.
 */
import { describe, expect, it } from '@jest/globals';

import {
  addMonthsClamped,
  effectiveTier,
  inReviewRiskWindow,
  tierExpiresOn,
  titleStanding,
  titleStatusText,
  type TitleRecord,
} from '../../../libs/tiers/src/index.js';
import { reviewRisk } from '../../../libs/tier-assessments/src/assessment-verdicts.js';
import { a3, b1, b2, crit, littleGiant, makeFacts, specialized } from './tier-test-kit.js';

describe('addMonthsClamped', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2024-02-29', 36, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2027-01-10', -12, '2026-01-10'],
    ['2026-01-15', 0, '2026-01-15'],
  ])('%s + %d months = %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('rejects what is not a date', () => {
    expect(() => addMonthsClamped('yesterday', 1)).toThrow(RangeError);
  });

  it('a title lapses three years after certification, clamped', () => {
    expect(tierExpiresOn('2023-06-01')).toBe('2026-06-01');
    expect(tierExpiresOn('2024-02-29')).toBe('2027-02-28');
  });
});

describe('titleStanding', () => {
  const lg = (certifiedOn: string | null, reviewPendingUntil?: string): TitleRecord => ({ tier: 'LITTLE_GIANT', certifiedOn, reviewPendingUntil });
  it.each<[string, TitleRecord, string, string]>([
    ['no title', { tier: 'NONE' }, '2026-12-04', 'NONE'],
    ['no certification date: cannot be checked, counts', lg(null), '2026-12-04', 'VALID'],
    ['last valid day (expiry − 1)', lg('2023-12-04'), '2026-12-03', 'VALID'],
    ['expiry day: lapsed', lg('2023-12-04'), '2026-12-04', 'LAPSED'],
    ['expired yesterday', lg('2023-12-03'), '2026-12-04', 'LAPSED'],
    ['leap-day title, 2027-02-27 still valid', lg('2024-02-29'), '2027-02-27', 'VALID'],
    ['leap-day title, 2027-02-28 lapsed', lg('2024-02-29'), '2027-02-28', 'LAPSED'],
    ['expired, re-review pending until today', lg('2023-12-03', '2026-12-04'), '2026-12-04', 'REVIEW_PENDING'],
    ['expired, re-review pending until yesterday', lg('2023-12-03', '2026-12-03'), '2026-12-04', 'LAPSED'],
    ['renewed: a new certification date', lg('2026-11-20'), '2026-12-04', 'VALID'],
  ])('%s → %s', (_what, record, asOf, status) => {
    expect(titleStanding(record, asOf).status).toBe(status);
  });

  it('a lapsed title counts as NONE, a pending one as its tier', () => {
    expect(effectiveTier(lg('2023-12-03'), '2026-12-04')).toBe('NONE');
    expect(effectiveTier(lg('2023-12-03', '2027-03-31'), '2026-12-04')).toBe('LITTLE_GIANT');
    expect(effectiveTier(lg('2023-12-05'), '2026-12-04')).toBe('LITTLE_GIANT');
  });

  it('people read the lapse date', () => {
    expect(titleStatusText(titleStanding(lg('2023-12-03'), '2026-12-04'))).toBe('称号已于2026-12-03失效（认定满3年，未续期且无待定复核）');
    expect(titleStatusText(titleStanding(lg('2023-12-05'), '2026-12-04'))).toBe('称号有效，有效期至2026-12-04');
    expect(titleStatusText(titleStanding({ tier: 'NONE' }, '2026-12-04'))).toBeUndefined();
  });
});

describe('re-review risk window: the 12 months before expiry only', () => {
  it.each([
    ['2027-12-04', '2026-12-03', false], // 12 months + 1 day ahead
    ['2027-12-04', '2026-12-04', true], // exactly 12 months ahead
    ['2026-12-05', '2026-12-04', true], // expires tomorrow
    ['2026-12-04', '2026-12-04', false], // expires today: lapsed
    ['2026-12-03', '2026-12-04', false], // expired yesterday
    ['2027-02-28', '2026-02-28', true], // clamped edge
    ['2027-02-28', '2026-02-27', false],
  ])('expires %s, on %s → %s', (expiresOn, asOf, inWindow) => {
    expect(inReviewRiskWindow(expiresOn, asOf)).toBe(inWindow);
  });

  const failingReview = { tier: 'LITTLE_GIANT' as const, ruleSet: 'MIIT-2022', eligible: false, verdict: 'NOT_ELIGIBLE' as const, criteria: [], missingData: [] };
  it.each([
    ['expires tomorrow: at risk', '2023-12-05', true],
    ['expired yesterday: lapsed, not at risk', '2023-12-03', false],
    ['expires in more than 12 months', '2025-01-10', false],
  ])('%s', (_what, certifiedOn, atRisk) => {
    // An imported title (§8.10: only confirmed or imported titles can be at risk; claims in claimed-titles.spec.ts).
    const risk = reviewRisk({ tier: 'LITTLE_GIANT', tierCertifiedOn: certifiedOn, tierProvenance: 'IMPORTED' }, failingReview, '2026-12-04');
    expect(risk !== null).toBe(atRisk);
  });
});

describe('prerequisites ignore lapsed titles (§8.3)', () => {
  const ASOF = '2026-06-30';
  it.each<[string, Parameters<typeof makeFacts>[0], string]>([
    ['valid 专精特新', { certifiedTier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-07-01' }, 'MET'],
    ['专精特新 expired yesterday', { certifiedTier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-06-29' }, 'UNMET'],
    ['专精特新 expired today', { certifiedTier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-06-30' }, 'UNMET'],
    ['valid 小巨人', { certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-07-01' }, 'MET'],
    ['lapsed 小巨人 no longer passes the 小巨人 prerequisite', { certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-06-29' }, 'UNMET'],
    ['lapsed 重点小巨人', { certifiedTier: 'KEY_LITTLE_GIANT', tierCertifiedOn: '2023-06-29' }, 'UNMET'],
    ['lapsed 小巨人 with a pending re-review still counts', { certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-06-29', tierReviewPendingUntil: '2026-09-30' }, 'MET'],
    ['only 创新型', { certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2025-01-01' }, 'UNMET'],
  ])('小巨人 prerequisite, %s → %s (2022 and 2026)', (_what, patch, status) => {
    const f = littleGiant({ asOf: ASOF, ...patch });
    expect(crit(a3(f), 'A3.PREREQ').status).toBe(status);
    expect(crit(b2(f), 'B2.PREREQ').status).toBe(status);
  });

  it.each<[string, Parameters<typeof makeFacts>[0], string]>([
    ['valid 创新型', { techOrInnovativeSmeValid: false, certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2023-07-01' }, 'MET'],
    ['lapsed 创新型', { techOrInnovativeSmeValid: false, certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2023-06-30' }, 'UNMET'],
    ['a valid higher title satisfies it', { techOrInnovativeSmeValid: false, certifiedTier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-07-01' }, 'MET'],
    ['a lapsed higher title does not', { techOrInnovativeSmeValid: false, certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-06-30' }, 'UNMET'],
  ])('2026 专精特新 base, %s → %s', (_what, patch, status) => {
    expect(crit(b1(specialized({ asOf: ASOF, ...patch })), 'B1.BASE').status).toBe(status);
  });
});
