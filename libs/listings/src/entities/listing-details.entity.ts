import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { ParkEntity } from './park.entity.js';
import { bigintNumber } from '../../../enterprises/src/index.js';
import { ListingEntity } from './listing.entity.js';

@Entity('service_offerings')
export class ServiceOfferingEntity {
  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @OneToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Index('ix_service_offerings_category')
  @Column('text')
  category: string;

  @Column('bigint', { name: 'price_min', nullable: true, transformer: bigintNumber })
  priceMin: number | null;

  @Column('bigint', { name: 'price_max', nullable: true, transformer: bigintNumber })
  priceMax: number | null;

  @Column('boolean', { name: 'accepts_service_voucher', default: false })
  acceptsServiceVoucher: boolean;
}

@Entity('credit_products')
export class CreditProductEntity {
  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @OneToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Index('ix_credit_products_type')
  @Column('text', { name: 'product_type' })
  productType: string;

  @Column('bigint', { name: 'amount_min', transformer: bigintNumber })
  amountMin: number;

  @Column('bigint', { name: 'amount_max', transformer: bigintNumber })
  amountMax: number;

  @Column('double precision', { name: 'annual_rate_min' })
  annualRateMin: number;

  @Column('double precision', { name: 'annual_rate_max' })
  annualRateMax: number;

  @Column('int', { name: 'term_months_max' })
  termMonthsMax: number;

  @Column('text', { name: 'eligible_tiers', array: true, default: () => "'{}'" })
  eligibleTiers: string[];

  @Column('bigint', { name: 'min_annual_revenue', nullable: true, transformer: bigintNumber })
  minAnnualRevenue: number | null;

  @Column('int', { name: 'min_invention_patents', nullable: true })
  minInventionPatents: number | null;

  @Column('int', { name: 'min_years_in_business', nullable: true })
  minYearsInBusiness: number | null;

  @Column('double precision', { name: 'max_debt_ratio', nullable: true })
  maxDebtRatio: number | null;

  @Column('text', { name: 'rate_type', nullable: true })
  rateType: string | null;

  @Column('text', { name: 'guarantee_methods', array: true, default: () => "'{}'" })
  guaranteeMethods: string[];

  /** 知识产权质押: loan as % of the appraised IP value. */
  @Column('double precision', { name: 'pledge_ratio_percent', nullable: true })
  pledgeRatioPercent: number | null;

  /** 贷投联动: the partner investor. */
  @Column('text', { name: 'partner_investor', nullable: true })
  partnerInvestor: string | null;
}

@Entity('challenges')
export class ChallengeEntity {
  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @OneToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Column('text', { name: 'tech_field' })
  techField: string;

  @Column('text')
  requirements: string;

  @Column('bigint', { transformer: bigintNumber })
  budget: number;

  @Column('date', { name: 'apply_by' })
  applyBy: string;

  @Column('text', { name: 'ip_ownership' })
  ipOwnership: string;

  @Column('text', { name: 'cooperation_mode', nullable: true })
  cooperationMode: string | null;

  @Column('date', { name: 'completion_deadline', nullable: true })
  completionDeadline: string | null;

  /** Quantified indicators the solution must reach, one per line. */
  @Column('text', { array: true, default: () => "'{}'" })
  indicators: string[];

  /** The poster's side of two-sided matching: tiers it prefers among solvers. */
  @Column('text', { name: 'preferred_tiers', array: true, default: () => "'{}'" })
  preferredTiers: string[];
}

@Entity('park_vacancies')
export class ParkVacancyEntity {
  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @OneToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Index('ix_park_vacancies_park')
  @Column('uuid', { name: 'park_id' })
  parkId: string;

  @ManyToOne(() => ParkEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'park_id' })
  park?: ParkEntity;

  @Column('double precision', { name: 'area_sqm' })
  areaSqm: number;

  @Column('int', { nullable: true })
  floor: number | null;

  @Column('double precision', { name: 'ceiling_height_m', nullable: true })
  ceilingHeightM: number | null;

  @Column('double precision', { name: 'floor_load_kg_per_sqm', nullable: true })
  floorLoadKgPerSqm: number | null;

  @Column('double precision', { name: 'rent_per_sqm_day' })
  rentPerSqmDay: number;

  @Column('date', { name: 'available_from' })
  availableFrom: string;

  @Column('text', { name: 'use_class', nullable: true })
  useClass: string | null;

  @Column('text', { nullable: true })
  tenure: string | null;

  @Column('double precision', { name: 'power_capacity_kva', nullable: true })
  powerCapacityKva: number | null;

  /** 入园准入: e.g. committed 亩均税收 (万元/亩). */
  @Column('double precision', { name: 'min_tax_per_mu_wan', nullable: true })
  minTaxPerMuWan: number | null;

  @Column('text', { name: 'entry_conditions', nullable: true })
  entryConditions: string | null;
}
