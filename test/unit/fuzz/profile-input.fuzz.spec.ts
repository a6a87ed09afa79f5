import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { validateProfile, type ProfileCommand } from '../../../libs/enterprises/src/profile-input.js';
import { ENTERPRISE_TIERS, HONOURS, MAIN_PRODUCT_FIELDS, RD_INSTITUTION_LEVELS, SERVICE_CATEGORIES } from '../../../libs/enterprises/src/enterprise-tier.js';
import { financialsEnding, profileInput } from '../../helpers/profile-fixtures.js';
import { MONEY_MAX_YUAN, PLAUSIBLE } from '../../../libs/platform/src/bounds/plausible.js';
import { anyDate, anyRegion, calendarDate, check, hostileNumber, hostileString, isRealDate, knownRegion, maybe, rejects, valueOrBadInput } from './fuzz-kit.js';

/** validateProfile under fuzzing (issue 8). `today` is pinned so the suite does not age. */
const TODAY = '2026-11-21';
const base = (): ProfileCommand => profileInput({ financials: financialsEnding(2025) }) as unknown as ProfileCommand;
const run = (input: unknown) => validateProfile(input as ProfileCommand, TODAY);

/** Valid profiles built from the domain: every one must be accepted. */
const validProfile: fc.Arbitrary<ProfileCommand> = fc
  .record({
    industryCode: fc.constantFrom('C3484', 'c34', ' C38 ', 'I65', 'A01', 'M73'),
    tier: fc.constantFrom(...ENTERPRISE_TIERS),
    foundedOn: calendarDate('1949-10-01', '2015-12-31'),
    sinceDays: fc.integer({ min: 0, max: 3000 }),
    mainProducts: fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 10 }),
    certifications: fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
    capabilities: fc.string({ unit: 'grapheme', maxLength: 300 }),
    serviceNeeds: fc.subarray([...SERVICE_CATEGORIES]),
    financingNeed: maybe(fc.record({ amount: fc.integer({ min: 1, max: 1e12 }), termMonths: fc.integer({ min: 1, max: 360 }), purpose: maybe(fc.string({ maxLength: 50 })) })),
    spaceNeed: maybe(
      fc.record({
        minAreaSqm: fc.double({ min: 0.01, max: 5e5, noNaN: true }),
        extra: fc.double({ min: 0, max: 5e5, noNaN: true }),
        regionCodes: fc.array(knownRegion, { maxLength: 5 }),
        maxRentPerSqmDay: maybe(fc.double({ min: 0.01, max: PLAUSIBLE.rentPerSqmDay.max, noNaN: true })),
      }),
    ),
    inventionPatents: fc.integer({ min: 0, max: 1000 }),
    level: maybe(fc.constantFrom(...RD_INSTITUTION_LEVELS)),
    field: maybe(fc.constantFrom(...MAIN_PRODUCT_FIELDS)),
    honours: fc.subarray([...HONOURS]),
    digital: maybe(fc.integer({ min: 0, max: 4 })),
    share: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  })
  .map((r) => {
    const since = new Date(Date.parse(`${r.foundedOn}T00:00:00Z`) + r.sinceDays * 86_400_000).toISOString().slice(0, 10);
    return {
      ...base(),
      industryCode: r.industryCode,
      tier: r.tier,
      tierCertifiedOn: r.tier === 'NONE' ? null : '2020-06-30',
      foundedOn: r.foundedOn,
      mainBusinessSince: since,
      mainProducts: r.mainProducts,
      certifications: r.certifications,
      capabilities: r.capabilities,
      serviceNeeds: r.serviceNeeds,
      financingNeed: r.financingNeed,
      spaceNeed: r.spaceNeed && { minAreaSqm: r.spaceNeed.minAreaSqm, maxAreaSqm: r.spaceNeed.minAreaSqm + r.spaceNeed.extra, regionCodes: r.spaceNeed.regionCodes, maxRentPerSqmDay: r.spaceNeed.maxRentPerSqmDay },
      ipAssets: { inventionPatents: r.inventionPatents, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 },
      tierFacts: {
        rdInstitutionLevel: r.level,
        mainProductField: r.field,
        honours: r.honours,
        digitalMaturityLevel: r.digital,
        nicheMarketSharePercent: r.share,
        highValueInventionPatents: Math.floor(r.inventionPatents / 2),
        selfDevelopedInventionPatents: r.inventionPatents,
      },
    } as ProfileCommand;
  });

