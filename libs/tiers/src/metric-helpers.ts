/**
 * Building blocks for metrics: readings (known / partial / unknown values) and the time windows
 * the MIIT standards use ("prior year", "last 2 years", and "近3年" for events).
 */
import type { EnterpriseFacts, ScienceAward, YearFinancials } from './tier-types.js';
import { addMonthsClamped } from './validity.js';

/**
 * What a metric knows about a firm. `lo`/`hi` bound the true value: equal when known, both
 * undefined when unknown, different when partly known (e.g. equity raised in one year is known
 * but another year is blank: the sum is at least `lo`). Booleans use false/true as bounds.
 * `missing` names the facts that would settle it. The evaluator relies on every rule being
 * monotone in the metric, so checking both bounds is enough.
 */
export interface Reading {
  lo?: number | boolean;
  hi?: number | boolean;
  missing: string[];
  /** Extra text for people, e.g. which award counted. */
  detail?: string;
}

/** The `missing` of every settled reading: shared, and frozen so no reader can fill it. */
const SETTLED: string[] = Object.freeze([]) as unknown as string[];

export const known = (value: number | boolean, detail?: string): Reading => ({
  lo: value,
  hi: value,
  missing: SETTLED,
  detail,
});
export const unknown = (...missing: string[]): Reading => ({ missing });
export const partial = (lo: number | boolean, hi: number | boolean, missing: string[], detail?: string): Reading =>
  lo === hi ? known(lo, detail) : { lo, hi, missing, detail };

/** Calendar year of an ISO date. */
export function yearOf(iso: string): number {
  // Four digits read directly (the evaluator asks this many times per firm); anything else as before.
  if (iso.length >= 4) {
    const a = iso.charCodeAt(0) - 48;
    const b = iso.charCodeAt(1) - 48;
    const c = iso.charCodeAt(2) - 48;
    const d = iso.charCodeAt(3) - 48;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9 && d >= 0 && d <= 9) {
      return a * 1000 + b * 100 + c * 10 + d;
    }
  }
  return Number(iso.slice(0, 4));
}
/** "上年度": the calendar year before the assessment date. */
export const priorYear = (f: EnterpriseFacts): number => yearOf(f.asOf) - 1;
export const rowKey = (year: number): string => `financials[${year}]`;

export function row(f: EnterpriseFacts, year: number): YearFinancials | undefined {
  return f.financials.find((r) => r.year === year);
}

/**
 * A share of revenue or staff whose denominator is zero or negative counts as 0: a firm without
 * revenue cannot show a percentage the standards reward, and Infinity would score top bands.
 * (Debt ratio, where lower is better, handles zero assets itself.)
 */
export const ratio = (n: number, d: number): number => (d > 0 ? n / d : 0);

/**
 * Reads a required per-year amount for `years` consecutive years ending with the prior year and
 * folds them. Unknown when a year's row is missing.
 */
export function perYear(
  f: EnterpriseFacts,
  years: number,
  pick: (r: YearFinancials) => number,
  fold: (values: number[]) => number,
): Reading {
  const p = priorYear(f);
  const values: number[] = [];
  const missing: string[] = [];
  for (let y = p - years + 1; y <= p; y++) {
    const r = row(f, y);
    if (r) values.push(pick(r));
    else missing.push(rowKey(y));
  }
  return missing.length ? unknown(...missing) : known(fold(values));
}

/** A prior-year value that needs optional fields of the row; names the blank ones. */
export function priorRow(
  f: EnterpriseFacts,
  fields: ReadonlyArray<keyof YearFinancials>,
  compute: (r: YearFinancials) => number,
): Reading {
  const y = priorYear(f);
  const r = row(f, y);
  if (!r) return unknown(rowKey(y));
  const missing = fields.filter((k) => r[k] === undefined).map((k) => `${rowKey(y)}.${k}`);
  return missing.length ? unknown(...missing) : known(compute(r));
}

/**
 * Sum of an optional per-year amount (equity raised) over the last `years` years. Blank years
 * make it partial: at least the known sum, unbounded above.
 */
export function sumOverYears(
  f: EnterpriseFacts,
  years: number,
  pick: (r: YearFinancials) => number | undefined,
  field: string,
): Reading {
  const p = priorYear(f);
  let sum = 0;
  const missing: string[] = [];
  for (let y = p - years + 1; y <= p; y++) {
    const r = row(f, y);
    const v = r ? pick(r) : undefined;
    if (v === undefined) missing.push(r ? `${rowKey(y)}.${field}` : rowKey(y));
    else sum += v;
  }
  return missing.length ? partial(sum, Number.POSITIVE_INFINITY, missing) : known(sum);
}

/** Growth of main-business revenue in `year` over the year before; undefined when a row is missing. */
export function mainGrowth(f: EnterpriseFacts, year: number): { value?: number; missing: string[] } {
  const cur = row(f, year);
  const prev = row(f, year - 1);
  const missing = [cur ? undefined : rowKey(year), prev ? undefined : rowKey(year - 1)].filter(
    (m): m is string => m !== undefined,
  );
  if (!cur || !prev) return { missing };
  const base = prev.mainBusinessRevenue;
  return { value: base > 0 ? (cur.mainBusinessRevenue - base) / base : 0, missing };
}

