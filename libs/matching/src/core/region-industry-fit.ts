/**
 * Region and industry fit, shared by every kind: whether a listing's regions and industries cover
 * the firm (a hard constraint) and how precisely (a soft factor's fraction). The scorer reads the
 * lazy fits (with labels); the match engine reads the label-free predicates and bounds, which are
 * written with the same precision rules.
 */
import { regionStem } from '../../../codes/src/index.js';
import { PARAMS } from './weights.js';
import { industryLabel, names, placeName } from './reason-text.js';

/** GB/T 2260: 330000 → 33 (province), 330200 → 3302 (city), 330211 → 330211 (district). */
const prefixes = new Map<string, string>();
/** Memoised: the few hundred region codes recur in every pair. */
export const regionPrefix = (code: string): string => {
  let p = prefixes.get(code);
  if (p === undefined) {
    p = regionStem(code);
    if (prefixes.size > 10_000) prefixes.clear();
    prefixes.set(code, p);
  }
  return p;
};

/** How precisely region stem `p` covers stem `target` (exact, city, province), 0 when it does not. */
export const regionPrecision = (p: string, target: string): number =>
  !target.startsWith(p) ? 0 : p === target ? PARAMS.region.exact : p.length <= 2 ? PARAMS.region.province : PARAMS.region.city;

/** Does one of `allowed` (region codes; empty = anywhere) cover the region stem `target`? The hard part of {@link lazyRegionFit}. */
export function regionCovered(allowed: readonly string[], target: string): boolean {
  if (allowed.length === 0) return true;
  for (const a of allowed) if (regionPrecision(regionPrefix(a), target) > 0) return true;
  return false;
}

/**
 * The region fraction {@link lazyRegionFit} gives, from region stems, for an upper bound: 1 when
 * no stem covers the target (an upper bound may only be too high).
 */
export function regionFractionBound(allowedStems: readonly string[], target: string): number {
  if (allowedStems.length === 0) return PARAMS.region.anywhere;
  let best = 0;
  for (const p of allowedStems) best = Math.max(best, regionPrecision(p, target));
  return best || 1;
}

/** GB/T 4754 prefix match in either direction (C covers C34, C34 covers C3484 and vice versa); both upper-cased. */
export const industryCovers = (allowed: string, firm: string): boolean => firm.startsWith(allowed) || allowed.startsWith(firm);

/**
 * The fraction {@link lazyRegionFit} gives, label-free, from the allowed codes' stems: -1 when none
 * covers `target` (the pair is excluded), the anywhere fraction when `stems` is empty.
 */
export function regionFraction(stems: readonly string[], target: string): number {
  if (stems.length === 0) return PARAMS.region.anywhere;
  let best = 0;
  for (let i = 0; i < stems.length; i++) {
    const fraction = regionPrecision(stems[i]!, target);
    if (fraction > best) best = fraction;
  }
  return best > 0 ? best : -1;
}

/** Allowed industry codes as {@link lazyIndustryFit} reads them: trimmed, upper-cased, blanks dropped; `any` when the list is empty. */
export interface IndustryCodes {
  any: boolean;
  codes: string[];
}
export const industryCodes = (allowed: readonly string[]): IndustryCodes => ({
  any: allowed.length === 0,
  codes: allowed.map((c) => c.trim().toUpperCase()).filter(Boolean),
});

/**
 * The fraction {@link lazyIndustryFit} gives, label-free, for the firm's upper-cased code: -1 when
 * no allowed code covers it.
 */
export function industryFraction(allowed: IndustryCodes, firm: string): number {
  if (allowed.any) return PARAMS.industry.anywhere;
  let best = 0;
  for (let i = 0; i < allowed.codes.length; i++) {
    const a = allowed.codes[i]!;
    if (!industryCovers(a, firm)) continue;
    const fraction = a.length >= firm.length ? PARAMS.industry.exact : a.length === 1 ? PARAMS.industry.section : PARAMS.industry.division;
    if (fraction > best) best = fraction;
  }
  return best > 0 ? best : -1;
}

/** A fit whose label is built only when read. */
export interface LazyFit {
  ok: boolean;
  fraction: number;
  label: () => string;
}

/** Does one of `allowed` cover `code`, and how precisely? Empty `allowed` = anywhere. */
export function lazyRegionFit(allowed: readonly string[], code: string): LazyFit {
  if (allowed.length === 0) return { ok: true, fraction: PARAMS.region.anywhere, label: () => `不限地区（企业所在${placeName(code)}）` };
  const target = regionPrefix(code);
  let best: { fraction: number; by: string } | undefined;
  for (const a of allowed) {
    const fraction = regionPrecision(regionPrefix(a), target);
    if (fraction > 0 && (!best || fraction > best.fraction)) best = { fraction, by: a };
  }
  if (!best) return { ok: false, fraction: 0, label: () => `地区${placeName(code)}不在${names(allowed, placeName)}范围内` };
  const by = best.by;
  return { ok: true, fraction: best.fraction, label: () => (by === code ? `地区${placeName(code)}完全一致` : `地区${placeName(code)}属于${placeName(by)}`) };
}

/** Does one of `allowed` cover the firm's industry `code` ({@link industryCovers}), and how precisely? Empty = any industry. */
export function lazyIndustryFit(allowed: readonly string[], code: string): LazyFit {
  const firm = code.trim().toUpperCase();
  if (allowed.length === 0) return { ok: true, fraction: PARAMS.industry.anywhere, label: () => `不限行业（企业行业：${industryLabel(firm)}）` };
  let best: { fraction: number; by: string } | undefined;
  for (const raw of allowed) {
    const a = raw.trim().toUpperCase();
    if (!a || !industryCovers(a, firm)) continue;
    const fraction = a.length >= firm.length ? PARAMS.industry.exact : a.length === 1 ? PARAMS.industry.section : PARAMS.industry.division;
    if (!best || fraction > best.fraction) best = { fraction, by: a };
  }
  if (!best) return { ok: false, fraction: 0, label: () => `行业「${industryLabel(firm)}」不在「${names(allowed, industryLabel)}」范围内` };
  const by = best.by;
  return {
    ok: true,
    fraction: best.fraction,
    label: () => {
      const [mine, theirs] = [industryLabel(firm), industryLabel(by)];
      return by === firm ? `行业「${mine}」完全一致` : mine === theirs ? `行业「${mine}」相符` : `行业「${mine}」与「${theirs}」相符`;
    },
  };
}
