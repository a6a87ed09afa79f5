import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it describes. The relay enqueues
 * it after commit and stamps `publishedAt`; `id` orders events and makes job ids deterministic.
 */
@Entity('outbox_events')
@Index('ix_outbox_events_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('text')
  type: string;

  @Column('text', { name: 'aggregate_type' })
  aggregateType: string;

  @Column('text', { name: 'aggregate_id' })
  aggregateId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  /** The user who caused the event, when there was one. */
  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  /** 'bulk' for events of a bulk operation (an import): the relay routes them to the bulk lane (ADR 0017). */
  @Column('varchar', { length: 16, default: 'interactive' })
  lane: 'interactive' | 'bulk';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
