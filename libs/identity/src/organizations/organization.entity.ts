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

  /** 联系人; contact details are shown to the organization, the AUTHORITY and accepted counterparts only. */
  @Column('text', { name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column('text', { name: 'contact_email', nullable: true })
  contactEmail: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('text', { nullable: true })
  website: string | null;

  /** 机构简介, public like the name. */
  @Column('text', { nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
