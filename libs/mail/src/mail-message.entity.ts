import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MAIL_STATUSES = ['QUEUED', 'SENT', 'KEPT', 'FAILED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One outgoing e-mail, written in the transaction of the change that causes it (an invitation, a
 * password reset) and delivered by the `mail.deliver` job. Without SMTP the row itself is the
 * mailbox (status KEPT); after an SMTP delivery the body's one-time links are redacted.
 */
@Entity('mail_messages')
@Index('ix_mail_messages_created', ['createdAt'])
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What the mail is for, e.g. `member.invited`, `password.reset`. */
  @Column('text')
  kind: string;

  /** Normalised recipient address. Personal data: never logged. */
  @Column('text', { name: 'to_address' })
  toAddress: string;

  @Column('text')
  subject: string;

  /** Plain-text body (UTF-8). */
  @Column('text')
  body: string;

  @Column({ type: 'enum', enum: MAIL_STATUSES, enumName: 'mail_status', default: 'QUEUED' })
  status: MailStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** The last delivery error, without addresses (e.g. `ECONNREFUSED`, `SMTP 550`). */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;
}
