/** Who may hold a programme's vouchers (pure). */
import { isWithinRegion } from '../../../codes/src/index.js';

export interface EligibilityRules {
  /** Tiers (confirmed or imported titles only); empty: any firm. */
  readonly eligibleTiers: readonly string[];
  /** Region code prefixes (330200 → 3302…); empty: anywhere. */
  readonly eligibleRegionCodes: readonly string[];
  /** Industry code prefixes; empty: any industry. */
  readonly eligibleIndustryCodes: readonly string[];
  /** An imported list of enterprise organization ids; empty: no list. */
  readonly eligibleOrganizationIds: readonly string[];
}

export interface FirmFacts {
  readonly organizationId: string;
  readonly regionCode: string;
  /** Null without a profile. */
  readonly industryCode: string | null;
  /** The counted tier: confirmed or imported and not lapsed; NONE otherwise. */
  readonly countedTier: string;
}

export type EligibilityMiss = 'LIST' | 'TIER' | 'REGION' | 'INDUSTRY';

/** Null when the firm is eligible, else the first rule it misses. */
export function eligibilityMiss(rules: EligibilityRules, firm: FirmFacts): EligibilityMiss | null {
  if (rules.eligibleOrganizationIds.length && !rules.eligibleOrganizationIds.includes(firm.organizationId)) return 'LIST';
  if (rules.eligibleTiers.length && !rules.eligibleTiers.includes(firm.countedTier)) return 'TIER';
  if (rules.eligibleRegionCodes.length && !rules.eligibleRegionCodes.some((r) => isWithinRegion(firm.regionCode, r))) return 'REGION';
  if (rules.eligibleIndustryCodes.length && !(firm.industryCode && rules.eligibleIndustryCodes.some((i) => firm.industryCode!.startsWith(i)))) return 'INDUSTRY';
  return null;
}
