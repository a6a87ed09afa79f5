import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
// Type-only: the two entities refer to each other, and ESM forbids a value import cycle here.
import type { EnterpriseProfileEntity } from './enterprise-profile.entity.js';
import { bigintNumber } from './bigint-number.js';

/** One row per enterprise and year (yuan); the profile lists them newest first. */
@Entity('enterprise_financials')
export class EnterpriseFinancialsEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @PrimaryColumn('int')
  year: number;

  @ManyToOne('EnterpriseProfileEntity', (p: EnterpriseProfileEntity) => p.financials, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  profile?: Relation<EnterpriseProfileEntity>;

  @Column('bigint', { transformer: bigintNumber })
  revenue: number;

  @Column('bigint', { name: 'main_business_revenue', transformer: bigintNumber })
  mainBusinessRevenue: number;

  @Column('bigint', { name: 'rd_expense', transformer: bigintNumber })
  rdExpense: number;

  @Column('bigint', { name: 'net_profit', nullable: true, transformer: bigintNumber })
  netProfit: number | null;

  @Column('bigint', { name: 'total_assets', nullable: true, transformer: bigintNumber })
  totalAssets: number | null;

  @Column('bigint', { name: 'total_liabilities', nullable: true, transformer: bigintNumber })
  totalLiabilities: number | null;

  @Column('int', { nullable: true })
  employees: number | null;

  @Column('int', { name: 'rd_employees', nullable: true })
  rdEmployees: number | null;

  @Column('bigint', { name: 'equity_financing', nullable: true, transformer: bigintNumber })
  equityFinancing: number | null;
}
