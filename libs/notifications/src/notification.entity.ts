import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../identity/src/index.js';

/** What a notification is about; the GraphQL `target` union resolves it with the caller's read access. */
export const NOTIFICATION_TARGET_TYPES = ['LISTING', 'MATCH_REQUEST', 'CHALLENGE_APPLICATION', 'ORGANIZATION'] as const;
export type NotificationTargetType = (typeof NOTIFICATION_TARGET_TYPES)[number];

/**
 * An in-app message to an organization, created by the notify workers from outbox events. Every
 * user of the organization sees it; whether a user has read it is theirs (`notification_reads`).
 */
@Entity('notifications')
@Index('uq_notifications_event_recipient', ['sourceEventId', 'kind', 'organizationId'], { unique: true })
@Index('ix_notifications_organization_created', ['organizationId', 'createdAt'])
@Check('ck_notifications_target', `(target_type IS NULL) = (target_id IS NULL) AND (target_type IS NULL OR target_type IN ('LISTING', 'MATCH_REQUEST', 'CHALLENGE_APPLICATION', 'ORGANIZATION'))`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  kind: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  /** The outbox event that caused it; with kind and recipient it makes replays collapse. */
  @Column('bigint', { name: 'source_event_id' })
  sourceEventId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Null for notifications written before targets existed. */
  @Column('text', { name: 'target_type', nullable: true })
  targetType: NotificationTargetType | null;

  @Column('uuid', { name: 'target_id', nullable: true })
  targetId: string | null;
}

/**
 * One user has read one notification. Read state is per user, not per organization: a colleague
 * opening the inbox does not hide a notice from the others.
 */
@Entity('notification_reads')
@Index('ix_notification_reads_notification', ['notificationId'])
export class NotificationReadEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('uuid', { name: 'notification_id' })
  notificationId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;

  @Column('timestamptz', { name: 'read_at', default: () => 'now()' })
  readAt: Date;
}
