/**
 * Test kit for the tier evaluator: a fact factory (start from a named base firm, patch facts and
 * yearly rows) and lookups for one tier's outcome and one criterion.
 */
import { expect } from '@jest/globals';

import {
  MIIT_2022,
  MIIT_2026,
  SAMPLE_FAILING,
  SAMPLE_LITTLE_GIANT,
  SAMPLE_SPECIALIZED,
  evaluateTiers,
  type AssessedTier,
  type CriterionOutcome,
  type EnterpriseFacts,
  type EvaluateOptions,
  type RuleSet,
  type TierOutcome,
  type YearFinancials,
} from '../../../libs/tiers/src/index.js';

/** Every test firm is assessed on this date, so the prior year is 2025. */
export const AS_OF = '2026-06-30';
export const P = 2025;

/**
 * A neutral firm: all facts known, 2022 创新型 score 80 on the score path, no direct condition.
 * Tests change one thing at a time and read one criterion.
 */
export const NEUTRAL: EnterpriseFacts = {
  asOf: AS_OF,
  industryCode: 'C34',
  foundedOn: '2015-01-01',
  mainBusinessSince: '2018-01-01',
  financials: [
    { year: 2025, revenue: 20_000_000, mainBusinessRevenue: 16_000_000, rdExpense: 1_000_000, netProfit: 1_600_000, totalAssets: 20_000_000, totalLiabilities: 10_000_000, employees: 100, rdEmployees: 10, equityFinancing: 0 },
    { year: 2024, revenue: 18_000_000, mainBusinessRevenue: 14_000_000, rdExpense: 900_000, netProfit: 1_400_000, totalAssets: 18_000_000, totalLiabilities: 9_000_000, employees: 95, rdEmployees: 9, equityFinancing: 0 },
    { year: 2023, revenue: 16_000_000, mainBusinessRevenue: 12_000_000, rdExpense: 800_000, netProfit: 1_200_000, totalAssets: 16_000_000, totalLiabilities: 8_000_000, employees: 90, rdEmployees: 9, equityFinancing: 0 },
    { year: 2022, revenue: 14_000_000, mainBusinessRevenue: 10_000_000, rdExpense: 700_000, netProfit: 1_000_000, totalAssets: 14_000_000, totalLiabilities: 7_000_000, employees: 85, rdEmployees: 8, equityFinancing: 0 },
  ],
  ip: { inventionPatents: 1, utilityModels: 3, designPatents: 0, softwareCopyrights: 2, trademarks: 1, highValueInventionPatents: 0, selfDevelopedInventionPatents: 0 },
  rdInstitutionLevel: 'NONE',
  digitalMaturityLevel: 2,
  nicheMarketSharePercent: 5,
  marketTop3: false,
  awards: [],
  honours: [],
  strategicEmergingIndustry: false,
  mainProductField: 'OTHER',
  mainProductInPriorityField: false,
  keyChainRole: false,
  quality: { iso9001: true },
  managementCertification: true,
  coreProcessInformatized: true,
  goodCredit: true,
  certifiedTier: 'NONE',
  platformScores: [{ year: 2026, score: 55 }],
  techOrInnovativeSmeValid: true,
};

export interface FactsPatch extends Partial<Omit<EnterpriseFacts, 'ip' | 'quality'>> {
  /** Per-year row changes; `null` deletes the row. */
  years?: Record<number, Partial<YearFinancials> | null>;
  ip?: Partial<EnterpriseFacts['ip']>;
  quality?: EnterpriseFacts['quality'] | null;
}

/** A copy of `base` with the patch applied; keys set to `undefined` remove the fact. */
export function makeFacts(patch: FactsPatch = {}, base: EnterpriseFacts = NEUTRAL): EnterpriseFacts {
  const { years, ip, quality, ...rest } = patch;
  const facts: EnterpriseFacts = { ...structuredClone(base), ...rest };
  if (ip) facts.ip = { ...facts.ip, ...ip };
  if (quality === null) delete facts.quality;
  else if (quality) facts.quality = quality;
  for (const [y, change] of Object.entries(years ?? {})) {
    const year = Number(y);
    const i = facts.financials.findIndex((r) => r.year === year);
    if (change === null) {
      if (i >= 0) facts.financials.splice(i, 1);
    } else if (i >= 0) facts.financials[i] = { ...facts.financials[i], ...change };
    else facts.financials.push({ year, revenue: 0, mainBusinessRevenue: 0, rdExpense: 0, ...change });
  }
  return facts;
}

export const specialized = (patch: FactsPatch = {}) => makeFacts(patch, SAMPLE_SPECIALIZED);
export const littleGiant = (patch: FactsPatch = {}) => makeFacts(patch, SAMPLE_LITTLE_GIANT);
export const failing = (patch: FactsPatch = {}) => makeFacts(patch, SAMPLE_FAILING);

/** One tier's outcome. */
export function assess(ruleSet: RuleSet, tier: AssessedTier, facts: EnterpriseFacts, options?: EvaluateOptions): TierOutcome {
  const outcome = evaluateTiers(ruleSet, facts, options).find((o) => o.tier === tier);
  if (!outcome) throw new Error(`no ${tier} outcome in ${ruleSet.id}`);
  return outcome;
}

export const a1 = (f: EnterpriseFacts, o?: EvaluateOptions) => assess(MIIT_2022, 'INNOVATIVE_SME', f, o);
export const a2 = (f: EnterpriseFacts, o?: EvaluateOptions) => assess(MIIT_2022, 'SPECIALIZED_SME', f, o);
export const a3 = (f: EnterpriseFacts, o?: EvaluateOptions) => assess(MIIT_2022, 'LITTLE_GIANT', f, o);
export const b1 = (f: EnterpriseFacts, o?: EvaluateOptions) => assess(MIIT_2026, 'SPECIALIZED_SME', f, o);
export const b2 = (f: EnterpriseFacts, o?: EvaluateOptions) => assess(MIIT_2026, 'LITTLE_GIANT', f, o);

/** The criterion with `code`; fails the test when absent. */
export function crit(outcome: TierOutcome, code: string): CriterionOutcome {
  const c = outcome.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`criterion ${code} missing from ${outcome.tier}: ${outcome.criteria.map((x) => x.code).join(', ')}`);
  return c;
}

/** Asserts points and status of one score-table indicator. */
export function expectPoints(outcome: TierOutcome, code: string, points: number): void {
  const c = crit(outcome, code);
  expect({ code, points: c.points, status: c.status }).toEqual({ code, points, status: points > 0 ? 'MET' : 'UNMET' });
}
