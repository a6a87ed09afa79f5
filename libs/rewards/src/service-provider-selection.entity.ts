import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * A service institution selected as 优质服务机构 in a year's selection, with the award the bureau
 * decided (by firms served, satisfaction and results, DOMAIN.md §4.6): the fact the
 * SERVICE_PROVIDER_SELECTED reward policies read (base SELECTION_AWARD). One row per institution and
 * year, rewritten when the bureau corrects it (the audit log keeps the calls).
 */
@Entity('service_provider_selections')
@Index('uq_service_provider_selections_year', ['organizationId', 'year'], { unique: true })
export class ServiceProviderSelectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  /** The selection's year (评选年度). */
  @Column('int')
  year: number;

  /** The day the selection was announced (Beijing date). */
  @Column('date', { name: 'selected_on' })
  selectedOn: string;

  /** The award the bureau decided, whole 元 (the policy's cap applies on top). */
  @Column('bigint', { name: 'award_yuan', transformer: bigintNumber })
  awardYuan: number;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
