import { describe, expect, it } from '@jest/globals';
import { highestEligible } from '../../../libs/tier-assessments/src/assessment-verdicts.js';

const row = (tier: string, ruleSet: string, eligible: boolean, mode = 'NEW') => ({ tier, ruleSet, eligible, mode });
const AFTER_2026 = '2026-11-21';
const BEFORE_2026 = '2026-01-15';

describe('highestEligible: the tier kept on the profile for the authority pipeline', () => {
  it.each([
    ['nothing eligible', [row('INNOVATIVE_SME', 'MIIT-2022', false)], AFTER_2026, 'NONE'],
    ['创新型 only', [row('INNOVATIVE_SME', 'MIIT-2022', true), row('SPECIALIZED_SME', 'MIIT-2026', false)], AFTER_2026, 'INNOVATIVE_SME'],
    ['专精特新 under the rules in force (2026)', [row('INNOVATIVE_SME', 'MIIT-2022', true), row('SPECIALIZED_SME', 'MIIT-2026', true)], AFTER_2026, 'SPECIALIZED_SME'],
    ['a 2022 verdict does not count once 2026 rules are in force', [row('SPECIALIZED_SME', 'MIIT-2022', true), row('SPECIALIZED_SME', 'MIIT-2026', false)], AFTER_2026, 'NONE'],
    ['before 2026 the 2022 rules count', [row('SPECIALIZED_SME', 'MIIT-2022', true), row('SPECIALIZED_SME', 'MIIT-2026', false)], BEFORE_2026, 'SPECIALIZED_SME'],
    ['小巨人 beats lower tiers', [row('INNOVATIVE_SME', 'MIIT-2022', true), row('LITTLE_GIANT', 'MIIT-2026', true), row('SPECIALIZED_SME', 'MIIT-2026', true)], AFTER_2026, 'LITTLE_GIANT'],
    ['re-review (REVIEW mode) outcomes are ignored', [row('LITTLE_GIANT', 'MIIT-2026', true, 'REVIEW')], AFTER_2026, 'NONE'],
  ])('%s', (_name, rows, asOf, expected) => {
    expect(highestEligible(rows, asOf)).toBe(expected);
  });
});
