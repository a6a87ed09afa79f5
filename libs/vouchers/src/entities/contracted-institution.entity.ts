import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An institution contracted to a programme; removal keeps the row (with its reason) as history. */
@Entity('voucher_contracted_institutions')
@Index('ux_voucher_contracted_active', ['programmeId', 'institutionOrganizationId'], { unique: true, where: '"removed_at" IS NULL' })
export class ContractedInstitutionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'institution_organization_id' })
  institutionOrganizationId: string;

  @Column('text', { name: 'added_reason' })
  addedReason: string;

  @Column('uuid', { name: 'added_by' })
  addedBy: string;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;

  @Column('text', { name: 'removed_reason', nullable: true })
  removedReason: string | null;

  @Column('uuid', { name: 'removed_by', nullable: true })
  removedBy: string | null;
}
