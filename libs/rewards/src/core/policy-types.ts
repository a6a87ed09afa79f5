/**
 * Policy rewards as data (惠企政策, 免申即享): the shape of a policy, the facts the evaluator reads
 * about one organization, and what it returns. Pure: no Nest, no TypeORM, no I/O. Money is whole
 * 元 (safe integers), shares are basis points (3000 = 30 %), dates are ISO yyyy-mm-dd.
 */

/** Titles a reward can follow (libs/enterprises ENTERPRISE_TIERS without NONE). */
export type TitleTier = 'INNOVATIVE_SME' | 'SPECIALIZED_SME' | 'LITTLE_GIANT' | 'KEY_LITTLE_GIANT';

/** Who a policy pays: an enterprise, or a service institution (优质服务机构). */
export type Beneficiary = 'ENTERPRISE' | 'SERVICE_PROVIDER';

/** 揭榜 project classes of the Yuyao 揭榜挂帅 rules (industrial 20 %/50万; agricultural or social 30 %/20万). */
export type ProjectCategory = 'INDUSTRIAL' | 'AGRICULTURAL_SOCIAL';

/**
 * What makes an organization entitled.
 * - TITLE_FIRST_CONFIRMED: a title in `tiers` confirmed (or imported from a published list) for the
 *   first time; the trigger date is its certification date; renewals of the same title do not trigger.
 * - CHALLENGE_ACCEPTED: a 揭榜 project accepted (立项 = the application accepted), optionally only
 *   for firms holding one of `requiresTiers` (valid on the 立项 date) and of a project category.
 * - SERVICE_PROVIDER_SELECTED: the institution selected as 优质服务机构 in a yearly selection.
 */
export type Trigger =
  | { kind: 'TITLE_FIRST_CONFIRMED'; tiers: readonly TitleTier[] }
  | { kind: 'CHALLENGE_ACCEPTED'; requiresTiers?: readonly TitleTier[]; category?: ProjectCategory }
  | { kind: 'SERVICE_PROVIDER_SELECTED' };

/** Recorded amounts a share can be taken of. */
export type BaseId =
  /** 揭榜 project: actual R&D investment recorded (实际研发投入). */
  | 'CHALLENGE_RD_ACTUAL'
  /** 揭榜 project: S&T investment, planned at 立项 and actual after 验收 (科技投入). */
  | 'CHALLENGE_INVESTMENT'
  /** 优质服务机构: the amount the bureau awarded after the selection (by firms served, satisfaction, results). */
  | 'SELECTION_AWARD';

export const BASE_IDS: readonly BaseId[] = ['CHALLENGE_RD_ACTUAL', 'CHALLENGE_INVESTMENT', 'SELECTION_AWARD'];

/**
 * How much.
 * - FIXED: a fixed amount in 元.
 * - SHARE: `shareBp` basis points of a recorded base, at most `cap` 元 (rounded down to the 元).
 * - MATCH_PAID: `numerator`:`denominator` of what other policies ACTUALLY paid the organization for
 *   the same title (配套, e.g. 奉化 1:1): `policyIds`, or when empty every title policy of the set
 *   on an overlapping tier (MATCH_PAID policies excluded); at most `cap` when set.
 */
export type Formula =
  | { kind: 'FIXED'; amount: number }
  | { kind: 'SHARE'; base: BaseId; shareBp: number; cap: number }
  | { kind: 'MATCH_PAID'; numerator: number; denominator: number; policyIds?: readonly string[]; cap?: number };

/**
 * Payment in parts: the first `firstShareBp` of the amount computed on the PLANNED base at 立项, the
 * balance after 验收 on the ACTUAL base (a failed 验收 forfeits the balance). Only with a
 * CHALLENGE_INVESTMENT share.
 */
export interface TrancheRule {
  firstShareBp: number;
  firstLabel: string;
  balanceLabel: string;
}

/** How sure the policy's parameters are (DOMAIN.md §2.5, §7). */
export type Confirmation = 'CONFIRMED' | 'UNCONFIRMED';

