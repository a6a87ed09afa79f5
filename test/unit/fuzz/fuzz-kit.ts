import { expect } from '@jest/globals';
import fc from 'fast-check';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';
import { REGION_CODES, RETIRED_REGION_CODES } from '../../../libs/codes/src/region-codes.js';

/**
 * Shared pieces of the abuse suite (issue 8): a fixed seed so a failure reproduces in CI, hostile
 * value arbitraries, and the one outcome every validator may have besides returning a value —
 * an AppError BAD_USER_INPUT with a message and a `details.field`.
 */
export const SEED = 20261121;

export function check<Ts extends [unknown, ...unknown[]]>(prop: fc.IProperty<Ts>, numRuns = 300): void {
  fc.assert(prop, { seed: SEED, numRuns });
}

/** Runs `fn`; returns its value, or undefined after checking the error is a well-formed BAD_USER_INPUT. */
export function valueOrBadInput<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: AppError } {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    expectBadInput(err);
    return { ok: false, error: err as AppError };
  }
}

export function expectBadInput(err: unknown, field?: string | RegExp): asserts err is AppError {
  if (!(err instanceof AppError)) throw new Error(`expected AppError BAD_USER_INPUT, got ${String((err as Error)?.stack ?? err)}`);
  expect(err.code).toBe('BAD_USER_INPUT');
  expect(err.message.trim().length).toBeGreaterThan(0);
  expect(typeof err.details.field).toBe('string');
  expect((err.details.field as string).length).toBeGreaterThan(0);
  if (typeof field === 'string') expect(err.details.field).toBe(field);
  else if (field) expect(err.details.field).toMatch(field);
}

/** Expects `fn` to throw BAD_USER_INPUT on `field`; returns the error. */
export function rejects(fn: () => unknown, field?: string | RegExp): AppError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  if (thrown === undefined) throw new Error(`expected BAD_USER_INPUT on ${String(field)}, but the input was accepted`);
  expectBadInput(thrown, field);
  return thrown;
}

/** Strings a client could send: ASCII, full unicode incl. emoji and lone surrogates, whitespace, look-alikes. */
export const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', '\u200b', '-', '|', '0', '9', 'A', 'z', '专', '😀', '\ud800'), maxLength }),
    fc.constantFrom('', ' ', 'null', 'undefined', 'NaN', '__proto__', 'constructor', '<script>', "'; DROP TABLE x;--", '2023-02-30', '2023-13-01', '9999-99-99'),
  );

/** Numbers including the awkward ones: NaN, ±Infinity, -0, fractions, huge and unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0.5, -1, 1e300, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE),
);

export const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> => fc.oneof(arb, fc.constant(null), fc.constant(undefined));

export const knownRegion = fc.constantFrom(...REGION_CODES.keys());
export const retiredRegion = fc.constantFrom(...RETIRED_REGION_CODES.keys());
/** A region value: known, retired, 6 random digits, or junk. */
export const anyRegion = fc.oneof(knownRegion, retiredRegion, fc.stringMatching(/^\d{6}$/), hostileString(10));

export const calendarDate = (min = '1990-01-01', max = '2025-12-31'): fc.Arbitrary<string> =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Date-ish values: real dates, impossible ones, junk strings and Date objects (some invalid). */
export const anyDate = fc.oneof(
  calendarDate(),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  hostileString(12),
  fc.date(),
);

/** yyyy-mm-dd is a real calendar day. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}
