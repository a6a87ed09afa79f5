/**
 * Who says a firm holds its certified title (DOMAIN.md §8.10). A title the firm declares itself is
 * CLAIMED until the AUTHORITY confirms it (CONFIRMED) or imports it from a published list
 * (IMPORTED); only those two count for others: statistics, bank eligibility, challenge preferences,
 * prerequisites judged for other organizations' rules and re-review risk. The firm's own
 * self-assessment may use a claim, marked as such. A claim the AUTHORITY turned down stays on the
 * profile marked REJECTED (with the reason) and counts nowhere, not even for the firm itself, until
 * the firm declares a different title. Pure.
 */
import type { EnterpriseTier } from './enterprise-tier.js';

export const TITLE_PROVENANCES = ['CLAIMED', 'CONFIRMED', 'IMPORTED', 'REJECTED'] as const;
export type TitleProvenance = (typeof TITLE_PROVENANCES)[number];

/** The provenances whose title counts for others (§8.10). */
export const COUNTED_PROVENANCES: readonly TitleProvenance[] = ['CONFIRMED', 'IMPORTED'];

export const TITLE_PROVENANCE_TEXT: Record<TitleProvenance, string> = {
  CLAIMED: '称号为企业自报，尚待主管部门确认；确认前不计入统计、银行准入和揭榜偏好',
  CONFIRMED: '称号已由主管部门确认',
  IMPORTED: '称号来自主管部门导入的认定名单',
  REJECTED: '企业自报的称号未获主管部门确认，不计入任何统计和评估',
};

/** Whether a title with this provenance counts for others. NONE has no provenance and counts as NONE anyway. */
export function titleCounts(provenance: TitleProvenance | null | undefined): boolean {
  return provenance === 'CONFIRMED' || provenance === 'IMPORTED';
}

/** The tier others see: the certified tier when confirmed or imported, else NONE (validity is applied separately). */
export function countedTier(tier: EnterpriseTier, provenance: TitleProvenance | null | undefined): EnterpriseTier {
  return tier !== 'NONE' && titleCounts(provenance) ? tier : 'NONE';
}

export interface TitleRecordState {
  tier: EnterpriseTier;
  tierCertifiedOn: string | null;
  tierProvenance: TitleProvenance | null;
}

/**
 * The provenance after the firm itself writes tier and date: NONE has none; the same tier and date
 * as stored keep the stored provenance (a firm re-sending its whole profile does not lose the
 * AUTHORITY's confirmation, nor shake off a rejection); any other title is a new claim.
 */
export function provenanceAfterOwnEdit(existing: TitleRecordState | null, tier: EnterpriseTier, tierCertifiedOn: string | null): TitleProvenance | null {
  if (tier === 'NONE') return null;
  if (existing && sameTitle(existing, tier, tierCertifiedOn) && existing.tierProvenance) return existing.tierProvenance;
  return 'CLAIMED';
}

/** Whether tier and certification date are those stored (a renewal or correction changes the title). */
export function sameTitle(existing: Pick<TitleRecordState, 'tier' | 'tierCertifiedOn'>, tier: EnterpriseTier, tierCertifiedOn: string | null): boolean {
  return existing.tier === tier && (existing.tierCertifiedOn ?? null) === (tierCertifiedOn ?? null);
}
