import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Tranche, UsedFact } from './core/index.js';

const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * What one organization is owed under one policy for one trigger (a title, a 揭榜 project, a
 * selection), as last evaluated: one row per (organization, policy, trigger), rewritten by each
 * evaluation with the policy set's and evaluator's versions. A row whose trigger disappeared is
 * deleted unless a payout line refers to it (then it stays, marked `stale`).
 */
@Entity('policy_entitlements')
@Index('uq_policy_entitlements_trigger', ['organizationId', 'policyId', 'triggerKey'], { unique: true })
@Index('ix_policy_entitlements_policy', ['policyId', 'triggeredOn'])
export class PolicyEntitlementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'policy_id' })
  policyId: string;

  @Column('text', { name: 'trigger_key' })
  triggerKey: string;

  @Column('date', { name: 'triggered_on' })
  triggeredOn: string;

  /** The organization's region when evaluated (the payout list filters on it). */
  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  /** ENTITLED or SUPERSEDED (就高不重复). */
  @Column('text')
  status: string;

  /** Total owed, 元. */
  @Column('bigint', { transformer: bigintNumber })
  amount: number;

  @Column('text')
  arithmetic: string;

  @Column('jsonb')
  tranches: Tranche[];

  @Column('jsonb')
  facts: UsedFact[];

  @Column('jsonb', { default: () => "'[]'" })
  notes: string[];

  @Column('text', { name: 'policy_set_version' })
  policySetVersion: string;

  @Column('text', { name: 'evaluator_version' })
  evaluatorVersion: string;

  @Column('date', { name: 'as_of' })
  asOf: string;

  /** The trigger no longer holds (kept because a payout line refers to it). */
  @Column('boolean', { default: false })
  stale: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
