import { describe, it, expect } from '@jest/globals';
import { amountProblem, coveredShare, fenToYuanString, maxCoverage, parseYuan, VOUCHER_AMOUNT_CEILING_FEN, yuan } from '../../../libs/vouchers/src/core/money.js';
import { eligibilityMiss, type EligibilityRules, type FirmFacts } from '../../../libs/vouchers/src/core/eligibility.js';
import {
  DEFAULT_FRAUD_THRESHOLDS,
  evaluateClaim,
  isFlagged,
  medianFen,
  normalizeAddress,
  normalizePhone,
  spotCheckDraw,
  thresholdsWith,
  type ClaimFacts,
} from '../../../libs/vouchers/src/core/fraud-rules.js';

describe('voucher money (fen)', () => {
  it.each([
    [1, true, null],
    [0, false, null],
    [0, true, '大于 0'],
    [-1, true, '负数'],
    [0.5, true, '整数分'],
    [100.01, true, '整数分'],
    [VOUCHER_AMOUNT_CEILING_FEN, true, null],
    [VOUCHER_AMOUNT_CEILING_FEN + 1, true, '平台上限'],
    [2 ** 53, true, '2^53'],
    [Number.POSITIVE_INFINITY, true, '2^53'],
    [Number.NaN, true, '数字'],
    ['100', true, '数字'],
  ])('amount %p (positive %p) → %p', (value, positive, fragment) => {
    const p = amountProblem(value, 'f', '金额', positive);
    if (fragment === null) expect(p).toBeNull();
    else expect(p?.message).toContain(fragment);
  });

  it.each([
    [150_000, 50, 75_000],
    [99_999, 50, 49_999],
    [1, 99, 0],
    [100, 100, 100],
    [VOUCHER_AMOUNT_CEILING_FEN, 100, VOUCHER_AMOUNT_CEILING_FEN],
  ])('the voucher covers floor(%p × %p%%) = %p', (price, percent, share) => {
    expect(coveredShare(price, percent)).toBe(share);
  });

  it('coverage is the smaller of the share and what is left', () => {
    expect(maxCoverage(150_000, 50, 80_000)).toBe(75_000);
    expect(maxCoverage(150_000, 50, 70_000)).toBe(70_000);
    expect(yuan(12_345)).toBe('123.45 元');
    expect(yuan(5)).toBe('0.05 元');
  });
});