/** "近3年" for events (§8.8): the 36 months before the assessment date. */
export const EVENT_WINDOW_MONTHS = 36;

/** First day of the "近3年" window ending on `to` (the last answer kept: a firm's events share one asOf). */
let lastTo: string | undefined;
let lastFrom = '';
function windowStart(to: string): string {
  if (to !== lastTo) {
    lastFrom = addMonthsClamped(to, -EVENT_WINDOW_MONTHS);
    lastTo = to;
  }
  return lastFrom;
}

/** Where an event lies against the "近3年" window: inside, outside, or not knowable from a bare year. */
export type EventFit = 'IN' | 'OUT' | 'OPEN';

/**
 * The one "近3年" rule for events (awards, 创客中国 results, equity rounds; DOMAIN.md §8.8): an event
 * counts when dated within the 36 months before `asOf`, i.e. asOf − 36 months ≤ date ≤ asOf, with
 * the month arithmetic of title validity (clamped to the month's last day: 2029-02-28 − 36 months =
 * 2026-02-28; 2028-02-29 − 36 months = 2025-02-28). Exactly 36 months before counts ("以内" includes
 * the number); one day earlier does not.
 *
 * An event known only by its `year`: a year wholly inside the window is IN, wholly before it OUT,
 * and the year in which the window starts is OPEN (its date would decide) unless the window starts on
 * 1 January. Events of the assessment year itself are IN: a firm records events that have happened.
 */
export function eventInWindow(asOf: string, event: { date?: string | null; year: number }): EventFit {
  const to = asOf.slice(0, 10);
  const from = windowStart(to);
  if (event.date) {
    const day = event.date.slice(0, 10);
    return day >= from && day <= to ? 'IN' : 'OUT';
  }
  if (event.year > yearOf(to) || `${event.year}-12-31` < from) return 'OUT';
  return `${event.year}-01-01` >= from ? 'IN' : 'OPEN';
}

/**
 * Whether a science award in the last 3 years (by {@link eventInWindow}) meets a level/rank rule.
 * `maxRank` per level (undefined = level not accepted, Infinity = any rank). An award of the right
 * level with no rank stated, or known only by a year the window starts in, leaves the answer open.
 */
export function awardReading(f: EnterpriseFacts, maxRank: Partial<Record<ScienceAward['level'], number>>): Reading {
  if (!f.awards) return unknown('awards');
  const missing = new Set<string>();
  for (const a of f.awards) {
    const limit = maxRank[a.level];
    if (limit === undefined) continue;
    const fit = eventInWindow(f.asOf, { date: a.awardedOn, year: a.year });
    if (fit === 'OUT') continue;
    const rankOk = limit === Number.POSITIVE_INFINITY ? true : a.rank === undefined ? undefined : a.rank <= limit;
    if (rankOk === false) continue;
    if (fit === 'IN' && rankOk) {
      const levelText = a.level === 'NATIONAL' ? '国家级' : '省级';
      const when = a.awardedOn ? a.awardedOn.slice(0, 10) : `${a.year}年`;
      return known(true, `${when}${levelText}科技奖励${limit === Number.POSITIVE_INFINITY ? '' : `第${a.rank}名`}`);
    }
    if (fit === 'OPEN') missing.add('awards.awardedOn');
    if (rankOk === undefined) missing.add('awards.rank');
  }
  return missing.size ? partial(false, true, [...missing]) : known(false);
}

/**
 * New equity financing in the last 3 years (§8.8). Dated rounds (`equityRounds`) count by
 * {@link eventInWindow}. Without them, the yearly amounts: a year wholly in the window counts, the
 * year the window starts in leaves its amount open (at least without it, at most with it) until
 * the rounds are dated; the assessment year counts when its row is there and is not required.
 */
export function equityInEventWindow(f: EnterpriseFacts): Reading {
  if (f.equityRounds) {
    const inside = f.equityRounds.filter((r) => eventInWindow(f.asOf, { date: r.receivedOn, year: yearOf(r.receivedOn) }) === 'IN');
    return known(inside.reduce((s, r) => s + r.amount, 0));
  }
  const last = yearOf(f.asOf);
  const first = yearOf(windowStart(f.asOf.slice(0, 10)));
  let lo = 0;
  let hi = 0;
  const missing: string[] = [];
  for (let y = first; y <= last; y++) {
    const fit = eventInWindow(f.asOf, { year: y });
    if (fit === 'OUT') continue;
    const r = row(f, y);
    if (!r) {
      if (y === last) continue;
      hi = Number.POSITIVE_INFINITY;
      missing.push(rowKey(y));
      continue;
    }
    const v = r.equityFinancing;
    if (v === undefined) {
      if (y === last) continue;
      hi = Number.POSITIVE_INFINITY;
      missing.push(`${rowKey(y)}.equityFinancing`);
    } else if (fit === 'IN') {
      lo += v;
      hi += v;
    } else if (v > 0) {
      hi += v;
      missing.push('equityRounds');
    }
  }
  return partial(lo, hi, missing);
}
