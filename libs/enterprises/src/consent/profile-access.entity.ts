import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What was read: profile sections, or a case's attachments. */
export const ACCESS_SECTIONS = ['BASIC', 'FINANCIALS', 'IP', 'TIER_ASSESSMENTS', 'NEEDS', 'ATTACHMENTS'] as const;
export type AccessSection = (typeof ACCESS_SECTIONS)[number];
/** Through which read: the profile query, a listing's leads (profile and figures in reasons), an attachment link of a case. */
export const ACCESS_OPERATIONS = ['ENTERPRISE_PROFILE', 'LEAD', 'CASE_ATTACHMENT'] as const;
export type AccessOperation = (typeof ACCESS_OPERATIONS)[number];
export const ACCESS_OUTCOMES = ['READ', 'REFUSED'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/**
 * One read (or refused read) of a firm's protected data by another organization (issue 18, ADR 0035).
 * Ids and section names only, never figures. Kept ACCESS_LOG_RETENTION_DAYS, then purged nightly.
 * No foreign keys: the log outlives nothing it names and is written in bulk.
 */
@Entity('profile_access_log')
@Index('ix_profile_access_log_organization', ['organizationId', 'createdAt', 'id'])
@Index('ix_profile_access_log_created', ['createdAt', 'id'])
export class ProfileAccessEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The firm whose data was read. */
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'reader_organization_id' })
  readerOrganizationId: string;

  @Column('uuid', { name: 'reader_user_id' })
  readerUserId: string;

  @Column({ type: 'enum', enum: ACCESS_OPERATIONS, enumName: 'profile_access_operation' })
  operation: AccessOperation;

  @Column({ type: 'enum', enum: ACCESS_SECTIONS, enumName: 'profile_access_section', array: true })
  sections: AccessSection[];

  /** The financial years read (FINANCIALS), empty otherwise. */
  @Column('int', { name: 'financial_years', array: true, default: () => "'{}'" })
  financialYears: number[];

  @Column({ type: 'enum', enum: ACCESS_OUTCOMES, enumName: 'profile_access_outcome' })
  outcome: AccessOutcome;

  /** The consent the read went through; null for the AUTHORITY, a case's sides (attachments) and refusals without one. */
  @Column('uuid', { name: 'consent_id', nullable: true })
  consentId: string | null;

  /** What the read was about: the listing of the leads, the attachment; null for the profile query. */
  @Column('uuid', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
