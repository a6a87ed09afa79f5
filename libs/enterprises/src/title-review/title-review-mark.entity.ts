import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ENTERPRISE_TIERS, type EnterpriseTier } from '../enterprise-tier.js';

export const TITLE_REVIEW_ACTIONS = ['PENDING_RECORDED', 'PENDING_CLEARED'] as const;
export type TitleReviewAction = (typeof TITLE_REVIEW_ACTIONS)[number];

/**
 * One AUTHORITY decision on re-reviews (复核) of certified titles (DOMAIN.md §8.2): "pending until
 * <date>" recorded, or cleared, for a batch or a list of firms. History: never updated or deleted;
 * the current mark of a firm lives on its profile (`tier_review_pending_until`).
 */
@Entity('title_review_marks')
@Index('ix_title_review_marks_decided_at', ['decidedAt'])
export class TitleReviewMarkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: TITLE_REVIEW_ACTIONS, enumName: 'title_review_action' })
  action: TitleReviewAction;

  /** PENDING_RECORDED: the last day (inclusive) the expired titles stay in force; null when cleared. */
  @Column('date', { name: 'pending_until', nullable: true })
  pendingUntil: string | null;

  /** Batch selection (both or neither): every title of this tier certified on this day. */
  @Column({ type: 'enum', enum: ENTERPRISE_TIERS, enumName: 'enterprise_tier', nullable: true })
  tier: EnterpriseTier | null;

  @Column('date', { name: 'certified_on', nullable: true })
  certifiedOn: string | null;

  /** The firms the decision changed (≤ 1000). */
  @Column('uuid', { name: 'organization_ids', array: true })
  organizationIds: string[];

  /** The document behind it (文号), as the AUTHORITY typed it; optional. */
  @Column('text', { nullable: true })
  document: string | null;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @Column('timestamptz', { name: 'decided_at', default: () => 'now()' })
  decidedAt: Date;
}
