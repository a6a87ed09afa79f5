import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organization-kind.js';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ORGANIZATION_KINDS, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @Column('text')
  name: string;

  /** 统一社会信用代码, stored upper-case; unique. */
  @Column('varchar', { length: 18, unique: true })
  uscc: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  @Column('boolean', { default: false })
  verified: boolean;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  @Column('uuid', { name: 'verified_by', nullable: true })
  verifiedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
