import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * What the bureau recorded about an accepted 揭榜 application as a funded project (立项): its class,
 * planned and actual S&T / R&D investment, and the 验收 result. The 揭榜 reward policies read it
 * (their bases); one row per application, rewritten by each recording (the audit log keeps the calls).
 */
@Entity('challenge_project_records')
export class ChallengeProjectRecordEntity {
  @PrimaryColumn('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  /** INDUSTRIAL or AGRICULTURAL_SOCIAL (余姚 揭榜挂帅 classes); null when not stated. */
  @Column('text', { nullable: true })
  category: string | null;

  @Column('bigint', { name: 'planned_investment', nullable: true, transformer: bigintNumber })
  plannedInvestment: number | null;

  @Column('bigint', { name: 'actual_investment', nullable: true, transformer: bigintNumber })
  actualInvestment: number | null;

  @Column('date', { name: 'actual_recorded_on', nullable: true })
  actualRecordedOn: string | null;

  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;

  @Column('boolean', { name: 'completion_passed', nullable: true })
  completionPassed: boolean | null;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
