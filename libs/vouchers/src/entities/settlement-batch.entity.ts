import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenNumber } from './money-column.js';

/** Approved claims paid together to the institutions (one XLSX for the finance office). */
@Entity('voucher_settlement_batches')
export class SettlementBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('int', { name: 'claim_count' })
  claimCount: number;

  @Column('bigint', { name: 'total_fen', transformer: fenNumber })
  totalFen: number;

  @Column('uuid', { name: 'settled_by' })
  settledBy: string;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'settled_at', type: 'timestamptz' })
  settledAt: Date;
}
