import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

export const PAYOUT_DECISIONS = ['PAID', 'WITHHELD'] as const;
export type PayoutDecision = (typeof PAYOUT_DECISIONS)[number];

/**
 * The bureau's decision on one tranche of one entitlement: paid (date, reference, amount actually
 * paid) or withheld (coded reason). Never updated: one decision per tranche (a second is CONFLICT).
 * Paid amounts feed 就高不重复 and the district 配套 policies.
 */
@Entity('policy_payouts')
@Index('uq_policy_payouts_tranche', ['entitlementId', 'trancheIndex'], { unique: true })
@Index('ix_policy_payouts_org', ['organizationId', 'policyId'])
export class PolicyPayoutEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'entitlement_id' })
  entitlementId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'policy_id' })
  policyId: string;

  @Column('int', { name: 'tranche_index' })
  trancheIndex: number;

  @Column('text')
  decision: PayoutDecision;

  /** 元 actually paid (0 when withheld). */
  @Column('bigint', { transformer: bigintNumber })
  amount: number;

  @Column('date', { name: 'paid_on', nullable: true })
  paidOn: string | null;

  /** 拨付凭证号 (payment reference). */
  @Column('text', { nullable: true })
  reference: string | null;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode: string | null;

  @Column('text', { name: 'reason_text', nullable: true })
  reasonText: string | null;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
