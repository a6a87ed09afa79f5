/** Bounds of recorded outcomes (issue 17 item 5): both sides of every edge. */
import { describe, expect, it } from '@jest/globals';
import {
  CASE_AMOUNT_CEILING_YUAN,
  annualRateProblem,
  caseAmountProblem,
  creditAmountProblem,
  daysToDisbursement,
  outcomeDateProblem,
  termMonthsProblem,
} from '../../../libs/matching/src/core/outcome-bounds.js';

const PRODUCT = { amountMin: 1_000_000, amountMax: 10_000_000 };
const HUGE = { amountMin: 1, amountMax: Number.MAX_SAFE_INTEGER };

describe('credit amount within the product range and the ceiling', () => {
  it.each([
    ['below min', PRODUCT, 999_999, false],
    ['at min', PRODUCT, 1_000_000, true],
    ['at max', PRODUCT, 10_000_000, true],
    ['above max', PRODUCT, 10_000_001, false],
    ['zero', PRODUCT, 0, false],
    ['negative', PRODUCT, -1, false],
    ['fraction', PRODUCT, 1_500_000.5, false],
    ['at the ceiling of a huge product', HUGE, CASE_AMOUNT_CEILING_YUAN, true],
    ['above the ceiling of a huge product', HUGE, CASE_AMOUNT_CEILING_YUAN + 1, false],
    ['2^53 − 1 on a huge product', HUGE, Number.MAX_SAFE_INTEGER, false],
    ['2^53', HUGE, 2 ** 53, false],
    ['not a number', PRODUCT, '5000000', false],
  ] as const)('%s', (_name, range, value, ok) => {
    const problem = creditAmountProblem(value, range, 'input.amountGranted', '授信金额');
    if (ok) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ field: 'input.amountGranted', message: expect.stringContaining('授信金额') });
  });
});

describe('case amounts (price, contract value)', () => {
  it.each([
    [-1, false],
    [0, true],
    [CASE_AMOUNT_CEILING_YUAN, true],
    [CASE_AMOUNT_CEILING_YUAN + 1, false],
    [2 ** 53, false],
    [1.5, false],
  ])('%p → %p', (value, ok) => {
    expect(caseAmountProblem(value, 'input.price', '服务价格') === null).toBe(ok);
  });
});

describe('annual rate 0–24 %', () => {
  it.each([
    [-0.01, false],
    [0, true],
    [3.45, true],
    [24, true],
    [24.01, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%p → %p', (value, ok) => {
    expect(annualRateProblem(value, 'input.annualRatePercent') === null).toBe(ok);
  });
});

describe('term 1 to the product\'s longest term', () => {
  it.each([
    [0, false],
    [1, true],
    [36, true],
    [37, false],
    [12.5, false],
  ])('%p months of a 36-month product → %p', (value, ok) => {
    expect(termMonthsProblem(value, 36, 'input.termMonths') === null).toBe(ok);
  });
});

describe('outcome date between the request date and today', () => {
  const requestedOn = '2026-11-10';
  const today = '2026-12-05';
  it.each([
    ['the day before the request', '2026-11-09', false],
    ['the request day', '2026-11-10', true],
    ['today', '2026-12-05', true],
    ['tomorrow', '2026-12-06', false],
    ['not a real date', '2026-11-31', false],
    ['wrong format', '2026/11/20', false],
    ['not a string', 20261120, false],
  ] as const)('%s', (_name, value, ok) => {
    expect(outcomeDateProblem(value, requestedOn, today, 'input.disbursedOn', '放款日期') === null).toBe(ok);
  });

  it('counts whole days to disbursement', () => {
    expect(daysToDisbursement('2026-11-10', '2026-11-10')).toBe(0);
    expect(daysToDisbursement('2026-11-10', '2026-12-05')).toBe(25);
    expect(daysToDisbursement('2026-02-27', '2026-03-01')).toBe(2);
  });
});
