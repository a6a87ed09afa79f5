import { describe, expect, it } from '@jest/globals';
import { enterpriseSide } from '../../../libs/matching/src/sets/match-sides.js';
import type { EnterpriseProfileEntity } from '../../../libs/enterprises/src/enterprise-profile.entity.js';

const profile = (equity: Array<number | null>) =>
  ({
    organizationId: 'o',
    industryCode: 'C3484',
    tier: 'NONE',
    foundedOn: '2012-01-01',
    financials: equity.map((e, i) => ({ year: 2025 - i, revenue: 1, totalAssets: null, totalLiabilities: null, equityFinancing: e, employees: null, rdEmployees: null })),
  }) as unknown as EnterpriseProfileEntity;

describe("enterpriseSide: the newest two years' equity financing", () => {
  it.each([
    ['neither year reports it → not stated', [null, null], null],
    ['no financial years beyond one unreported', [null], null],
    ['one year reports 0 → 0', [0, null], 0],
    ['both years report → the sum', [3_000_000, 5_000_000], 8_000_000],
    ['a third, older year is ignored', [null, null, 9_000_000], null],
  ])('%s', (_name, equity, expected) => {
    expect(enterpriseSide(profile(equity), '330281', [], '2026-11-21').latestFinancials?.equityFinancing).toBe(expected);
  });
});