export interface Policy {
  /** Stable id (stored on every entitlement and payout line). */
  id: string;
  /** Short Chinese name. */
  name: string;
  /** Issuing body (e.g. 余姚市人民政府办公室). */
  issuer: string;
  /** 文号 of the source document, when it has one. */
  documentNumber?: string;
  /** Where the rule is written (seed file and section, or a URL). */
  source: string;
  confirmation: Confirmation;
  /** Why unconfirmed, or how the text was read. */
  note?: string;
  /** GB/T 2260 codes: the issuing region; everything under each code is in scope. Empty = not yet configured (never pays). */
  regionCodes: readonly string[];
  beneficiary: Beneficiary;
  /** First day a trigger counts (inclusive). */
  validFrom: string;
  /** Last day a trigger counts (inclusive); open when absent. */
  validTo?: string;
  trigger: Trigger;
  formula: Formula;
  tranches?: TrancheRule;
  /**
   * 就高不重复 group: of the policies of one group an organization is entitled to, only the highest is
   * paid (less what the group already paid it). Policies without a group stack (cumulative across issuers).
   */
  stackingGroup?: string;
  /** Most one organization may receive from the whole group, 元; every policy of a group that states it must state the same. */
  groupCap?: number;
  /** Switched off: shown nowhere, pays nothing (e.g. a region not yet configured). */
  disabled?: boolean;
}

export interface PolicySet {
  /** Changes whenever a policy changes; stored with each result. */
  version: string;
  policies: readonly Policy[];
}

// ------------------------------------------------------------------------------------------ facts

/** Where a fact comes from, as people read it. */
export interface Provenance {
  /** CONFIRMED_TITLE, IMPORTED_LIST, RECORDED_RD, RECORDED_ACCEPTANCE, SELECTION, PAYOUT, PROFILE. */
  kind: 'CONFIRMED_TITLE' | 'IMPORTED_LIST' | 'RECORDED_RD' | 'RECORDED_ACCEPTANCE' | 'SELECTION' | 'PAYOUT' | 'PROFILE';
  /** Id of the row (decision, application, payout line), when there is one. */
  reference?: string;
}

export interface TitleFact {
  tier: TitleTier;
  certifiedOn: string;
  provenance: Provenance;
}

export interface ChallengeFact {
  /** The 揭榜 application (project) id. */
  projectId: string;
  /** Short title, for explanations. */
  title?: string;
  /** 立项: the day the application was accepted. */
  acceptedOn: string;
  category?: ProjectCategory;
  /** Planned S&T investment, 元. */
  plannedInvestment?: number;
  /** Actual R&D / S&T investment recorded, 元, with the day it was recorded. */
  actualInvestment?: { amount: number; recordedOn: string; provenance: Provenance };
  /** 验收: day and result. */
  completion?: { on: string; passed: boolean; provenance: Provenance };
}

export interface SelectionFact {
  year: number;
  selectedOn: string;
  /** Amount the bureau awarded, 元 (capped by the policy). */
  award: number;
  provenance: Provenance;
}

/** A payout line marked paid (feeds 就高不重复 and 配套). */
export interface PaidFact {
  policyId: string;
  amount: number;
  paidOn: string;
  reference: string;
}

export interface OrganizationFacts {
  organizationId: string;
  kind: Beneficiary;
  /** GB/T 2260 code of the organization's registered region (county level for a firm in Zhejiang). */
  regionCode: string;
  /** Confirmed or imported titles only (DOMAIN.md §8.10): claims never pay. Any order. */
  titles: readonly TitleFact[];
  challenges?: readonly ChallengeFact[];
  selections?: readonly SelectionFact[];
  paid?: readonly PaidFact[];
}

// ------------------------------------------------------------------------------------------ output

export interface UsedFact {
  label: string;
  value: string;
  provenance: Provenance;
}

export type TrancheStatus = 'DUE' | 'WAITING' | 'FORFEITED';

export interface Tranche {
  label: string;
  amount: number;
  status: TrancheStatus;
  /** Day it became due, when it is. */
  dueOn?: string;
}

/**
 * ENTITLED: owed (or already paid); SUPERSEDED: another policy of its 就高不重复 group pays instead
 * (amount 0).
 */
export type EntitlementStatus = 'ENTITLED' | 'SUPERSEDED';

export interface Entitlement {
  policyId: string;
  /** One per trigger: `title:LITTLE_GIANT`, `challenge:<id>`, `selection:2025`. */
  triggerKey: string;
  triggeredOn: string;
  status: EntitlementStatus;
  /** 元 owed in total (after the group's deduction); 0 when superseded. */
  amount: number;
  /** The arithmetic in Chinese, e.g. "20% × 300万元 = 60万元，上限 50万元 → 50万元". */
  arithmetic: string;
  tranches: Tranche[];
  facts: UsedFact[];
  notes: string[];
}

export interface NearMiss {
  policyId: string;
  /** What is missing, in Chinese: "再获得专精特新中小企业认定即可获得 5万元". */
  missing: string;
  /** What it would pay, 元, when known. */
  potentialAmount?: number;
}

export interface Evaluation {
  organizationId: string;
  asOf: string;
  policySetVersion: string;
  entitlements: Entitlement[];
  nearMisses: NearMiss[];
}
