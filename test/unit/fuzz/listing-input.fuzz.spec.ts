import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  validateChallenge,
  validateCreditProduct,
  validatePark,
  validateParkVacancy,
  validateServiceOffering,
  type ChallengeInputCommand,
  type CreditProductInputCommand,
  type ParkInputCommand,
  type ParkVacancyInputCommand,
  type ServiceOfferingInputCommand,
} from '../../../libs/listings/src/listing-input.js';
import { ENTERPRISE_TIERS, SERVICE_CATEGORIES } from '../../../libs/enterprises/src/enterprise-tier.js';
import { COOPERATION_MODES, CREDIT_PRODUCT_TYPES, GUARANTEE_METHODS, IP_OWNERSHIPS, RATE_TYPES, VACANCY_TENURES, VACANCY_USES } from '../../../libs/listings/src/listing-enums.js';
import { DATE_WINDOWS, dateWindowBounds, MONEY_MAX_YUAN, PLAUSIBLE } from '../../../libs/platform/src/bounds/plausible.js';
import { anyDate, anyRegion, calendarDate, check, hostileNumber, hostileString, isRealDate, knownRegion, maybe, rejects, valueOrBadInput } from './fuzz-kit.js';

/**
 * Listing validators under fuzzing (issue 8). Valid shapes mirror test/helpers/listing-fixtures.ts,
 * rebuilt here because that module loads the whole test app.
 */
const common = { title: '专精特新申报辅导', description: '逐项诊断并辅导申报。', regionCodes: ['330281'], industryCodes: ['C34'], tags: ['申报辅导'] };
const service = (o: object = {}) => ({ ...common, category: 'POLICY_APPLICATION', priceMin: 20_000, priceMax: 60_000, acceptsServiceVoucher: true, ...o }) as ServiceOfferingInputCommand;
const credit = (o: object = {}) =>
  ({
    ...common,
    productType: 'IP_PLEDGE',
    amountMin: 1_000_000,
    amountMax: 10_000_000,
    annualRateMin: 3.2,
    annualRateMax: 4.5,
    termMonthsMax: 36,
    eligibility: { tiers: ['SPECIALIZED_SME'], minAnnualRevenue: 10_000_000, minInventionPatents: 1, minYearsInBusiness: 2, maxDebtRatio: 0.7 },
    rateType: 'LPR_FLOATING',
    guaranteeMethods: ['IP_PLEDGE'],
    pledgeRatioPercent: 50,
    partnerInvestor: null,
    ...o,
  }) as CreditProductInputCommand;
const challenge = (o: object = {}) =>
  ({
    ...common,
    techField: '精密传动',
    requirements: '背隙 ≤ 10 弧秒',
    budget: 3_000_000,
    applyBy: '2026-12-31',
    ipOwnership: 'SHARED',
    cooperationMode: 'JOINT_RD',
    completionDeadline: '2027-12-31',
    indicators: ['背隙 ≤ 10 弧秒'],
    preferredTiers: ['SPECIALIZED_SME'],
    ...o,
  }) as ChallengeInputCommand;
const vacancy = (o: object = {}) =>
  ({
    ...common,
    parkId: '00000000-0000-4000-8000-000000000001',
    areaSqm: 1200,
    floor: 1,
    ceilingHeightM: 9,
    floorLoadKgPerSqm: 3000,
    rentPerSqmDay: 0.9,
    availableFrom: '2026-12-01',
    useClass: 'PRODUCTION',
    tenure: 'LEASE',
    powerCapacityKva: 800,
    minTaxPerMuWan: 30,
    entryConditions: '亩均税收不低于 30 万元/亩',
    ...o,
  }) as ParkVacancyInputCommand;
const park = (o: object = {}) => ({ name: '余姚智能装备小微企业园', regionCode: '330281', starRating: 4, industries: ['C34', 'C38'], address: '余姚市冶山路 1 号', ...o }) as ParkInputCommand;

