import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/** Why a session ended before its expiry. */
export const SESSION_REVOKED_REASONS = ['LOGOUT', 'REVOKED_BY_USER', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'MEMBER_REMOVED'] as const;
export type SessionRevokedReason = (typeof SESSION_REVOKED_REASONS)[number];

/**
 * One sign-in (login, register): the access token carries its id (`sid`) and the session is read
 * with the actor on every request, so revoking it takes effect on the next request. No user agent
 * or address is kept (no personal data beyond the account).
 */
@Entity('user_sessions')
@Index('ix_user_sessions_user_id', ['userId'])
export class UserSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Equal to the access token's exp: the session cannot outlive its token (nor the reverse). */
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason: SessionRevokedReason | null;
}
