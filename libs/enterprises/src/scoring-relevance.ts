/**
 * Which profile fields the scoring work reads (issue 20 item 4, ADR 0044): a profile write whose
 * changes touch none of a consumer's fields does not queue that consumer's job. Two consumers:
 *
 * - match-set rescoring reads the enterprise side the match-side loader builds (the read model's
 *   `loadEnterpriseRows`: the profile columns and the newest two financial years it selects);
 * - tier reassessment reads the facts `profileFacts` builds (and the title the service re-reviews).
 *
 * The lists are entity property names. Unit tests fail when the loader's SQL, the scorer's side
 * mapper or `profileFacts` read a field a list does not have (test/unit/enterprises/scoring-relevance.spec.ts),
 * so a new factor or fact cannot be skipped silently. Pure.
 */
import type { EntityManager } from 'typeorm';
import type { EnterpriseFinancialsEntity } from './enterprise-financials.entity.js';
import type { EnterpriseProfileEntity } from './enterprise-profile.entity.js';

type ProfileField = keyof EnterpriseProfileEntity;
type YearField = keyof EnterpriseFinancialsEntity;

/** What both read: industry, title, age and IP counts. */
const SHARED_PROFILE_FIELDS = [
  'industryCode',
  'tier',
  'tierProvenance',
  'tierCertifiedOn',
  'tierReviewPendingUntil',
  'foundedOn',
  'inventionPatents',
  'utilityModels',
  'designPatents',
  'softwareCopyrights',
  'trademarks',
] as const satisfies readonly ProfileField[];

/** Profile fields the match-side loader selects (besides the key and the version). */
export const MATCH_SIDE_PROFILE_FIELDS = [...SHARED_PROFILE_FIELDS, 'mainProducts', 'capabilities', 'financingNeed', 'serviceNeeds', 'spaceNeed'] as const satisfies readonly ProfileField[];

/** Financial-year fields the match-side loader selects (of the newest two years). */
export const MATCH_SIDE_YEAR_FIELDS = ['year', 'revenue', 'totalAssets', 'totalLiabilities', 'employees', 'rdEmployees', 'equityFinancing'] as const satisfies readonly YearField[];

/** Profile fields tier facts and the re-review read. */
export const TIER_PROFILE_FIELDS = [...SHARED_PROFILE_FIELDS, 'mainBusinessSince', 'tierFacts'] as const satisfies readonly ProfileField[];

/** Financial-year fields tier facts read (every year). */
export const TIER_YEAR_FIELDS = [
  'year',
  'revenue',
  'mainBusinessRevenue',
  'rdExpense',
  'netProfit',
  'totalAssets',
  'totalLiabilities',
  'employees',
  'rdEmployees',
  'equityFinancing',
] as const satisfies readonly YearField[];

/** A profile as written, with its financial years. */
export interface ProfileState {
  profile: Partial<EnterpriseProfileEntity>;
  years: ReadonlyArray<Partial<EnterpriseFinancialsEntity>>;
}

/** JSON with sorted keys and null for undefined (an absent key and a null one read alike). */
function canonical(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'bigint') return String(v);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const asNumber = (v: unknown): unknown => (typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

function differs(before: ProfileState, after: ProfileState, fields: readonly string[], yearFields: readonly string[]): boolean {
  const p = before.profile as Record<string, unknown>;
  const q = after.profile as Record<string, unknown>;
  if (fields.some((f) => canonical(p[f]) !== canonical(q[f]))) return true;
  const years = (s: ProfileState) =>
    [...s.years]
      // A bigint column read without its transformer is a string: compared as the number it is.
      .map((y) => canonical(Object.fromEntries(yearFields.map((f) => [f, asNumber((y as Record<string, unknown>)[f])]))))
      .sort()
      .join('|');
  return years(before) !== years(after);
}

/**
 * Whether a write changes what rescoring (`matching`) and reassessment (`tiers`) read. A new
 * profile (`before` null) changes both. Conservative: any difference in a listed field counts.
 */
export function scoringChanges(before: ProfileState | null, after: ProfileState): { matching: boolean; tiers: boolean } {
  if (!before) return { matching: true, tiers: true };
  return {
    matching: differs(before, after, MATCH_SIDE_PROFILE_FIELDS, MATCH_SIDE_YEAR_FIELDS),
    tiers: differs(before, after, TIER_PROFILE_FIELDS, TIER_YEAR_FIELDS),
  };
}

/**
 * What follows, in the profile write's own transaction, a write whose event skips the rescoring
 * (ADR 0044): libs/matching advances the firm's match rows computed from the previous version to
 * the new one (a rescoring would write them again identically), so the nightly reconcile finds no
 * version drift. Provided by libs/matching as a global provider, so this context never imports it;
 * absent (a service built by hand) the rows keep the older version and the reconcile rewrites them.
 */
export interface SkippedRescoring {
  advance(m: Pick<EntityManager, 'query'>, organizationId: string, fromVersion: number, toVersion: number): Promise<void>;
}
export const SKIPPED_RESCORING = Symbol('SKIPPED_RESCORING');