/** Replaces each field by a hostile value of the declared type (or null/undefined) one time in three. */
function sometimes<T>(valid: T, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: hostile });
}
const financialYear = fc.record(
  {
    year: fc.oneof(fc.integer({ min: 1980, max: 2030 }), hostileNumber),
    revenue: hostileNumber,
    mainBusinessRevenue: hostileNumber,
    rdExpense: hostileNumber,
    netProfit: maybe(hostileNumber),
    totalAssets: maybe(hostileNumber),
    totalLiabilities: maybe(hostileNumber),
    employees: maybe(hostileNumber),
    rdEmployees: maybe(hostileNumber),
    equityFinancing: maybe(hostileNumber),
  },
  { requiredKeys: ['year', 'revenue', 'mainBusinessRevenue', 'rdExpense'] },
);
const hostileProfile = fc.constant(null).chain(() => {
  const b = base();
  return fc.record({
    industryCode: sometimes(b.industryCode, hostileString()),
    tier: sometimes(b.tier, fc.oneof(fc.constantFrom(...ENTERPRISE_TIERS), hostileString())),
    tierCertifiedOn: sometimes(b.tierCertifiedOn, maybe(anyDate)),
    foundedOn: sometimes(b.foundedOn, anyDate),
    mainBusinessSince: sometimes(b.mainBusinessSince, anyDate),
    mainProducts: sometimes(b.mainProducts, fc.array(hostileString(250), { maxLength: 60 })),
    capabilities: sometimes(b.capabilities, hostileString(200)),
    certifications: sometimes(b.certifications, fc.array(hostileString(), { maxLength: 5 })),
    financials: sometimes(b.financials, fc.array(financialYear, { maxLength: 22 })),
    ipAssets: sometimes(b.ipAssets, fc.record({ inventionPatents: hostileNumber, utilityModels: hostileNumber, designPatents: hostileNumber, softwareCopyrights: hostileNumber, trademarks: hostileNumber })),
    financingNeed: sometimes(b.financingNeed, maybe(fc.record({ amount: hostileNumber, termMonths: hostileNumber, purpose: maybe(hostileString()) }))),
    serviceNeeds: sometimes(b.serviceNeeds, fc.array(fc.oneof(fc.constantFrom(...SERVICE_CATEGORIES), hostileString()), { maxLength: 5 })),
    spaceNeed: sometimes(
      b.spaceNeed,
      maybe(fc.record({ minAreaSqm: hostileNumber, maxAreaSqm: hostileNumber, regionCodes: fc.array(anyRegion, { maxLength: 4 }), maxRentPerSqmDay: maybe(hostileNumber) })),
    ),
    tierFacts: sometimes(
      b.tierFacts,
      maybe(
        fc.record(
          {
            rdInstitutionLevel: maybe(fc.oneof(fc.constantFrom(...RD_INSTITUTION_LEVELS), hostileString())),
            mainProductField: maybe(hostileString()),
            honours: maybe(fc.array(fc.oneof(fc.constantFrom(...HONOURS), hostileString()), { maxLength: 4 })),
            digitalMaturityLevel: maybe(hostileNumber),
            nicheMarketSharePercent: maybe(hostileNumber),
            highValueInventionPatents: maybe(hostileNumber),
            selfDevelopedInventionPatents: maybe(hostileNumber),
            awards: maybe(fc.array(fc.record({ year: hostileNumber, rank: maybe(hostileNumber) }), { maxLength: 3 })),
            platformScores: maybe(fc.array(fc.record({ year: hostileNumber, score: hostileNumber }), { maxLength: 3 })),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  });
});

const nonNeg = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

describe('validateProfile (fuzz)', () => {
  it('accepts every valid profile built from the domain and keeps its key fields', () => {
    check(
      fc.property(validProfile, (input) => {
        const out = run(input);
        expect(out.industryCode).toBe(input.industryCode.trim().toUpperCase());
        expect(out.tier).toBe(input.tier);
        expect(out.foundedOn).toBe(input.foundedOn);
        expect(out.mainBusinessSince).toBe(input.mainBusinessSince);
        expect(out.capabilities).toBe(input.capabilities.trim());
        expect(out.financials.map((f) => f.year)).toEqual([2025, 2024, 2023]);
        expect(new Set(out.mainProducts)).toEqual(new Set(input.mainProducts.map((p) => p.trim()).filter(Boolean)));
        expect(new Set(out.serviceNeeds)).toEqual(new Set(input.serviceNeeds));
        expect(out.financingNeed?.amount ?? null).toBe(input.financingNeed?.amount ?? null);
        expect(out.spaceNeed?.minAreaSqm ?? null).toBe(input.spaceNeed?.minAreaSqm ?? null);
      }),
      300,
    );
  });

  it('hostile values of every field: a normalised profile or BAD_USER_INPUT naming a field, never another error', () => {
    check(
      fc.property(hostileProfile, (input) => {
        const r = valueOrBadInput(() => run(input));
        if (r.ok) {
          // Whatever got through must honour the validator's own rules.
          const out = r.value;
          expect(isRealDate(out.foundedOn) && out.foundedOn <= TODAY && out.foundedOn >= '1949-10-01').toBe(true);
          expect(isRealDate(out.mainBusinessSince) && out.mainBusinessSince >= out.foundedOn).toBe(true);
          if (out.tierCertifiedOn) expect(isRealDate(out.tierCertifiedOn)).toBe(true);
          for (const y of out.financials) {
            expect(Number.isInteger(y.year) && y.year <= 2026).toBe(true);
            for (const k of ['revenue', 'mainBusinessRevenue', 'rdExpense', 'employees', 'rdEmployees'] as const) expect(nonNeg(y[k])).toBe(true);
            for (const k of ['revenue', 'mainBusinessRevenue', 'rdExpense', 'totalAssets', 'totalLiabilities', 'equityFinancing'] as const) expect(y[k] ?? 0).toBeLessThanOrEqual(MONEY_MAX_YUAN);
            expect(Math.abs(y.netProfit ?? 0)).toBeLessThanOrEqual(MONEY_MAX_YUAN);
          }
          for (const v of Object.values(out.ipAssets)) expect(nonNeg(v)).toBe(true);
          if (out.spaceNeed) expect(out.spaceNeed.maxAreaSqm <= PLAUSIBLE.areaSqm.max && out.spaceNeed.minAreaSqm > 0).toBe(true);
          if (out.spaceNeed?.maxRentPerSqmDay != null) expect(out.spaceNeed.maxRentPerSqmDay).toBeLessThanOrEqual(PLAUSIBLE.rentPerSqmDay.max);
          if (out.financingNeed) expect(out.financingNeed.amount).toBeLessThanOrEqual(MONEY_MAX_YUAN);
          for (const a of out.tierFacts?.awards ?? []) expect(Number.isInteger(a.year)).toBe(true);
          expect(out.capabilities.length).toBeLessThanOrEqual(5000);
        } else {
          expect(r.error.details.field).toMatch(/^input\./);
        }
      }),
      400,
    );
  });

  // Each is refused by its bound (the error names it: a count before the items are checked, a length before
  // the text is parsed), not by a complaint about its content. Their speed: npm run bench (validators).
  it('huge inputs are rejected by their bound, naming the field', () => {
    expect(rejects(() => run({ ...base(), capabilities: '能'.repeat(1_000_000) }), 'input.capabilities').message).toMatch(/\(capabilities at most 5000 characters\)$/);
    expect(rejects(() => run({ ...base(), mainProducts: Array.from({ length: 100_000 }, (_, i) => `p${i}`) }), 'input.mainProducts').message).toMatch(/\(at most 50 items\)$/);
    expect(rejects(() => run({ ...base(), mainProducts: ['😀'.repeat(500_000)] }), 'input.mainProducts').message).toMatch(/\(each item at most 200 characters\)$/);
    expect(rejects(() => run({ ...base(), financials: Array.from({ length: 10_000 }, (_, i) => ({ ...financialsEnding(2025)[0]!, year: 2025 - i })) }), 'input.financials').message).toMatch(/\(at most 20 years\)$/);
    rejects(() => run({ ...base(), industryCode: 'C'.repeat(1_000_000) }), 'input.industryCode');
  });

  type Mutation = [field: string | RegExp, mutate: (p: ProfileCommand) => unknown];
  const mutations: fc.Arbitrary<Mutation> = fc.oneof(
    hostileString().filter((s) => !/^\s*[a-t]\d{2}\d{0,2}\s*$/i.test(s) && !/^\s*[a-t]\s*$/i.test(s)).map((v): Mutation => ['input.industryCode', (p) => ({ ...p, industryCode: v })]),
    hostileString().filter((s) => !(ENTERPRISE_TIERS as readonly string[]).includes(s)).map((v): Mutation => ['input.tier', (p) => ({ ...p, tier: v })]),
    anyDate.filter((d) => typeof d !== 'string' || !isRealDate(d)).filter((d) => !(d instanceof Date) || Number.isNaN(d.getTime()) || d.toISOString() > '2027').map((v): Mutation => ['input.foundedOn', (p) => ({ ...p, foundedOn: v })]),
    calendarDate('1990-01-01', '2013-12-31').map((v): Mutation => ['input.mainBusinessSince', (p) => ({ ...p, foundedOn: '2014-01-01', mainBusinessSince: v })]),
    fc.constantFrom('2027-01-01', '2026-11-22', '9999-12-31').map((v): Mutation => ['input.foundedOn', (p) => ({ ...p, foundedOn: v })]),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('revenue', 'rdExpense', 'employees', 'totalAssets', 'equityFinancing'), fc.constantFrom(-1, -0.5, 1.5, Number.NaN, Infinity, -Infinity, 2 ** 60)).map(
      ([i, k, v]): Mutation => [`input.financials[${i}].${k}`, (p) => ({ ...p, financials: p.financials.map((y, j) => (j === i ? { ...y, [k]: v, ...(k === 'revenue' ? {} : {}) } : y)) })],
    ),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(2027, 1900, 2020.5, Number.NaN, Infinity)).map(
      ([i, v]): Mutation => [`input.financials[${i}].year`, (p) => ({ ...p, financials: p.financials.map((y, j) => (j === i ? { ...y, year: v } : y)) })],
    ),
    fc.tuple(fc.constantFrom('inventionPatents', 'utilityModels', 'designPatents', 'softwareCopyrights', 'trademarks'), fc.constantFrom(-1, 0.5, Number.NaN, Infinity)).map(
      ([k, v]): Mutation => [`input.ipAssets.${k}`, (p) => ({ ...p, ipAssets: { ...p.ipAssets, [k]: v } })],
    ),
    fc.constantFrom(0, -5, 1.5, Number.NaN, Infinity, 2 ** 60).map((v): Mutation => ['input.financingNeed.amount', (p) => ({ ...p, financingNeed: { amount: v, termMonths: 12 } })]),
    fc.constantFrom(0, 361, 1.5, Number.NaN, -Infinity).map((v): Mutation => ['input.financingNeed.termMonths', (p) => ({ ...p, financingNeed: { amount: 1, termMonths: v } })]),
    hostileString().filter((s) => !(SERVICE_CATEGORIES as readonly string[]).includes(s)).map((v): Mutation => ['input.serviceNeeds', (p) => ({ ...p, serviceNeeds: ['FINANCING', v] })]),
    fc.constantFrom<[number, number]>([0, 10], [-1, 10], [Number.NaN, 10], [10, 5], [Infinity, Infinity], [1_000_000.5, 2e6]).map(
      ([min, max]): Mutation => ['input.spaceNeed.minAreaSqm', (p) => ({ ...p, spaceNeed: { ...p.spaceNeed!, minAreaSqm: min, maxAreaSqm: max } })],
    ),
    fc.constantFrom<[number, number]>([10, Number.NaN], [1, Infinity], [1, 1_000_000.5]).map(
      ([min, max]): Mutation => ['input.spaceNeed.maxAreaSqm', (p) => ({ ...p, spaceNeed: { ...p.spaceNeed!, minAreaSqm: min, maxAreaSqm: max } })],
    ),
    // Plausible values (issue 24 item 2): just outside each bound of libs/platform/src/bounds/plausible.ts.
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('revenue', 'rdExpense', 'totalAssets', 'equityFinancing'), fc.constantFrom(MONEY_MAX_YUAN + 1, 9e15)).map(
      ([i, k, v]): Mutation => [`input.financials[${i}].${k}`, (p) => ({ ...p, financials: p.financials.map((y, j) => (j === i ? { ...y, [k]: v } : y)) })],
    ),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(-MONEY_MAX_YUAN - 1, MONEY_MAX_YUAN + 1)).map(
      ([i, v]): Mutation => [`input.financials[${i}].netProfit`, (p) => ({ ...p, financials: p.financials.map((y, j) => (j === i ? { ...y, netProfit: v } : y)) })],
    ),
    fc.constantFrom(MONEY_MAX_YUAN + 1, 9e15).map((v): Mutation => ['input.financingNeed.amount', (p) => ({ ...p, financingNeed: { amount: v, termMonths: 12 } })]),
    fc.constantFrom('0001-01-01', '1949-09-30', '1900-01-01').map((v): Mutation => ['input.foundedOn', (p) => ({ ...p, foundedOn: v })]),
    fc.constantFrom(50.01, 1000).map((v): Mutation => ['input.spaceNeed.maxRentPerSqmDay', (p) => ({ ...p, spaceNeed: { ...p.spaceNeed!, maxRentPerSqmDay: v } })]),
    fc.constantFrom(0, -1, Number.NaN, Infinity).map((v): Mutation => ['input.spaceNeed.maxRentPerSqmDay', (p) => ({ ...p, spaceNeed: { ...p.spaceNeed!, maxRentPerSqmDay: v } })]),
    anyRegion
      .filter((c) => !/^\d{6}$/.test(c) || c === '330103' || c === '999999')
      .map((v): Mutation => ['input.spaceNeed.regionCodes[1]', (p) => ({ ...p, spaceNeed: { ...p.spaceNeed!, regionCodes: ['330281', v] } })]),
    fc.constantFrom(-1, 5, 2.5, Number.NaN).map((v): Mutation => ['input.tierFacts.digitalMaturityLevel', (p) => ({ ...p, tierFacts: { ...p.tierFacts, digitalMaturityLevel: v } })]),
    fc.constantFrom(-0.1, 100.1, Number.NaN, Infinity).map((v): Mutation => ['input.tierFacts.nicheMarketSharePercent', (p) => ({ ...p, tierFacts: { ...p.tierFacts, nicheMarketSharePercent: v } })]),
    fc.constantFrom(2027, 2020.5, Number.NaN, Infinity).map((v): Mutation => ['input.tierFacts.awards[0].year', (p) => ({ ...p, tierFacts: { ...p.tierFacts, awards: [{ year: v, level: 'NATIONAL', prize: 'FIRST' }] } })]),
    fc.constantFrom(2027, 2020.5, Number.NaN).map((v): Mutation => ['input.tierFacts.platformScores[0].year', (p) => ({ ...p, tierFacts: { ...p.tierFacts, platformScores: [{ year: v, score: 50 }] } })]),
    fc.integer({ min: 5001, max: 20_000 }).map((n): Mutation => ['input.capabilities', (p) => ({ ...p, capabilities: 'x'.repeat(n) })]),
    fc.integer({ min: 201, max: 1000 }).map((n): Mutation => ['input.mainProducts', (p) => ({ ...p, mainProducts: ['ok', '齿'.repeat(n)] })]),
  );

  it('a single invalid field is rejected naming that field', () => {
    check(
      fc.property(mutations, ([field, mutate]) => {
        rejects(() => run(mutate(base())), field);
      }),
      400,
    );
  });

  it('regressions found by fuzzing', () => {
    // Date.parse rolls impossible days over (2023-02-30 → 2023-03-02); they were accepted.
    rejects(() => run({ ...base(), foundedOn: '2011-02-30' }), 'input.foundedOn');
    rejects(() => run({ ...base(), mainBusinessSince: '2013-04-31' }), 'input.mainBusinessSince');
    // An invalid Date object threw RangeError from toISOString.
    rejects(() => run({ ...base(), foundedOn: new Date(Number.NaN) }), 'input.foundedOn');
    // Infinite area / rent and non-integer award years were accepted.
    rejects(() => run({ ...base(), spaceNeed: { minAreaSqm: 1, maxAreaSqm: Infinity, regionCodes: [] } }), 'input.spaceNeed.maxAreaSqm');
    rejects(() => run({ ...base(), spaceNeed: { minAreaSqm: 1, maxAreaSqm: 2, regionCodes: [], maxRentPerSqmDay: Infinity } }), 'input.spaceNeed.maxRentPerSqmDay');
    rejects(() => run({ ...base(), tierFacts: { awards: [{ year: Number.NaN }] } }), 'input.tierFacts.awards[0].year');
    // Plausible values (issue 24): 9×10^15 元 of revenue and a founding before 1949-10-01 were accepted.
    const revenue = rejects(() => run({ ...base(), financials: base().financials.map((y, j) => (j === 0 ? { ...y, revenue: 9e15, mainBusinessRevenue: 1 } : y)) }), 'input.financials[0].revenue');
    expect(revenue.details.allowed).toBe('[0, 10,000,000,000,000] 元');
    expect(revenue.message).toMatch(/^营业收入须在 \[0, 10,000,000,000,000\] 元 之内/);
    expect(run({ ...base(), foundedOn: '1949-10-01', mainBusinessSince: '1949-10-01' }).foundedOn).toBe('1949-10-01');
    expect(rejects(() => run({ ...base(), foundedOn: '1949-09-30' }), 'input.foundedOn').details.allowed).toBe(`[1949-10-01, ${TODAY}]`);
    // Leap day stays valid.
    expect(run({ ...base(), foundedOn: '2012-02-29' }).foundedOn).toBe('2012-02-29');
  });
});
