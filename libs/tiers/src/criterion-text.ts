/** Display text for criteria: shown values, band summaries, notes. */
import { formatRequirement, formatValue, roundForDisplay, type Unit } from './format.js';
import type { MetricDef, Reading } from './metrics.js';
import type { Band } from './rule-types.js';

const sign = (x: number): number => (Math.abs(x) <= 1e-12 ? 0 : Math.sign(x));

/**
 * Extra decimals needed so the shown value sits on the same side of every edge as the true
 * value (999,999 yuan must not read "100万元" next to "≥100万元").
 */
export function extraDigits(value: number, unit: Unit, edges: readonly number[]): number {
  if (edges.length === 0) return 0;
  for (let extra = 0; extra <= 4; extra += 2) {
    const shown = roundForDisplay(value, unit, extra);
    let same = true;
    for (let i = 0; i < edges.length && same; i++) same = sign(value - edges[i]!) === sign(shown - edges[i]!);
    if (same) return extra;
  }
  return 4;
}

/** "4.5%", "至少600万元", "是（高新技术企业）"; undefined when nothing is known. */
export function showReading(def: MetricDef, r: Reading, edges: readonly number[] = []): string | undefined {
  // An unknown value may still carry words (e.g. only an older platform score is recorded).
  if (r.lo === undefined) return r.detail;
  const fmt = (v: number | boolean) =>
    formatValue(v, def.unit, def.levels, typeof v === 'number' ? extraDigits(v, def.unit, edges) : 0);
  let text: string | undefined;
  if (r.lo === r.hi) text = fmt(r.lo);
  else if (typeof r.lo === 'number') text = `至少${fmt(r.lo)}`;
  if (text === undefined) return r.detail;
  return r.detail ? `${text}（${r.detail}）` : text;
}

const bandText = new WeakMap<readonly Band[], string>();

/** "≥5%:20分；≥3%:15分；其他:0分" (memoised per table: tables are static data). */
export function describeBands(def: MetricDef, bands: readonly Band[]): string {
  const cached = bandText.get(bands);
  if (cached !== undefined) return cached;
  const text = buildBandText(def, bands);
  bandText.set(bands, text);
  return text;
}

function buildBandText(def: MetricDef, bands: readonly Band[]): string {
  const top = (def.levels?.length ?? 0) - 1;
  return bands
    .map((b, i) => {
      let when: string;
      if (b.is !== undefined) when = b.is ? '是' : '否';
      // Ordinal bands name the level; only the best band can also cover higher levels.
      else if (b.min !== undefined && def.unit === 'level') when = `${def.levels?.[b.min]}${i === 0 && b.min < top ? '及以上' : ''}`;
      else if (b.min !== undefined) when = formatRequirement('>=', b.min, def.unit, def.levels);
      else if (b.max !== undefined) when = formatRequirement('<=', b.max, def.unit, def.levels);
      else when = '其他';
      return `${when}:${b.points}分`;
    })
    .join('；');
}

/** Joins the notes that apply with '；'; undefined when none. */
export const joinNotes = (...notes: Array<string | undefined | false>): string | undefined =>
  notes.filter(Boolean).join('；') || undefined;
