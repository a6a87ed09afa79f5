import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reminder or an escalation sent for one deadline of one case: at most one of each per
 * (case, deadline, due instant) — the unique index is what makes the sweep send nothing twice. A
 * pause that moves the deadline gives it a new due instant, so a case late again is reminded again.
 */
@Entity('deadline_alerts')
@Index('uq_deadline_alerts_step', ['subjectType', 'subjectId', 'deadline', 'dueAt', 'step'], { unique: true })
@Index('ix_deadline_alerts_owner', ['ownerOrganizationId', 'sentAt'])
export class DeadlineAlertEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** MATCH_REQUEST or CHALLENGE_APPLICATION. */
  @Column('text', { name: 'subject_type' })
  subjectType: 'MATCH_REQUEST' | 'CHALLENGE_APPLICATION';

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  /** The organization that should have acted (the listing's or the challenge's owner). */
  @Column('uuid', { name: 'owner_organization_id' })
  ownerOrganizationId: string;

  /** RESPOND or DECIDE. */
  @Column('text')
  deadline: 'RESPOND' | 'DECIDE';

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  /** REMINDER (to the owner) or ESCALATION (to the AUTHORITY). */
  @Column('text')
  step: 'REMINDER' | 'ESCALATION';

  /** When it was sent, by the injected clock (escalation counts working time from the reminder). */
  @Column('timestamptz', { name: 'sent_at' })
  sentAt: Date;
}
