/**
 * Building blocks for metrics: readings (known / partial / unknown values) and the time windows
 * the MIIT standards use ("prior year", "last 2 years", "last 3 years").
 */
import type { EnterpriseFacts, ScienceAward, YearFinancials } from './tier-types.js';

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

export const known = (value: number | boolean, detail?: string): Reading => ({
  lo: value,
  hi: value,
  missing: [],
  detail,
});
export const unknown = (...missing: string[]): Reading => ({ missing });
export const partial = (lo: number | boolean, hi: number | boolean, missing: string[], detail?: string): Reading =>
  lo === hi ? known(lo, detail) : { lo, hi, missing, detail };

/** Calendar year of an ISO date. */
export const yearOf = (iso: string): number => Number(iso.slice(0, 4));
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

/**
 * "近3年" for events (awards, 创客中国): the three completed years before the assessment year
 * plus the assessment year itself up to `asOf`, so a result announced this spring still counts.
 */
export const withinYears = (f: EnterpriseFacts, year: number, years: number): boolean =>
  year >= yearOf(f.asOf) - years && year <= yearOf(f.asOf);

/**
 * Whether a science award in the last 3 years meets a level/rank rule. `maxRank` per level
 * (undefined = level not accepted, Infinity = any rank). An award of the right level with no
 * rank stated leaves the answer open.
 */
export function awardReading(f: EnterpriseFacts, maxRank: Partial<Record<ScienceAward['level'], number>>): Reading {
  if (!f.awards) return unknown('awards');
  let open = false;
  for (const a of f.awards) {
    const limit = maxRank[a.level];
    if (limit === undefined || !withinYears(f, a.year, 3)) continue;
    const levelText = a.level === 'NATIONAL' ? '国家级' : '省级';
    if (limit === Number.POSITIVE_INFINITY) return known(true, `${a.year}年${levelText}科技奖励`);
    if (a.rank === undefined) open = true;
    else if (a.rank <= limit) return known(true, `${a.year}年${levelText}科技奖励第${a.rank}名`);
  }
  return open ? partial(false, true, ['awards.rank']) : known(false);
}
