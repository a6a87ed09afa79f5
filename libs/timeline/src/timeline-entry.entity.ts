import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TimelineEntryKind, TimelineSubject } from './timeline-kinds.js';

/**
 * One step in the life of a case — a match request, a 揭榜 application or a challenge: a state
 * change, a message, a reminder, an escalation, a decision. Written in the same transaction as the
 * change it records, so a case's timeline is never behind the case. Holds no financial figures and
 * no personal data: amounts and texts stay on the case's own rows; `note` is the short reason or
 * summary a party wrote for this step.
 */
@Entity('timeline_entries')
@Index('ix_timeline_entries_subject', ['subjectType', 'subjectId', 'id'])
export class TimelineEntryEntity {
  /** Monotonic: the order of entries within a case (and the keyset cursor). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text', { name: 'subject_type' })
  subjectType: TimelineSubject;

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('text')
  kind: TimelineEntryKind;

  /** The case's status after this step (null when the step does not change it: a message, a reminder). */
  @Column('text', { nullable: true })
  status: string | null;

  /** The organization that acted (null for the platform's own steps: reminders, escalations). */
  @Column('uuid', { name: 'actor_organization_id', nullable: true })
  actorOrganizationId: string | null;

  /** The user who acted (null for the platform's own steps). */
  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  /** A coded reason (decline, rejection, closure) from the reason lists. */
  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode: string | null;

  /** Short free text for this step (at most {@link TIMELINE_NOTE_MAX_CHARS} characters). */
  @Column('text', { nullable: true })
  note: string | null;

  /** Structured details without figures or personal data (ids, deadlines, changed field names). */
  @Column('jsonb', { default: () => "'{}'" })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
