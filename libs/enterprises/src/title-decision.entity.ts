import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ENTERPRISE_TIERS, type EnterpriseTier } from './enterprise-tier.js';

export const TITLE_DECISION_OUTCOMES = ['CONFIRMED', 'REJECTED'] as const;
export type TitleDecisionOutcome = (typeof TITLE_DECISION_OUTCOMES)[number];

/**
 * History of the AUTHORITY's decisions on certified titles (confirm, reject a claim); never updated
 * or deleted. The outbox event names the row, so the notice reads what was decided even after the
 * firm has changed its title again.
 */
@Entity('enterprise_title_decisions')
@Index('ix_enterprise_title_decisions_org', ['organizationId', 'decidedAt'])
export class TitleDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column({ type: 'enum', enum: TITLE_DECISION_OUTCOMES, enumName: 'title_decision_outcome' })
  outcome: TitleDecisionOutcome;

  /** The title decided on: the confirmed one, or the claim that was rejected. */
  @Column({ type: 'enum', enum: ENTERPRISE_TIERS, enumName: 'enterprise_tier' })
  tier: EnterpriseTier;

  @Column('date', { name: 'certified_on', nullable: true })
  certifiedOn: string | null;

  /** The tier and date the firm had claimed before a confirmation (null: nothing was claimed). */
  @Column({ name: 'claimed_tier', type: 'enum', enum: ENTERPRISE_TIERS, enumName: 'enterprise_tier', nullable: true })
  claimedTier: EnterpriseTier | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @Column('timestamptz', { name: 'decided_at', default: () => 'now()' })
  decidedAt: Date;
}
