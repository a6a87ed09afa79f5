import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LEDGER_KINDS, type LedgerKind } from '../core/voucher-enums.js';
import { fenNumber } from './money-column.js';

/**
 * The voucher ledger: one append-only row per money movement (a trigger refuses UPDATE and DELETE).
 * `amountFen` is positive except for a BUDGET decrease.
 */
@Entity('voucher_ledger')
@Index('ix_voucher_ledger_programme', ['programmeId', 'kind'])
@Index('ix_voucher_ledger_voucher', ['voucherId'])
export class VoucherLedgerEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'voucher_id', nullable: true })
  voucherId: string | null;

  @Column('uuid', { name: 'claim_id', nullable: true })
  claimId: string | null;

  @Column('uuid', { name: 'settlement_batch_id', nullable: true })
  settlementBatchId: string | null;

  @Column({ type: 'enum', enum: LEDGER_KINDS, enumName: 'voucher_ledger_kind' })
  kind: LedgerKind;

  @Column('bigint', { name: 'amount_fen', transformer: fenNumber })
  amountFen: number;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at: Date;
}
