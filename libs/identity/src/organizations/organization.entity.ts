import { BeforeInsert, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organization-kind.js';
import { VERIFICATION_STATES, type VerificationState } from '../verification/verification-state.js';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ORGANIZATION_KINDS, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @Column('text')
  name: string;

  /**
   * 统一社会信用代码, stored upper-case; unique among the organizations that hold one. Null once the
   * AUTHORITY released it (`resolveUsccClaim(CLAIM_RELEASED)`): the registrant was not the firm.
   */
  @Column('varchar', { length: 18, unique: true, nullable: true })
  uscc: string | null;

  /** The USCC the AUTHORITY released from this organization (history; not unique). */
  @Column('varchar', { name: 'released_uscc', length: 18, nullable: true })
  releasedUscc: string | null;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  /** Kept equal to `verificationState === 'VERIFIED'`: the rest of the code reads this flag. */
  @Column('boolean', { default: false })
  verified: boolean;

  @Column({ name: 'verification_state', type: 'enum', enum: VERIFICATION_STATES, enumName: 'organization_verification_state', default: 'PENDING' })
  verificationState: VerificationState;

  /** The reason of the last decision (or the organization's note when it resubmitted); a bureau text. */
  @Column('text', { name: 'verification_reason', nullable: true })
  verificationReason: string | null;

  @Column('timestamptz', { name: 'verification_decided_at', nullable: true })
  verificationDecidedAt: Date | null;

  /** The user who took the last decision (an AUTHORITY user, or the member who resubmitted). */
  @Column('uuid', { name: 'verification_decided_by', nullable: true })
  verificationDecidedBy: string | null;

  /** Counts verification decisions; carried by their outbox events. */
  @Column('int', { name: 'verification_version', default: 0 })
  verificationVersion: number;

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

  /** Rows created already verified (AUTHORITY, imports, demo data) start VERIFIED; others PENDING. */
  @BeforeInsert()
  protected initialVerificationState(): void {
    this.verificationState ??= this.verified ? 'VERIFIED' : 'PENDING';
    if (this.verified && this.verificationState === 'VERIFIED') {
      this.verificationDecidedAt ??= this.verifiedAt ?? null;
      this.verificationDecidedBy ??= this.verifiedBy ?? null;
    }
  }
}
