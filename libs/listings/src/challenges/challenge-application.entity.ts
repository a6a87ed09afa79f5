import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../../../identity/src/index.js';
import { ListingEntity } from '../entities/listing.entity.js';
import { bigintNumber } from '../../../enterprises/src/index.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../listing-enums.js';

/** 揭榜: an enterprise's application to a challenge. One live (not withdrawn) application per enterprise. */
@Entity('challenge_applications')
@Index('uq_challenge_applications_live', ['challengeId', 'applicantOrganizationId'], { unique: true, where: "status NOT IN ('WITHDRAWN', 'CLOSED_BY_OWNER')" })
@Index('ix_challenge_applications_applicant', ['applicantOrganizationId', 'createdAt'])
/** The deadline sweep and the overdue desk: undecided applications by deadline. */
@Index('ix_challenge_applications_deadlines', ['respondBy', 'decideBy'], { where: "status IN ('SUBMITTED', 'SHORTLISTED') AND info_requested_at IS NULL" })
export class ChallengeApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'challenge_id' })
  challengeId: string;

  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: ListingEntity;

  @Column('uuid', { name: 'applicant_organization_id' })
  applicantOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_organization_id' })
  applicant?: OrganizationEntity;

  @Column('text')
  proposal: string;

  @Column('bigint', { nullable: true, transformer: bigintNumber })
  quote: number | null;

  @Column({ type: 'enum', enum: APPLICATION_STATUSES, enumName: 'application_status', default: 'SUBMITTED' })
  status: ApplicationStatus;

  /** Consent to show the applicant's enterprise profile (financials included) to the challenge's owner while the application is live. */
  @Column('boolean', { name: 'share_profile', default: false })
  shareProfile: boolean;

  @Column('text', { name: 'decision_comment', nullable: true })
  decisionComment: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  /** Deadlines (libs/calendar, working days): shortlist or decide by; accept or reject by. Null on applications made before deadlines existed. */
  @Column('timestamptz', { name: 'respond_by', nullable: true })
  respondBy: Date | null;

  @Column('timestamptz', { name: 'decide_by', nullable: true })
  decideBy: Date | null;

  /** Set while the challenge's owner waits on the applicant for information (the deadline clock stands still); null otherwise. */
  @Column('timestamptz', { name: 'info_requested_at', nullable: true })
  infoRequestedAt: Date | null;
  /** Why the owner rejected it (issue 17): a code of the CHALLENGE list in libs/codes (decline-reasons.ts). */
  @Column('text', { name: 'rejection_reason_code', nullable: true })
  rejectionReasonCode: string | null;

  /** Yuan: the contract value agreed on acceptance (optional). */
  @Column('bigint', { name: 'contract_value', nullable: true, transformer: bigintNumber })
  contractValue: number | null;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
