import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseSubject } from './case-subject.js';

/**
 * A file uploaded to a case's conversation. Uploaded first (`message_id` null), then sent with a
 * message in the message's transaction; an upload never sent is purged after a day together with
 * its stored bytes (ADR 0025). The bytes live in the FileStore under `storage_key`.
 */
@Entity('case_attachments')
@Index('ix_case_attachments_message', ['messageId'])
@Index('ix_case_attachments_unsent', ['createdAt'], { where: 'message_id IS NULL' })
export class CaseAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'subject_type' })
  subjectType: CaseSubject;

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('uuid', { name: 'uploader_organization_id' })
  uploaderOrganizationId: string;

  @Column('uuid', { name: 'uploader_user_id' })
  uploaderUserId: string;

  /** Null until sent with a message. */
  @Column('bigint', { name: 'message_id', nullable: true })
  messageId: string | null;

  /** The name as uploaded (path parts and control characters removed), at most 200 characters. */
  @Column('text')
  filename: string;

  /** From the content, never from the name or the client's header. */
  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('text', { name: 'storage_key' })
  storageKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
