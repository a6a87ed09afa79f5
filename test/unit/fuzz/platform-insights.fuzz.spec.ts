import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { checkPageSize, decodeKeysetCursor, keysetCursor } from '../../../libs/platform/src/pagination/keyset-cursor.js';
import { parseId } from '../../../libs/platform/src/errors/ids.js';
import { MAX_PERIOD_YEARS, checkPeriod, checkRegion } from '../../../libs/insights/src/insights.service.js';
import { DEFAULT_RANKING_WEIGHTS, parseRankingWeights, rankServiceInstitutions, type RankingInputs, type RankingWeights } from '../../../libs/insights/src/service-ranking.js';
import { REGION_CODES } from '../../../libs/codes/src/region-codes.js';
import { anyRegion, calendarDate, check, hostileNumber, hostileString, isRealDate, knownRegion, rejects, valueOrBadInput } from './fuzz-kit.js';

/** Cursors, IDs, insights arguments and the service-institution ranking under fuzzing (issue 8). */
const row = fc.record({ createdAt: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), id: fc.uuid() });

describe('keyset cursors (fuzz)', () => {
  it('decodeKeysetCursor(keysetCursor(row)) round-trips', () => {
    check(
      fc.property(row, (r) => {
        expect(decodeKeysetCursor(keysetCursor(r))).toEqual({ createdAt: r.createdAt.toISOString(), id: r.id });
      }),
      500,
    );
  });

  it('arbitrary cursors decode to a real instant and UUID, or BAD_USER_INPUT on `after` — nothing else', () => {
    const tampered = row.chain((r) =>
      fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 40 })).map(([a, b]) => [
        Buffer.from(`${a}|${r.id}`).toString('base64url'),
        Buffer.from(`${r.createdAt.toISOString()}|${b}`).toString('base64url'),
        keysetCursor(r).slice(0, -3),
      ]),
    );
    check(
      fc.property(fc.oneof(hostileString(80), fc.base64String({ maxLength: 80 }), tampered.chain((xs) => fc.constantFrom(...xs))), (cursor) => {
        const r = valueOrBadInput(() => decodeKeysetCursor(cursor));
        if (r.ok) {
          expect(new Date(r.value.createdAt).toISOString()).toBe(r.value.createdAt);
          expect(r.value.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        } else expect(r.error.details.field).toBe('after');
      }),
      500,
    );
    rejects(() => decodeKeysetCursor('A'.repeat(2_000_000)), 'after');
  });

  it('regressions: cursors that passed decoding and then broke the ::timestamptz / ::uuid casts', () => {
    const enc = (s: string) => Buffer.from(s).toString('base64url');
    rejects(() => decodeKeysetCursor(enc(`1|${'-'.repeat(36)}`)), 'after');
    rejects(() => decodeKeysetCursor(enc('1|00000000-0000-4000-8000-000000000001')), 'after');
    rejects(() => decodeKeysetCursor(enc(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`)), 'after');
    rejects(() => decodeKeysetCursor(enc('2026-02-30T00:00:00.000Z|00000000-0000-4000-8000-000000000001')), 'after');
  });

  it('checkPageSize accepts exactly the integers 1..100', () => {
    check(
      fc.property(hostileNumber, (n) => {
        const r = valueOrBadInput(() => checkPageSize(n));
        expect(r.ok).toBe(Number.isInteger(n) && n >= 1 && n <= 100);
        if (!r.ok) expect(r.error.details.field).toBe('first');
      }),
    );
  });
});

describe('parseId (fuzz)', () => {
  it('UUIDs in any case come back lower-cased; anything else is BAD_USER_INPUT on the given field', () => {
    check(
      fc.property(fc.uuid(), fc.boolean(), (id, upper) => {
        expect(parseId(upper ? id.toUpperCase() : id, 'input.id')).toBe(id.toLowerCase());
      }),
    );
    check(
      fc.property(fc.oneof(hostileString(60), fc.uuid().map((u) => ` ${u}`), fc.uuid().map((u) => u.replace(/-/g, ''))), (s) => {
        const r = valueOrBadInput(() => parseId(s, 'input.listingId'));
        if (r.ok) expect(r.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        else expect(r.error.details.field).toBe('input.listingId');
      }),
      500,
    );
    const err = rejects(() => parseId('x'.repeat(1_000_000), 'input.id'), 'input.id');
    expect(err.message.length).toBeLessThan(200);
  });
});

describe('insights arguments (fuzz)', () => {
  it('checkPeriod: any value is a valid period or BAD_USER_INPUT on period.from / period.to', () => {
    const dateish = fc.oneof(calendarDate('1900-01-01', '2100-12-31'), hostileString(12), fc.constantFrom('2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31'));
    check(
      fc.property(fc.oneof({ weight: 4, arbitrary: fc.record({ from: dateish, to: dateish }) }, { weight: 1, arbitrary: fc.anything() }), (period) => {
        const r = valueOrBadInput(() => checkPeriod(period as never));
        if (r.ok) {
          expect(isRealDate(r.value.from) && isRealDate(r.value.to) && r.value.from <= r.value.to).toBe(true);
          expect(Number(r.value.to.slice(0, 4)) - Number(r.value.from.slice(0, 4))).toBeLessThanOrEqual(MAX_PERIOD_YEARS);
        } else expect(r.error.details.field).toMatch(/^period\.(from|to)$/);
      }),
      500,
    );
  });

  it('checkPeriod accepts every real period shorter than the limit and rejects the limit itself', () => {
    check(
      fc.property(calendarDate('1990-01-01', '2090-12-31'), fc.integer({ min: 0, max: 365 * MAX_PERIOD_YEARS - 1 }), (from, days) => {
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        expect(checkPeriod({ from, to })).toEqual({ from, to });
        const limit = `${Number(from.slice(0, 4)) + MAX_PERIOD_YEARS}${from.slice(4)}`;
        if (isRealDate(limit)) rejects(() => checkPeriod({ from, to: limit }), 'period.to');
        if (from !== to) rejects(() => checkPeriod({ from: to, to: from }), 'period.from');
      }),
    );
  });

  it('checkRegion: null/undefined → null, known codes → their prefix, anything else BAD_USER_INPUT', () => {
    expect(checkRegion(null)).toBeNull();
    expect(checkRegion(undefined)).toBeNull();
    check(
      fc.property(fc.oneof(knownRegion, anyRegion), (code) => {
        const r = valueOrBadInput(() => checkRegion(code));
        expect(r.ok).toBe(REGION_CODES.has(code));
        if (r.ok) {
          expect(code.startsWith(r.value!)).toBe(true);
          expect(r.value!.length).toBeGreaterThan(0);
        } else expect(r.error.details.field).toBe('regionCode');
      }),
      500,
    );
  });
});

describe('service-institution ranking (fuzz)', () => {
  const KEYS = Object.keys(DEFAULT_RANKING_WEIGHTS) as Array<keyof RankingWeights>;
  const weight = fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(0));

  it('parseRankingWeights: normalised weights summing to 1, or a plain Error with a message — never a TypeError', () => {
    const raw = fc.oneof(
      fc.record(Object.fromEntries(KEYS.map((k) => [k, weight])), { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), fc.oneof(hostileNumber, fc.anything()), { maxKeys: 4 }),
      fc.anything(),
      fc.constant(Object.fromEntries(KEYS.map((k) => [k, Number.MAX_VALUE]))),
    );
    check(
      fc.property(raw, (r) => {
        let w: RankingWeights;
        try {
          w = parseRankingWeights(r);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect(err).not.toBeInstanceOf(TypeError);
          expect(err).not.toBeInstanceOf(RangeError);
          expect((err as Error).message.length).toBeGreaterThan(0);
          return;
        }
        expect(Object.keys(w).sort()).toEqual([...KEYS].sort());
        for (const k of KEYS) expect(Number.isFinite(w[k]) && w[k] >= 0).toBe(true);
        expect(KEYS.reduce((s, k) => s + w[k], 0)).toBeCloseTo(1, 9);
      }),
      500,
    );
  });

  it('regression: weights whose sum overflows to Infinity were normalised to NaN', () => {
    expect(() => parseRankingWeights(Object.fromEntries(KEYS.map((k) => [k, Number.MAX_VALUE])))).toThrow(/too large/);
  });

  const institution: fc.Arbitrary<RankingInputs> = fc
    .record({
      organizationId: fc.uuid(),
      name: fc.string({ unit: 'grapheme', maxLength: 12 }),
      regionCode: knownRegion,
      requests: fc.integer({ min: 0, max: 10_000 }),
      f: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      averageRating: fc.option(fc.double({ min: 1, max: 5, noNaN: true })),
      ratingCount: fc.integer({ min: 0, max: 1000 }),
      medianResponseHours: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true })),
      medianResponseWorkingHours: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true })),
      deadline: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map(({ f, deadline, ...r }) => {
      const responded = Math.floor(r.requests * f[0]);
      const accepted = Math.floor(responded * f[1]);
      const completed = Math.floor(accepted * f[2]);
      const deadlineCases = Math.floor(r.requests * deadline[0]);
      return {
        ...r,
        responded,
        accepted,
        completed,
        successful: Math.floor(completed * f[3]),
        ratingCount: r.averageRating === null ? 0 : r.ratingCount,
        deadlineCases,
        onTime: Math.floor(deadlineCases * deadline[1]),
      };
    });
  const weights = fc.record(Object.fromEntries(KEYS.map((k) => [k, weight]))).filter((w) => Object.values(w).some((v) => v > 0)).map(parseRankingWeights);

  it('rankServiceInstitutions: scores in 0..100, components sum to the score, ranks 1..n over a permutation, sorted, deterministic', () => {
    check(
      fc.property(fc.array(institution, { maxLength: 25 }), fc.oneof(fc.constant(DEFAULT_RANKING_WEIGHTS), weights), (rows, w) => {
        const ranked = rankServiceInstitutions(rows, w);
        expect(ranked.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
        expect(ranked.map((r) => r.organizationId).sort()).toEqual(rows.map((r) => r.organizationId).sort());
        for (const [i, r] of ranked.entries()) {
          expect(Number.isFinite(r.score)).toBe(true);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(Math.abs(r.components.reduce((s, c) => s + c.contribution, 0) - r.score)).toBeLessThan(0.005 + 1e-9);
          for (const c of r.components) expect(c.value >= 0 && c.value <= 1 && c.contribution >= 0).toBe(true);
          if (i > 0) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(r.score);
        }
        expect(rankServiceInstitutions(rows, w)).toEqual(ranked);
        expect(rows.every((r) => r.accepted <= r.responded)).toBe(true); // inputs untouched
      }),
      300,
    );
  });

  it('rankServiceInstitutions does not depend on input order when names and ids are distinct', () => {
    check(
      fc.property(fc.uniqueArray(institution, { maxLength: 15, selector: (r) => r.name }), fc.infiniteStream(fc.integer({ min: 0, max: 1000 })), (rows, seeds) => {
        const shuffled = rows.map((r) => [seeds.next().value, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
        expect(rankServiceInstitutions(shuffled).map((r) => r.organizationId)).toEqual(rankServiceInstitutions(rows).map((r) => r.organizationId));
      }),
      200,
    );
  });
});
