import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToMany, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../../identity/src/index.js';
import { ENTERPRISE_TIERS, type EnterpriseTier, type ServiceCategory } from './enterprise-tier.js';
import { EnterpriseFinancialsEntity } from './enterprise-financials.entity.js';
import type { EquityRound, Honour, MainProductField, RdInstitutionLevel, ScienceAward } from '../../tiers/src/index.js';
import { TITLE_PROVENANCES, type TitleProvenance } from './title-provenance.js';


export interface FinancingNeedValue {
  amount: number;
  termMonths: number;
  purpose?: string | null;
}

export interface SpaceNeedValue {
  minAreaSqm: number;
  maxAreaSqm: number;
  regionCodes: string[];
  maxRentPerSqmDay?: number | null;
}

/** The facts the tier rules need beyond the contract's profile (all optional). */
export interface TierFactsValue {
  highValueInventionPatents?: number | null;
  selfDevelopedInventionPatents?: number | null;
  rdInstitutionLevel?: RdInstitutionLevel | null;
  digitalMaturityLevel?: number | null;
  nicheMarketSharePercent?: number | null;
  marketTop3?: boolean | null;
  awards?: Array<Omit<ScienceAward, 'rank' | 'awardedOn'> & { rank?: number | null; awardedOn?: string | null }> | null;
  makerChina?: { year: number; group: 'TOP50' | 'TOP500'; reachedOn?: string | null } | null;
  /** Dated equity rounds (§8.8 "近3年"); when present they replace the yearly amounts for that window. */
  equityRounds?: EquityRound[] | null;
  honours?: Honour[] | null;
  strategicEmergingIndustry?: boolean | null;
  mainProductField?: MainProductField | null;
  /** Former combined flag (六基 / 十大重点产业 / 网络强国); kept as stored, read only where a split fact is blank. */
  mainProductInPriorityField?: boolean | null;
  mainProductInSixFoundations?: boolean | null;
  mainProductInTopTenSectors?: boolean | null;
  mainProductInCyberPowerField?: boolean | null;
  keyChainRole?: boolean | null;
  quality?: { provincialQualityAward?: boolean; iso9001?: boolean; ownBrand?: boolean; standardsDrafting?: boolean } | null;
  managementCertification?: boolean | null;
  coreProcessInformatized?: boolean | null;
  goodCredit?: boolean | null;
  platformScores?: Array<{ year: number; score: number }> | null;
  techOrInnovativeSmeValid?: boolean | null;
}

export interface ReviewRiskValue {
  tier: EnterpriseTier;
  expiresOn: string;
  ruleSet: string;
  /** Why that rule set (re-review date and the document deciding it, §8.4); absent on older rows. */
  basis?: string;
  verdict: 'NOT_ELIGIBLE' | 'UNDETERMINED';
  failing: Array<{ code: string; label: string; status: string; actual?: string; required?: string }>;
  assessedAt: string;
}

