import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PROGRAMME_STATUSES, type ProgrammeStatus } from '../core/voucher-enums.js';
import { fenNumber } from './money-column.js';

/**
 * A service-voucher programme (服务券/创新券, issue 22). The running totals (reserved, redeemed,
 * settled) are kept on the row, which every money movement locks FOR UPDATE; the ledger is the
 * record they are reconciled against (ADR 0033). All amounts in fen (分).
 */
@Entity('voucher_programmes')
@Check('ck_voucher_programmes_committed', '"reserved_fen" >= 0 AND "redeemed_fen" >= 0 AND "settled_fen" >= 0 AND "reserved_fen" + "redeemed_fen" <= "budget_fen"')
@Check('ck_voucher_programmes_cover', '"cover_percent" BETWEEN 1 AND 100')
export class VoucherProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** 发放单位, e.g. 宁波市经济和信息化局. */
  @Column('text')
  issuer: string;

  @Column('uuid', { name: 'authority_organization_id' })
  authorityOrganizationId: string;

  @Column({ type: 'enum', enum: PROGRAMME_STATUSES, enumName: 'voucher_programme_status', default: 'DRAFT' })
  status: ProgrammeStatus;

  @Column('bigint', { name: 'budget_fen', transformer: fenNumber })
  budgetFen: number;

  /** Granted vouchers not yet redeemed, expired or cancelled. */
  @Column('bigint', { name: 'reserved_fen', default: 0, transformer: fenNumber })
  reservedFen: number;

  /** Approved claims, settled or not (claw-backs deducted). */
  @Column('bigint', { name: 'redeemed_fen', default: 0, transformer: fenNumber })
  redeemedFen: number;

  /** Settled claims (claw-backs deducted). */
  @Column('bigint', { name: 'settled_fen', default: 0, transformer: fenNumber })
  settledFen: number;

  /** Share of a service's price the voucher covers, in percent (1–100). */
  @Column('smallint', { name: 'cover_percent' })
  coverPercent: number;

  @Column('bigint', { name: 'cap_per_voucher_fen', transformer: fenNumber })
  capPerVoucherFen: number;

  @Column('bigint', { name: 'cap_per_firm_year_fen', transformer: fenNumber })
  capPerFirmYearFen: number;

  @Column('text', { name: 'eligible_tiers', array: true, default: () => "'{}'" })
  eligibleTiers: string[];

  @Column('text', { name: 'eligible_region_codes', array: true, default: () => "'{}'" })
  eligibleRegionCodes: string[];

  @Column('text', { name: 'eligible_industry_codes', array: true, default: () => "'{}'" })
  eligibleIndustryCodes: string[];

  /** An imported list of enterprise organizations (empty: no list). */
  @Column('uuid', { name: 'eligible_organization_ids', array: true, default: () => "'{}'" })
  eligibleOrganizationIds: string[];

  @Column('text', { name: 'service_categories', array: true })
  serviceCategories: string[];

  /** Application window, Beijing dates inclusive. */
  @Column('date', { name: 'apply_from' })
  applyFrom: string;

  @Column('date', { name: 'apply_until' })
  applyUntil: string;

  /** Months a granted voucher stays valid (e.g. 9). */
  @Column('smallint', { name: 'validity_months' })
  validityMonths: number;

  /** Overrides of the fraud thresholds (core/fraud-rules.ts); null: the defaults. */
  @Column('jsonb', { name: 'fraud_thresholds', nullable: true })
  fraudThresholds: Record<string, unknown> | null;

  /** Seed of the spot-check draw, recorded so a draw can be replayed. */
  @Column('text', { name: 'spot_check_seed' })
  spotCheckSeed: string;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
