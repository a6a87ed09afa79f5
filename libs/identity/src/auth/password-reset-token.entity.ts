import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/** A password-reset link: single use, 30 minutes; only the SHA-256 of the mailed token is kept. */
@Entity('password_reset_tokens')
@Index('ix_password_reset_tokens_user_id', ['userId'])
export class PasswordResetTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Hex SHA-256 of the raw token (the raw token exists only in the mail). */
  @Index('ux_password_reset_tokens_token_hash', { unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  /** Set when the token was used, or superseded by a reset through another token. */
  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
