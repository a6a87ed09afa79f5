import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../../../identity/src/index.js';
import { ListingEntity, LISTING_KINDS, type ListingKind } from '../../../listings/src/index.js';
import { bigintNumber } from '../../../enterprises/src/index.js';
import { MATCH_OUTCOMES, MATCH_REQUEST_STATUSES, type MatchOutcome, type MatchRequestStatus } from './match-request-enums.js';

/**
 * An enterprise's request to be matched with a listing's owner (对接申请). The listing's kind and
 * owner are copied in at creation (neither changes), so "received" lists and provider figures are
 * one indexed lookup.
 */
@Entity('match_requests')
@Index('uq_match_requests_open', ['listingId', 'enterpriseOrganizationId'], { unique: true, where: "status IN ('PENDING', 'ACCEPTED')" })
@Index('ix_match_requests_enterprise', ['enterpriseOrganizationId', 'createdAt', 'id'])
@Index('ix_match_requests_owner', ['ownerOrganizationId', 'createdAt', 'id'])
@Index('ix_match_requests_listing', ['listingId'])
@Index('ix_match_requests_created', ['createdAt'])
/** The deadline sweep and the overdue desk: open requests not waiting on the firm, by deadline. */
@Index('ix_match_requests_deadlines', ['respondBy', 'decideBy'], { where: "status IN ('PENDING', 'ACCEPTED') AND info_requested_at IS NULL" })
@Check('ck_match_requests_rating', 'rating IS NULL OR rating BETWEEN 1 AND 5')
export class MatchRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'listing_id' })
  listingId: string;

  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Column({ name: 'listing_kind', type: 'enum', enum: LISTING_KINDS, enumName: 'listing_kind' })
  listingKind: ListingKind;

  @Column('uuid', { name: 'owner_organization_id' })
  ownerOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organization_id' })
  owner?: OrganizationEntity;

  @Column('uuid', { name: 'enterprise_organization_id' })
  enterpriseOrganizationId: string;

  /** The enterprise's 行政区划代码 when it asked (the authority's figures are per region). */
  @Column('text', { name: 'enterprise_region_code' })
  enterpriseRegionCode: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_organization_id' })
  enterprise?: OrganizationEntity;

  @Column('text', { nullable: true })
  message: string | null;

  /** Yuan: the amount applied for (credit products: defaults to the firm's financing need at request time). */
  @Column('bigint', { name: 'requested_amount', nullable: true, transformer: bigintNumber })
  requestedAmount: number | null;

  @Column('boolean', { name: 'share_profile' })
  shareProfile: boolean;

  @Column({ type: 'enum', enum: MATCH_REQUEST_STATUSES, enumName: 'match_request_status', default: 'PENDING' })
  status: MatchRequestStatus;

  @Column('text', { name: 'response_message', nullable: true })
  responseMessage: string | null;

  @Column({ type: 'enum', enum: MATCH_OUTCOMES, enumName: 'match_outcome', nullable: true })
  outcome: MatchOutcome | null;

  @Column('smallint', { nullable: true })
  rating: number | null;

  /** When the owner accepted or declined (time to first response). */
  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  /** Deadlines (libs/calendar, working days per kind): the first answer by, the decision or completion by; null on requests made before deadlines existed. Pauses move them on. */
  @Column('timestamptz', { name: 'respond_by', nullable: true })
  respondBy: Date | null;

  @Column('timestamptz', { name: 'decide_by', nullable: true })
  decideBy: Date | null;

  /** Set while the owner waits on the firm for information (the deadline clock stands still); null otherwise. */
  @Column('timestamptz', { name: 'info_requested_at', nullable: true })
  infoRequestedAt: Date | null;

  /** Working minutes from the request to the owner's first answer, pauses excluded (null before it). */
  @Column('int', { name: 'response_working_minutes', nullable: true })
  responseWorkingMinutes: number | null;
  /** Why the owner declined (issue 17): a code of the listing kind's list in libs/codes (decline-reasons.ts). */
  @Column('text', { name: 'decline_reason_code', nullable: true })
  declineReasonCode: string | null;

  /** The bank's credit decision (credit products): null until recorded; then true (granted) or false. */
  @Column('boolean', { name: 'credit_approved', nullable: true })
  creditApproved: boolean | null;

  /** Yuan granted (approved decisions only). */
  @Column('bigint', { name: 'amount_granted', nullable: true, transformer: bigintNumber })
  amountGranted: number | null;

  /** Annual rate granted, percent (e.g. 3.45). */
  @Column('double precision', { name: 'annual_rate_percent', nullable: true })
  annualRatePercent: number | null;

  @Column('int', { name: 'term_months', nullable: true })
  termMonths: number | null;

  /** Beijing date the loan was disbursed. */
  @Column('date', { name: 'disbursed_on', nullable: true })
  disbursedOn: string | null;

  /** Why credit was not granted after acceptance (credit list code). */
  @Column('text', { name: 'credit_decline_reason_code', nullable: true })
  creditDeclineReasonCode: string | null;

  /** Beijing date a service was delivered (service offerings). */
  @Column('date', { name: 'delivered_on', nullable: true })
  deliveredOn: string | null;

  /** Yuan: the price of the delivered service. */
  @Column('bigint', { name: 'service_price', nullable: true, transformer: bigintNumber })
  servicePrice: number | null;

  /** Short text of the provider's decision or delivery (required with 其他). */
  @Column('text', { name: 'outcome_note', nullable: true })
  outcomeNote: string | null;

  /** When the provider recorded the credit decision or the delivery (once; a second is CONFLICT). */
  @Column('timestamptz', { name: 'outcome_recorded_at', nullable: true })
  outcomeRecordedAt: Date | null;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
