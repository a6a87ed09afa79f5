import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CriterionOutcome, PassPath } from '../../tiers/src/index.js';

/**
 * One evaluation of one enterprise against one tier of one rule set. Rows are history: the
 * latest per (organization, rule set, tier) is the current verdict. The unique key makes a
 * replayed job (same profile version, rule set, evaluator and day) insert nothing.
 */
@Entity('tier_assessments')
@Index('uq_tier_assessments_run', ['organizationId', 'ruleSet', 'tier', 'mode', 'evaluatorVersion', 'profileVersion', 'asOf'], { unique: true })
@Index('ix_tier_assessments_latest', ['organizationId', 'ruleSet', 'tier', 'computedAt'])
export class TierAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  tier: string;

  @Column('text', { name: 'rule_set' })
  ruleSet: string;

  @Column('text', { name: 'rule_set_version' })
  ruleSetVersion: string;

  @Column('text', { name: 'evaluator_version' })
  evaluatorVersion: string;

  /** NEW (application) or REVIEW (复核) mode of the rules. */
  @Column('text', { default: 'NEW' })
  mode: string;

  @Column('int', { name: 'profile_version' })
  profileVersion: number;

  @Column('date', { name: 'as_of' })
  asOf: string;

  @Column('boolean')
  eligible: boolean;

  @Column('text')
  verdict: string;

  @Column('double precision', { nullable: true })
  score: number | null;

  @Column('double precision', { name: 'max_score', nullable: true })
  maxScore: number | null;

  @Column('text', { name: 'passed_by', nullable: true })
  passedBy: PassPath | null;

  @Column('jsonb')
  criteria: CriterionOutcome[];

  @Column('text', { name: 'missing_data', array: true, default: () => "'{}'" })
  missingData: string[];

  @CreateDateColumn({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;
}