describe('voucher eligibility', () => {
  const none: EligibilityRules = { eligibleTiers: [], eligibleRegionCodes: [], eligibleIndustryCodes: [], eligibleOrganizationIds: [] };
  const firm: FirmFacts = { organizationId: 'a', regionCode: '330281', industryCode: 'C3421', countedTier: 'SPECIALIZED_SME' };
  it.each<[Partial<EligibilityRules>, Partial<FirmFacts>, string | null]>([
    [{}, {}, null],
    [{ eligibleOrganizationIds: ['a'] }, {}, null],
    [{ eligibleOrganizationIds: ['b'] }, {}, 'LIST'],
    [{ eligibleTiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'] }, {}, null],
    [{ eligibleTiers: ['LITTLE_GIANT'] }, {}, 'TIER'],
    [{ eligibleTiers: ['SPECIALIZED_SME'] }, { countedTier: 'NONE' }, 'TIER'],
    [{ eligibleRegionCodes: ['330200'] }, {}, null],
    [{ eligibleRegionCodes: ['330000'] }, {}, null],
    [{ eligibleRegionCodes: ['330100'] }, {}, 'REGION'],
    [{ eligibleRegionCodes: ['330281'] }, { regionCode: '330282' }, 'REGION'],
    [{ eligibleIndustryCodes: ['C34'] }, {}, null],
    [{ eligibleIndustryCodes: ['C35'] }, {}, 'INDUSTRY'],
    [{ eligibleIndustryCodes: ['C34'] }, { industryCode: null }, 'INDUSTRY'],
  ])('rules %p, firm %p → %p', (rules, facts, miss) => {
    expect(eligibilityMiss({ ...none, ...rules }, { ...firm, ...facts })).toBe(miss);
  });
});

describe('fraud rules (thresholds as data)', () => {
  const clean: ClaimFacts = {
    contractValueFen: 150_000,
    claimFen: 75_000,
    voucherAmountFen: 100_000,
    priorPairClaims: 0,
    listedPriceMaxFen: 2_000_000,
    categoryMedianFen: 150_000,
    categorySample: 10,
    sharedPhone: false,
    sharedEmail: false,
    sharedAddress: false,
    sameDayClaims: 1,
    disputed: false,
    spotDraw: 0.5,
  };
  const rules = (f: Partial<ClaimFacts>) => evaluateClaim({ ...clean, ...f }).map((x) => x.rule);

  it('a clean claim trips nothing and is not flagged', () => {
    expect(evaluateClaim(clean)).toEqual([]);
    expect(isFlagged([])).toBe(false);
  });

  it.each<[Partial<ClaimFacts>, string[]]>([
    [{ priorPairClaims: 1 }, []],
    [{ priorPairClaims: 2 }, ['REPEAT_PAIR']],
    [{ listedPriceMaxFen: 100_000 }, []],
    [{ listedPriceMaxFen: 99_999 }, ['PRICE_ABOVE_LISTED']],
    [{ listedPriceMaxFen: null }, []],
    [{ categoryMedianFen: 75_000 }, []],
    [{ categoryMedianFen: 74_999 }, ['PRICE_ABOVE_MEDIAN']],
    [{ categoryMedianFen: 10_000, categorySample: 4 }, []],
    [{ claimFen: 97_999 }, []],
    [{ claimFen: 98_000 }, ['AT_CAP']],
    [{ sharedEmail: true }, ['RELATED_PARTY']],
    [{ sameDayClaims: 4 }, []],
    [{ sameDayClaims: 5 }, ['SAME_DAY_BURST']],
    [{ disputed: true }, ['FIRM_DISPUTE']],
    [{ spotDraw: 0.05 }, []],
    [{ spotDraw: 0.0499 }, ['SPOT_CHECK']],
  ])('facts %p trip %p', (facts, tripped) => {
    expect(rules(facts)).toEqual(tripped);
  });

  it('findings are sorted by score, carry evidence without contact details, and flag at the threshold', () => {
    const f = evaluateClaim({ ...clean, sharedPhone: true, sharedAddress: true, claimFen: 100_000, contractValueFen: 200_000 });
    expect(f.map((x) => x.rule)).toEqual(['RELATED_PARTY', 'AT_CAP']);
    expect(f[0]!.evidence).toBe('企业与机构的联系电话、地址相同');
    expect(isFlagged(f)).toBe(true);
    expect(isFlagged(f, { ...DEFAULT_FRAUD_THRESHOLDS, flagAtScore: 91 })).toBe(false);
  });

  it('a programme overrides one threshold and keeps the others', () => {
    const t = thresholdsWith({ repeatPair: { minPriorClaims: 5 }, unknown: 1 } as never);
    expect(t.repeatPair).toEqual({ minPriorClaims: 5, windowDays: 365, score: 60 });
    expect(t.atCap).toEqual(DEFAULT_FRAUD_THRESHOLDS.atCap);
    expect(evaluateClaim({ ...clean, priorPairClaims: 4 }, t)).toEqual([]);
  });

  it('the spot-check draw is reproducible from the seed and the claim id, and spreads', () => {
    expect(spotCheckDraw('seed', 'claim-1')).toBe(spotCheckDraw('seed', 'claim-1'));
    expect(spotCheckDraw('seed', 'claim-1')).not.toBe(spotCheckDraw('other', 'claim-1'));
    const draws = Array.from({ length: 2000 }, (_, i) => spotCheckDraw('s', `c${i}`));
    const hit = draws.filter((d) => d * 100 < 5).length;
    expect(hit).toBeGreaterThan(50);
    expect(hit).toBeLessThan(150);
  });

  it('normalizes contact details before comparing', () => {
    expect(normalizePhone('+86 138-0000-1234')).toBe(normalizePhone('13800001234'));
    expect(normalizePhone('123')).toBeNull();
    expect(normalizeAddress('宁波市 鄞州区 天童南路 1 号')).toBe(normalizeAddress('宁波市鄞州区天童南路1号'));
    expect(medianFen([3, 1, 2, 4])).toBe(2);
    expect(medianFen([])).toBeNull();
  });
});

describe('amounts at the API (元 as decimal strings)', () => {
  it.each([
    ['20000', 2_000_000],
    ['20000.5', 2_000_050],
    ['0.01', 1],
    ['1234.560', 123_456],
    [' 7.00 ', 700],
    ['10000000000', VOUCHER_AMOUNT_CEILING_FEN],
  ])('%p 元 is %p fen', (text, fen) => {
    expect(parseYuan(text, 'f', '金额')).toEqual({ fen });
  });

  it.each([
    ['-1', '负数'],
    ['0.001', '小于 1 分'],
    ['12.345', '小于 1 分'],
    ['0', '大于 0'],
    ['1e5', '十进制数'],
    ['', '十进制数'],
    ['abc', '十进制数'],
    ['10000000000.01', '平台上限'],
    ['90071992547409.92', '2^53'],
    ['9'.repeat(60), '2^53'],
  ])('%p is refused (%p)', (text, fragment) => {
    const r = parseYuan(text, 'f', '金额');
    expect('message' in r && r.message).toContain(fragment);
  });

  it('a number is refused: money never travels as a float', () => {
    expect('message' in parseYuan(12.5, 'f', '金额')).toBe(true);
    expect(fenToYuanString(123_456)).toBe('1234.56');
    expect(fenToYuanString(5)).toBe('0.05');
  });
});
