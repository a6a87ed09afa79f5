import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CLAIM_STATUSES, type ClaimStatus } from '../core/voucher-enums.js';
import type { FraudFinding } from '../core/fraud-rules.js';
import { fenNumber } from './money-column.js';

/** An institution's claim on a voucher for a delivered service. */
@Entity('voucher_claims')
@Index('ix_voucher_claims_programme_status', ['programmeId', 'status'])
@Index('ix_voucher_claims_pair', ['programmeId', 'firmOrganizationId', 'institutionOrganizationId'])
@Index('ux_voucher_claims_live', ['voucherId'], { unique: true, where: `"status" NOT IN ('REJECTED', 'CLAWED_BACK')` })
export class VoucherClaimEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'voucher_id' })
  voucherId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'firm_organization_id' })
  firmOrganizationId: string;

  @Column('uuid', { name: 'institution_organization_id' })
  institutionOrganizationId: string;

  @Column('uuid', { name: 'match_request_id' })
  matchRequestId: string;

  @Column('uuid', { name: 'offering_listing_id' })
  offeringListingId: string;

  @Column('text', { name: 'service_category' })
  serviceCategory: string;

  @Column('bigint', { name: 'contract_value_fen', transformer: fenNumber })
  contractValueFen: number;

  /** What the voucher pays: at most min(cover % × contract value, the voucher's amount). */
  @Column('bigint', { name: 'claim_fen', transformer: fenNumber })
  claimFen: number;

  @Column('text', { name: 'invoice_number' })
  invoiceNumber: string;

  @Column('date', { name: 'delivered_on' })
  deliveredOn: string;

  /** Case attachments of the match request (uploaded through POST /attachments). */
  @Column('uuid', { name: 'attachment_ids', array: true, default: () => "'{}'" })
  attachmentIds: string[];

  @Column({ type: 'enum', enum: CLAIM_STATUSES, enumName: 'voucher_claim_status', default: 'SUBMITTED' })
  status: ClaimStatus;

  @Column('jsonb', { default: () => "'[]'" })
  findings: FraudFinding[];

  @Column('boolean', { default: false })
  flagged: boolean;

  /** The seeded spot-check draw in [0, 1), recorded. */
  @Column('double precision', { name: 'spot_draw' })
  spotDraw: number;

  @Column('boolean', { name: 'spot_checked', default: false })
  spotChecked: boolean;

  @Column('text', { name: 'firm_note', nullable: true })
  firmNote: string | null;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode: string | null;

  @Column('text', { name: 'decision_note', nullable: true })
  decisionNote: string | null;

  @Column('uuid', { name: 'first_approver_user_id', nullable: true })
  firstApproverUserId: string | null;

  @Column('uuid', { name: 'second_approver_user_id', nullable: true })
  secondApproverUserId: string | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column('uuid', { name: 'settlement_batch_id', nullable: true })
  settlementBatchId: string | null;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