/** A fixed "today" for the date windows (availability: a year back to five years ahead). */
const TODAY = '2026-12-05';

const VALIDATORS = {
  service: [validateServiceOffering, service],
  credit: [validateCreditProduct, credit],
  challenge: [validateChallenge, challenge],
  vacancy: [validateParkVacancy, vacancy],
  park: [validatePark, park],
} as const;
type Kind = keyof typeof VALIDATORS;
const validate = (kind: Kind, input: unknown): unknown => (VALIDATORS[kind][0] as (i: never, today: string) => unknown)(input as never, TODAY);

const text = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0 && s.trim().length <= max);
const industryPrefix = fc.constantFrom('C', 'c34', ' C3484', 'I65', 'A01', 'M');
const validCommon = fc.record({
  title: text(60),
  description: text(300),
  regionCodes: fc.array(knownRegion, { maxLength: 10 }),
  industryCodes: fc.array(industryPrefix, { maxLength: 5 }),
  tags: fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }),
});

function sometimes<T>(valid: T, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: hostile });
}
/** Each field of `valid` replaced one time in three by a hostile value of its declared type or null/undefined. */
function hostileOf(valid: Record<string, unknown>, overrides: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const arbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(valid)) {
    const junk =
      overrides[k] ??
      (typeof v === 'number'
        ? maybe(hostileNumber)
        : typeof v === 'string'
          ? /^\d{4}-\d{2}-\d{2}$/.test(v)
            ? anyDate
            : hostileString(k === 'description' ? 6000 : 120)
          : typeof v === 'boolean'
            ? fc.boolean()
            : Array.isArray(v)
              ? fc.array(k === 'regionCodes' ? anyRegion : hostileString(40), { maxLength: 60 })
              : maybe(fc.constant(v)));
    arbs[k] = sometimes(v, junk);
  }
  return fc.record(arbs);
}
const optionalWithNull = (valid: Record<string, unknown>, keys: string[]) => fc.constant(null).chain(() => hostileOf(valid, Object.fromEntries(keys.map((k) => [k, maybe(hostileString())]))));

