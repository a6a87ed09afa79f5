import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app message to an organization, created by the notify workers from outbox events. */
@Entity('notifications')
@Index('uq_notifications_event_recipient', ['sourceEventId', 'kind', 'organizationId'], { unique: true })
@Index('ix_notifications_organization_created', ['organizationId', 'createdAt'])
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

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