/** 一企一档: one row per ENTERPRISE organization; financial years live in their own table. */
@Entity('enterprise_profiles')
@Index('ix_enterprise_profiles_review_risk', ['reviewRiskExpiresOn'], { where: 'review_risk IS NOT NULL' })
export class EnterpriseProfileEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @OneToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** GB/T 4754-2017, e.g. C34 or C3484. */
  @Index('ix_enterprise_profiles_industry_code')
  @Column('text', { name: 'industry_code' })
  industryCode: string;

  @Index('ix_enterprise_profiles_tier')
  @Column({ type: 'enum', enum: ENTERPRISE_TIERS, enumName: 'enterprise_tier' })
  tier: EnterpriseTier;

  @Column('date', { name: 'tier_certified_on', nullable: true })
  tierCertifiedOn: string | null;

  /**
   * Who says the firm holds `tier` (DOMAIN.md §8.10): CLAIMED by the firm, CONFIRMED by the
   * AUTHORITY, IMPORTED from a list, or a claim the AUTHORITY REJECTED. Null exactly when tier is NONE.
   * Only CONFIRMED and IMPORTED titles count for others (title-provenance.ts).
   */
  @Column({ name: 'tier_provenance', type: 'enum', enum: TITLE_PROVENANCES, enumName: 'title_provenance', nullable: true })
  tierProvenance: TitleProvenance | null;

  /** When the provenance was last set (the claim, the AUTHORITY's decision, the import). */
  @Column('timestamptz', { name: 'tier_provenance_at', nullable: true })
  tierProvenanceAt: Date | null;

  /** The user who set it: the firm's member for a claim, the AUTHORITY official otherwise (null: CLI, demo data, backfill). */
  @Column('uuid', { name: 'tier_provenance_by', nullable: true })
  tierProvenanceBy: string | null;

  /** The AUTHORITY's reason when it rejected the claim (REJECTED only). */
  @Column('text', { name: 'tier_rejection_reason', nullable: true })
  tierRejectionReason: string | null;

  /**
   * Last day a re-review the AUTHORITY recorded as pending keeps the expired title in force
   * (DOMAIN.md §8.2); null when none. Written only by `TitleReviewService`; cleared when the title
   * (tier or certification date) changes, since the mark belonged to the old one.
   */
  @Column('date', { name: 'tier_review_pending_until', nullable: true })
  tierReviewPendingUntil: string | null;

  @Column('date', { name: 'founded_on' })
  foundedOn: string;

  @Column('date', { name: 'main_business_since' })
  mainBusinessSince: string;

  @Column('text', { name: 'main_products', array: true, default: () => "'{}'" })
  mainProducts: string[];

  @Column('text', { default: '' })
  capabilities: string;

  @Column('text', { array: true, default: () => "'{}'" })
  certifications: string[];

  @Column('int', { name: 'invention_patents', default: 0 })
  inventionPatents: number;

  @Column('int', { name: 'utility_models', default: 0 })
  utilityModels: number;

  @Column('int', { name: 'design_patents', default: 0 })
  designPatents: number;

  @Column('int', { name: 'software_copyrights', default: 0 })
  softwareCopyrights: number;

  @Column('int', { default: 0 })
  trademarks: number;

  @Column('jsonb', { name: 'financing_need', nullable: true })
  financingNeed: FinancingNeedValue | null;

  @Column('text', { name: 'service_needs', array: true, default: () => "'{}'" })
  serviceNeeds: ServiceCategory[];

  @Column('jsonb', { name: 'space_need', nullable: true })
  spaceNeed: SpaceNeedValue | null;

  @Column('jsonb', { name: 'tier_facts', default: () => "'{}'" })
  tierFacts: TierFactsValue;

  /** Incremented on every change; assessments and events carry it. */
  @Column('int', { default: 1 })
  version: number;

  /**
   * Provenance: when an AUTHORITY import last wrote this profile (null: only the enterprise wrote it).
   * Once set it stays (later own edits keep the imported years and title), so the profile counts as
   * AUTHORITY data, hidden from its own organization while that is not VERIFIED.
   */
  @Column('timestamptz', { name: 'imported_at', nullable: true })
  importedAt: Date | null;

  /** The AUTHORITY user of that import (null from the CLI). */
  @Column('uuid', { name: 'imported_by', nullable: true })
  importedBy: string | null;

  /** Set by the scoring worker when the certified tier expires within 12 months and is not currently met. */
  @Column('jsonb', { name: 'review_risk', nullable: true })
  reviewRisk: ReviewRiskValue | null;

  @Column('date', { name: 'review_risk_expires_on', nullable: true })
  reviewRiskExpiresOn: string | null;

  /**
   * The highest tier the latest assessment finds the firm eligible for (rules in force per tier),
   * kept by the scoring worker so the authority's pipeline is one GROUP BY; null until assessed.
   */
  @Column({ name: 'eligible_tier', type: 'enum', enum: ENTERPRISE_TIERS, enumName: 'enterprise_tier', nullable: true })
  eligibleTier: EnterpriseTier | null;

  @OneToMany(() => EnterpriseFinancialsEntity, (f) => f.profile)
  financials?: EnterpriseFinancialsEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The five IP counts of a profile, as the API, the evaluator and the scorer see them. */
export function ipAssetsOf(p: Pick<EnterpriseProfileEntity, 'inventionPatents' | 'utilityModels' | 'designPatents' | 'softwareCopyrights' | 'trademarks'>) {
  return {
    inventionPatents: p.inventionPatents,
    utilityModels: p.utilityModels,
    designPatents: p.designPatents,
    softwareCopyrights: p.softwareCopyrights,
    trademarks: p.trademarks,
  };
}
