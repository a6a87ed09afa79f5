import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../../../identity/src/index.js';
import { CONSENT_PURPOSES, PROFILE_SECTIONS, type ConsentPurpose, type ProfileSection } from './consent-scope.js';

/** One year of financials as the grantee may read it: the firm's figures when the consent was given (yuan). */
export interface FinancialsSnapshotYear {
  year: number;
  revenue: number;
  mainBusinessRevenue: number;
  rdExpense: number;
  netProfit: number | null;
  totalAssets: number | null;
  totalLiabilities: number | null;
  employees: number | null;
  rdEmployees: number | null;
  equityFinancing: number | null;
}

/**
 * A firm's consent that another organization reads sections of its profile (issue 18, ADR 0035):
 * for one match request, one 揭榜 application, or standing. Financials are the snapshot of the years
 * granted, taken when the consent was given. Never deleted: a revocation sets `revoked_at`.
 */
@Entity('profile_consents')
@Index('ix_profile_consents_grantor', ['grantorOrganizationId', 'createdAt', 'id'])
@Index('ix_profile_consents_grantee', ['granteeOrganizationId', 'grantorOrganizationId'])
@Index('ix_profile_consents_grantee_page', ['granteeOrganizationId', 'createdAt', 'id'])
@Check('ck_profile_consents_not_self', 'grantor_organization_id <> grantee_organization_id')
@Check('ck_profile_consents_purpose', "(purpose = 'MATCH_REQUEST') = (match_request_id IS NOT NULL) AND (purpose = 'CHALLENGE_APPLICATION') = (challenge_application_id IS NOT NULL)")
@Check('ck_profile_consents_period', 'expires_at > starts_at')
export class ProfileConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The firm (ENTERPRISE) whose profile it opens. */
  @Column('uuid', { name: 'grantor_organization_id' })
  grantorOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'grantor_organization_id' })
  grantor?: OrganizationEntity;

  @Column('uuid', { name: 'grantee_organization_id' })
  granteeOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'grantee_organization_id' })
  grantee?: OrganizationEntity;

  @Column({ type: 'enum', enum: CONSENT_PURPOSES, enumName: 'consent_purpose' })
  purpose: ConsentPurpose;

  /** The case it was given for (ids only: the case lives in libs/matching or libs/listings). */
  @Column('uuid', { name: 'match_request_id', nullable: true })
  matchRequestId: string | null;

  @Column('uuid', { name: 'challenge_application_id', nullable: true })
  challengeApplicationId: string | null;

  @Column({ type: 'enum', enum: PROFILE_SECTIONS, enumName: 'profile_section', array: true })
  sections: ProfileSection[];

  /** The years granted (FINANCIALS only; empty otherwise). */
  @Column('int', { name: 'financial_years', array: true, default: () => "'{}'" })
  financialYears: number[];

  /** The granted years' figures as they were at grant time; later edits and later years are not shown. */
  @Column('jsonb', { name: 'financials_snapshot', default: () => "'[]'" })
  financialsSnapshot: FinancialsSnapshotYear[];

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  /** The consent's own end (at most a year after its start); a case consent may end sooner, with its case. */
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;

  /** The member who gave it (null for consents carried over from shareProfile before consents existed). */
  @Column('uuid', { name: 'granted_by', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