describe('listing validators (fuzz)', () => {
  it('validateServiceOffering accepts valid offerings and keeps their fields', () => {
    check(
      fc.property(validCommon, fc.constantFrom(...SERVICE_CATEGORIES), maybe(fc.integer({ min: 0, max: 1e9 })), fc.integer({ min: 0, max: 1e9 }), fc.boolean(), (c, category, priceMin, extra, voucher) => {
        const priceMax = priceMin == null ? null : priceMin + extra;
        const out = validateServiceOffering(service({ ...c, category, priceMin, priceMax, acceptsServiceVoucher: voucher }));
        expect(out.common.title).toBe(c.title.trim());
        expect(out.common.description).toBe(c.description.trim());
        expect(new Set(out.common.regionCodes)).toEqual(new Set(c.regionCodes));
        expect(new Set(out.common.industryCodes)).toEqual(new Set(c.industryCodes.map((i) => i.trim().toUpperCase())));
        expect(out.details).toEqual({ category, priceMin: priceMin ?? null, priceMax, acceptsServiceVoucher: voucher });
      }),
    );
  });

  it('validateCreditProduct accepts valid products and keeps their terms', () => {
    check(
      fc.property(
        validCommon,
        fc.record({
          productType: fc.constantFrom(...CREDIT_PRODUCT_TYPES),
          amountMin: fc.integer({ min: 1, max: 1e9 }),
          extra: fc.integer({ min: 0, max: 1e9 }),
          r1: fc.double({ min: 0.01, max: 24, noNaN: true }),
          r2: fc.double({ min: 0.01, max: 24, noNaN: true }),
          termMonthsMax: fc.integer({ min: 1, max: 360 }),
          tiers: fc.subarray([...ENTERPRISE_TIERS]),
          rateType: maybe(fc.constantFrom(...RATE_TYPES)),
          guaranteeMethods: maybe(fc.subarray([...GUARANTEE_METHODS])),
          pledgeRatioPercent: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
          maxDebtRatio: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
        }),
        (c, r) => {
          const out = validateCreditProduct(
            credit({
              ...c,
              productType: r.productType,
              amountMin: r.amountMin,
              amountMax: r.amountMin + r.extra,
              annualRateMin: Math.min(r.r1, r.r2),
              annualRateMax: Math.max(r.r1, r.r2),
              termMonthsMax: r.termMonthsMax,
              eligibility: { tiers: r.tiers, maxDebtRatio: r.maxDebtRatio },
              rateType: r.rateType,
              guaranteeMethods: r.guaranteeMethods,
              pledgeRatioPercent: r.pledgeRatioPercent,
            }),
          );
          expect(out.details).toMatchObject({ productType: r.productType, amountMin: r.amountMin, amountMax: r.amountMin + r.extra, termMonthsMax: r.termMonthsMax });
          expect(new Set(out.details.eligibleTiers)).toEqual(new Set(r.tiers));
          expect(out.details.rateType).toBe(r.rateType ?? null);
        },
      ),
    );
  });

  it('validateChallenge accepts valid challenges and keeps their dates and budget', () => {
    check(
      fc.property(validCommon, calendarDate('2025-12-05', '2031-12-05'), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: MONEY_MAX_YUAN }), fc.constantFrom(...IP_OWNERSHIPS), maybe(fc.constantFrom(...COOPERATION_MODES)), (c, applyBy, days, budget, ip, mode) => {
        const completionDeadline = new Date(Date.parse(`${applyBy}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        const out = validateChallenge(challenge({ ...c, applyBy, completionDeadline, budget, ipOwnership: ip, cooperationMode: mode }), TODAY);
        expect(out.details).toMatchObject({ applyBy, completionDeadline, budget, ipOwnership: ip, cooperationMode: mode ?? null });
      }),
    );
  });

  it('validateParkVacancy and validatePark accept valid input and keep key fields', () => {
    check(
      fc.property(validCommon, fc.double({ min: 0.01, max: 1e6, noNaN: true }), maybe(fc.integer({ min: -5, max: 100 })), calendarDate('2025-12-05', '2031-12-05'), maybe(fc.constantFrom(...VACANCY_USES)), maybe(fc.constantFrom(...VACANCY_TENURES)), (c, area, floor, from, use, tenure) => {
        const out = validateParkVacancy(vacancy({ ...c, areaSqm: area, floor, availableFrom: from, useClass: use, tenure }), TODAY);
        expect(out.details).toMatchObject({ areaSqm: area, floor: floor ?? null, availableFrom: from, useClass: use ?? null, tenure: tenure ?? null });
        expect(out.common.regionCodes).toEqual([]);
      }),
    );
    check(
      fc.property(text(100).filter((s) => s.trim().length >= 2), knownRegion, maybe(fc.integer({ min: 1, max: 5 })), fc.array(industryPrefix, { maxLength: 5 }), text(300), (name, regionCode, starRating, industries, address) => {
        const out = validatePark(park({ name, regionCode: ` ${regionCode} `, starRating, industries, address }));
        expect(out).toMatchObject({ name: name.trim(), regionCode, starRating: starRating ?? null, address: address.trim() });
      }),
    );
  });

  const hostile: Record<Kind, fc.Arbitrary<Record<string, unknown>>> = {
    service: optionalWithNull(service() as never, []),
    credit: fc.constant(null).chain(() =>
      hostileOf(credit() as never, {
        eligibility: fc.record({
          tiers: fc.array(fc.oneof(fc.constantFrom(...ENTERPRISE_TIERS), hostileString()), { maxLength: 3 }),
          minAnnualRevenue: maybe(hostileNumber),
          minInventionPatents: maybe(hostileNumber),
          minYearsInBusiness: maybe(hostileNumber),
          maxDebtRatio: maybe(hostileNumber),
        }),
        rateType: maybe(hostileString()),
        guaranteeMethods: maybe(fc.array(fc.oneof(fc.constantFrom(...GUARANTEE_METHODS), hostileString()), { maxLength: 3 })),
        partnerInvestor: maybe(hostileString(300)),
      }),
    ),
    challenge: fc.constant(null).chain(() =>
      hostileOf(challenge() as never, {
        cooperationMode: maybe(hostileString()),
        completionDeadline: maybe(anyDate),
        indicators: maybe(fc.array(hostileString(), { maxLength: 35 })),
        preferredTiers: maybe(fc.array(hostileString(), { maxLength: 3 })),
      }),
    ),
    vacancy: fc.constant(null).chain(() => hostileOf(vacancy() as never, { useClass: maybe(hostileString()), tenure: maybe(hostileString()), entryConditions: maybe(hostileString(2100)) })),
    park: fc.constant(null).chain(() => hostileOf(park() as never, { regionCode: anyRegion })),
  };

  for (const kind of Object.keys(VALIDATORS) as Kind[]) {
    it(`${kind}: hostile values give a value or BAD_USER_INPUT naming an input field, never another error`, () => {
      check(
        fc.property(hostile[kind], (input) => {
          const r = valueOrBadInput(() => validate(kind, input));
          if (!r.ok) expect(r.error.details.field).toMatch(/^input\.[A-Za-z]/);
          else checkAccepted(kind, r.value as Accepted);
        }),
        300,
      );
    });
  }

  type Accepted = { common?: { title: string; regionCodes: string[] }; details?: Record<string, unknown> } & Record<string, unknown>;
  /** Whatever got through must honour the validators' own rules. */
  function checkAccepted(kind: Kind, out: Accepted): void {
    const d = out.details ?? {};
    if (out.common) {
      expect(out.common.title.length).toBeGreaterThan(0);
      expect(out.common.title.length).toBeLessThanOrEqual(100);
    }
    for (const k of ['applyBy', 'completionDeadline', 'availableFrom']) if (typeof d[k] === 'string') expect(isRealDate(d[k] as string)).toBe(true);
    const today = TODAY;
    if (typeof d.availableFrom === 'string') {
      const w = dateWindowBounds('availability', today);
      expect(d.availableFrom >= w.earliest && d.availableFrom <= w.latest).toBe(true);
    }
    if (typeof d.applyBy === 'string') {
      const w = dateWindowBounds('challengeApplyBy', today);
      expect(d.applyBy >= w.earliest && d.applyBy <= w.latest).toBe(true);
    }
    for (const k of ['priceMin', 'priceMax', 'amountMin', 'amountMax', 'budget']) if (d[k] != null) expect(Number.isSafeInteger(d[k]) && (d[k] as number) >= 0 && (d[k] as number) <= MONEY_MAX_YUAN).toBe(true);
    for (const k of ['areaSqm', 'rentPerSqmDay', 'ceilingHeightM']) if (d[k] != null) expect(Number.isFinite(d[k]) && (d[k] as number) > 0).toBe(true);
    if (d.areaSqm != null) expect(d.areaSqm as number).toBeLessThanOrEqual(PLAUSIBLE.areaSqm.max);
    if (d.rentPerSqmDay != null) expect(d.rentPerSqmDay as number).toBeLessThanOrEqual(PLAUSIBLE.rentPerSqmDay.max);
    if (kind === 'credit') {
      expect((d.annualRateMin as number) <= (d.annualRateMax as number)).toBe(true);
      expect(d.annualRateMin as number).toBeGreaterThan(0);
      expect(d.annualRateMax as number).toBeLessThanOrEqual(24);
    }
  }

  // Each is refused by its bound (the error names it: a count before the items are checked, a length before
  // the text is parsed), not by a complaint about its content. Their speed: npm run bench (validators).
  it('huge inputs are rejected by their bound', () => {
    expect(rejects(() => validateServiceOffering(service({ title: '题'.repeat(1_000_000) })), 'input.title').message).toMatch(/\(at most 100 characters\)$/);
    expect(rejects(() => validateServiceOffering(service({ description: '😀'.repeat(1_000_000) })), 'input.description').message).toMatch(/\(at most 5000 characters\)$/);
    expect(rejects(() => validateServiceOffering(service({ tags: Array.from({ length: 100_000 }, (_, i) => `t${i}`) })), 'input.tags').message).toMatch(/\(at most 20 tags\)$/);
    expect(rejects(() => validateServiceOffering(service({ regionCodes: Array.from({ length: 100_000 }, (_, i) => String(100000 + i)) })), 'input.regionCodes').message).toMatch(/\(at most 50\)$/);
    expect(rejects(() => validateChallenge(challenge({ indicators: Array.from({ length: 100_000 }, () => '指标') })), 'input.indicators').message).toMatch(/\(at most 30 indicators\)$/);
  });

  type Mutation = [Kind, string | RegExp, object];
  const mutations = fc.oneof(
    hostileString().filter((s) => s.trim() === '').map((v): Mutation => ['service', 'input.title', { title: v }]),
    fc.integer({ min: 101, max: 5000 }).map((n): Mutation => ['credit', 'input.title', { title: 'x'.repeat(n) }]),
    fc.integer({ min: 5001, max: 9000 }).map((n): Mutation => ['challenge', 'input.description', { description: 'y'.repeat(n) }]),
    anyRegion.filter((c) => !/^\d{6}$/.test(c.trim()) || c.trim() === '999999').map((v): Mutation => ['service', /^input\.regionCodes\[\d+\]$/, { regionCodes: ['330281', v] }]),
    fc.constantFrom('Z', 'C99', 'C1', '34', 'C34567', '').map((v): Mutation => ['challenge', /^input\.industryCodes\[\d+\]$/, { industryCodes: [v] }]),
    fc.integer({ min: 31, max: 200 }).map((n): Mutation => ['service', 'input.tags[0]', { tags: ['t'.repeat(n)] }]),
    hostileString().filter((s) => !(SERVICE_CATEGORIES as readonly string[]).includes(s)).map((v): Mutation => ['service', 'input.category', { category: v }]),
    fc.constantFrom(-1, 0.5, Number.NaN, Infinity, 2 ** 60).map((v): Mutation => ['service', 'input.priceMin', { priceMin: v, priceMax: null }]),
    fc.constantFrom(0, -1, 0.5, Number.NaN, Infinity).map((v): Mutation => ['credit', 'input.amountMin', { amountMin: v }]),
    fc.constantFrom(-0.1, 24.01, Number.NaN, Infinity).map((v): Mutation => ['credit', 'input.annualRateMax', { annualRateMax: v }]),
    // Plausible values (issue 24 item 2): just outside each bound of libs/platform/src/bounds/plausible.ts.
    fc.constantFrom(0, -0, -1e-9).map((v): Mutation => ['credit', 'input.annualRateMin', { annualRateMin: v }]),
    fc.constantFrom(MONEY_MAX_YUAN + 1, 9e15).map((v): Mutation => ['credit', 'input.amountMax', { amountMax: v }]),
    fc.constantFrom(MONEY_MAX_YUAN + 1, 9e15).map((v): Mutation => ['credit', 'input.eligibility.minAnnualRevenue', { eligibility: { tiers: [], minAnnualRevenue: v } }]),
    fc.constantFrom(MONEY_MAX_YUAN + 1, 9e15).map((v): Mutation => ['service', 'input.priceMax', { priceMax: v }]),
    fc.constantFrom(MONEY_MAX_YUAN + 1, 9e15).map((v): Mutation => ['challenge', 'input.budget', { budget: v }]),
    fc.constantFrom(1e6 + 0.5, 1e9).map((v): Mutation => ['vacancy', 'input.areaSqm', { areaSqm: v }]),
    fc.constantFrom(50.01, 27, 900).filter((v) => v > PLAUSIBLE.rentPerSqmDay.max).map((v): Mutation => ['vacancy', 'input.rentPerSqmDay', { rentPerSqmDay: v }]),
    fc.constantFrom(51, 1000).map((v): Mutation => ['vacancy', 'input.ceilingHeightM', { ceilingHeightM: v }]),
    fc.constantFrom('0001-01-01', '9999-12-31', '1990-01-01', '2100-01-01').map((v): Mutation => ['vacancy', 'input.availableFrom', { availableFrom: v }]),
    fc.constantFrom('0001-01-01', '9999-12-31').map((v): Mutation => ['challenge', 'input.applyBy', { applyBy: v, completionDeadline: null }]),
    fc.constantFrom(0, 361, 12.5, Number.NaN).map((v): Mutation => ['credit', 'input.termMonthsMax', { termMonthsMax: v }]),
    fc.constantFrom(-0.1, 1.1, Number.NaN).map((v): Mutation => ['credit', 'input.eligibility.maxDebtRatio', { eligibility: { tiers: [], maxDebtRatio: v } }]),
    fc.constantFrom(-1, 101, 2.5, Number.NaN).map((v): Mutation => ['credit', 'input.eligibility.minYearsInBusiness', { eligibility: { tiers: [], minYearsInBusiness: v } }]),
    hostileString().filter((s) => !(ENTERPRISE_TIERS as readonly string[]).includes(s)).map((v): Mutation => ['credit', 'input.eligibility.tiers', { eligibility: { tiers: [v] } }]),
    hostileString().filter((s) => !(GUARANTEE_METHODS as readonly string[]).includes(s)).map((v): Mutation => ['credit', 'input.guaranteeMethods', { guaranteeMethods: [v] }]),
    fc.constantFrom(-1, 100.5, Number.NaN).map((v): Mutation => ['credit', 'input.pledgeRatioPercent', { pledgeRatioPercent: v }]),
    anyDate.filter((d) => typeof d !== 'string' ? Number.isNaN(d.getTime()) : !isRealDate(d)).map((v): Mutation => ['challenge', 'input.applyBy', { applyBy: v }]),
    fc.constantFrom('2026-12-30', '2000-01-01').map((v): Mutation => ['challenge', 'input.completionDeadline', { completionDeadline: v }]),
    fc.constantFrom(-1, 0.5, Number.NaN, Infinity).map((v): Mutation => ['challenge', 'input.budget', { budget: v }]),
    hostileString().filter((s) => !(IP_OWNERSHIPS as readonly string[]).includes(s)).map((v): Mutation => ['challenge', 'input.ipOwnership', { ipOwnership: v }]),
    fc.constant<Mutation>(['challenge', 'input.indicators', { indicators: Array.from({ length: 31 }, (_, i) => `指标${i}`) }]),
    fc.constantFrom(-6, 101, 1.5, Number.NaN).map((v): Mutation => ['vacancy', 'input.floor', { floor: v }]),
    fc.tuple(fc.constantFrom('areaSqm', 'rentPerSqmDay', 'ceilingHeightM', 'powerCapacityKva'), fc.constantFrom(0, -1, Number.NaN, Infinity)).map(([k, v]): Mutation => ['vacancy', `input.${k}`, { [k]: v }]),
    anyDate.filter((d) => typeof d !== 'string' ? Number.isNaN(d.getTime()) : !isRealDate(d)).map((v): Mutation => ['vacancy', 'input.availableFrom', { availableFrom: v }]),
    hostileString().filter((s) => s !== '' && !(VACANCY_USES as readonly string[]).includes(s)).map((v): Mutation => ['vacancy', 'input.useClass', { useClass: v }]),
    anyRegion.filter((c) => !/^\d{6}$/.test(c.trim()) || c.trim() === '999999').map((v): Mutation => ['park', 'input.regionCode', { regionCode: v }]),
    fc.constantFrom(0, 6, 3.5, Number.NaN).map((v): Mutation => ['park', 'input.starRating', { starRating: v }]),
    fc.constantFrom('', ' ', 'x', ' 园 ').map((v): Mutation => ['park', 'input.name', { name: v }]),
    fc.integer({ min: 301, max: 1000 }).map((n): Mutation => ['park', 'input.address', { address: '路'.repeat(n) }]),
  );

  it('a single invalid field is rejected naming that field', () => {
    check(
      fc.property(mutations, ([kind, field, override]) => {
        rejects(() => validate(kind, VALIDATORS[kind][1](override)), field);
      }),
      400,
    );
  });

  it('plausible bounds: both sides of every edge, with the allowed range in the error', () => {
    const w = dateWindowBounds('availability', TODAY);
    expect(w).toEqual({ earliest: '2025-12-05', latest: '2031-12-05' });
    expect(validateParkVacancy(vacancy({ availableFrom: w.earliest }), TODAY).details.availableFrom).toBe(w.earliest);
    expect(validateParkVacancy(vacancy({ availableFrom: w.latest }), TODAY).details.availableFrom).toBe(w.latest);
    expect(rejects(() => validateParkVacancy(vacancy({ availableFrom: '2025-12-04' }), TODAY), 'input.availableFrom').details.allowed).toBe('[2025-12-05, 2031-12-05]');
    rejects(() => validateParkVacancy(vacancy({ availableFrom: '2031-12-06' }), TODAY), 'input.availableFrom');
    expect(DATE_WINDOWS.availability.reason).toMatch(/一年前至五年后/);

    expect(validateCreditProduct(credit({ annualRateMin: 0.01, annualRateMax: 24 })).details).toMatchObject({ annualRateMin: 0.01, annualRateMax: 24 });
    const rate = rejects(() => validateCreditProduct(credit({ annualRateMin: 0 })), 'input.annualRateMin');
    expect(rate.details.allowed).toBe('(0, 24] %');
    expect(rate.message).toMatch(/^最低年利率须在 \(0, 24\] % 之内/);
    rejects(() => validateCreditProduct(credit({ annualRateMax: 24.000001 })), 'input.annualRateMax');

    expect(validateServiceOffering(service({ priceMin: 0, priceMax: MONEY_MAX_YUAN })).details.priceMax).toBe(MONEY_MAX_YUAN);
    expect(rejects(() => validateServiceOffering(service({ priceMin: 0, priceMax: MONEY_MAX_YUAN + 1 })), 'input.priceMax').details.allowed).toBe('[0, 10,000,000,000,000] 元');

    expect(validateParkVacancy(vacancy({ areaSqm: 1e6, rentPerSqmDay: 50 }), TODAY).details).toMatchObject({ areaSqm: 1e6, rentPerSqmDay: 50 });
    expect(rejects(() => validateParkVacancy(vacancy({ rentPerSqmDay: 50.01 }), TODAY), 'input.rentPerSqmDay').details.allowed).toBe('(0, 50] 元/m²·天');
    rejects(() => validateParkVacancy(vacancy({ areaSqm: 1_000_000.01 }), TODAY), 'input.areaSqm');
  });

  it('regressions found by fuzzing', () => {
    // Impossible calendar days were accepted (Date.parse rolls 2026-02-30 over to 2026-03-02).
    rejects(() => validateChallenge(challenge({ applyBy: '2026-02-30' })), 'input.applyBy');
    rejects(() => validateParkVacancy(vacancy({ availableFrom: '2026-04-31' })), 'input.availableFrom');
    // An invalid Date object threw RangeError from toISOString.
    rejects(() => validateChallenge(challenge({ applyBy: new Date(Number.NaN) })), 'input.applyBy');
    expect(validateChallenge(challenge({ applyBy: '2028-02-29', completionDeadline: null }), TODAY).details.applyBy).toBe('2028-02-29');
  });
});
