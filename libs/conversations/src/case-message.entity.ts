import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseSubject } from './case-subject.js';

/**
 * One message of the conversation on a case (a match request or a 揭榜 application) between its two
 * sides. Append-only: a message is never edited or deleted by the parties.
 */
@Entity('case_messages')
@Index('ix_case_messages_subject', ['subjectType', 'subjectId', 'id'])
export class CaseMessageEntity {
  /** Monotonic: the order of messages in a thread (and the keyset cursor). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text', { name: 'subject_type' })
  subjectType: CaseSubject;

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('uuid', { name: 'sender_organization_id' })
  senderOrganizationId: string;

  @Column('uuid', { name: 'sender_user_id' })
  senderUserId: string;

  /** The other side, fixed at sending (the recipient of the notice). */
  @Column('uuid', { name: 'recipient_organization_id' })
  recipientOrganizationId: string;

  /** At most {@link CASE_MESSAGE_MAX_CHARS} characters; may be empty when attachments carry the message. */
  @Column('text')
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
