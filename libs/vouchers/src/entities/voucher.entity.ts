import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { VOUCHER_STATUSES, type VoucherStatus } from '../core/voucher-enums.js';
import { fenNumber } from './money-column.js';

/** An application for a voucher, and the voucher once granted (one row through its life). */
@Entity('vouchers')
@Index('ix_vouchers_programme_firm', ['programmeId', 'firmOrganizationId'])
@Index('ix_vouchers_expiry', ['expiresOn'], { where: `"status" = 'GRANTED'` })
@Check('ck_vouchers_redeemed', '"redeemed_fen" >= 0 AND "redeemed_fen" <= "amount_fen"')
export class VoucherEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The code printed on the voucher (e.g. NB-2026-00001), set when granted. */
  @Index('ux_vouchers_code', { unique: true, where: '"code" IS NOT NULL' })
  @Column('text', { nullable: true })
  code: string | null;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'firm_organization_id' })
  firmOrganizationId: string;

  @Column('text', { name: 'service_category' })
  serviceCategory: string;

  /** Applied for, then granted (the AUTHORITY may grant less), in fen. */
  @Column('bigint', { name: 'amount_fen', transformer: fenNumber })
  amountFen: number;

  /** Paid out by approved claims (the unused rest is released when redeemed). */
  @Column('bigint', { name: 'redeemed_fen', default: 0, transformer: fenNumber })
  redeemedFen: number;

  @Column({ type: 'enum', enum: VOUCHER_STATUSES, enumName: 'voucher_status' })
  status: VoucherStatus;

  @Column('text', { nullable: true })
  purpose: string | null;

  /** 免申即享: granted without an application. */
  @Column('boolean', { name: 'auto_granted', default: false })
  autoGranted: boolean;

  @Column('text', { name: 'decline_reason_code', nullable: true })
  declineReasonCode: string | null;

  @Column('text', { name: 'decision_note', nullable: true })
  decisionNote: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'granted_at', nullable: true })
  grantedAt: Date | null;

  /** Last Beijing day the voucher can be used. */
  @Column('date', { name: 'expires_on', nullable: true })
  expiresOn: string | null;

  /** The match request the firm attached it to (one voucher, one service). */
  @Index('ux_vouchers_match_request', { unique: true, where: '"match_request_id" IS NOT NULL' })
  @Column('uuid', { name: 'match_request_id', nullable: true })
  matchRequestId: string | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
