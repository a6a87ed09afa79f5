import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 操作审计: one row per mutation call by anyone, written after the call (success or refusal).
 * Append-only: a trigger refuses UPDATE and DELETE. Never holds arguments, so no passwords,
 * tokens or financial figures end up here.
 */
@Entity('audit_log')
@Index('ix_audit_log_at', ['at', 'id'])
@Index('ix_audit_log_org_at', ['organizationId', 'at'])
@Index('ix_audit_log_operation_at', ['operation', 'at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  @Column('text', { name: 'organization_kind', nullable: true })
  organizationKind: string | null;

  /** The mutation's field name, e.g. requestMatch. */
  @Column('text')
  operation: string;

  /** The row acted on: the `id` argument, `input.listingId` / `input.challengeId`, or the id the call returned. */
  @Column('text', { name: 'target_id', nullable: true })
  targetId: string | null;

  /** OK, or the error code the caller got (BAD_USER_INPUT, FORBIDDEN, …). */
  @Column('text')
  outcome: string;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;
}
