import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { MEMBER_ROLES, type MemberRole } from '../users/member-role.js';

export const INVITATION_KINDS = ['MEMBER', 'OWNER_ACTIVATION'] as const;
/** MEMBER: an organization invites a colleague; OWNER_ACTIVATION: the AUTHORITY invites an imported firm's first OWNER. */
export type InvitationKind = (typeof INVITATION_KINDS)[number];

/**
 * An invitation to join an organization. Only the SHA-256 of the token is stored; the raw token
 * exists in the mail alone. Single use: accepting sets accepted_at; revoking sets revoked_at.
 */
@Entity('invitations')
// At most one pending (neither accepted nor revoked) invitation per organization and address.
@Index('ux_invitations_pending', ['organizationId', 'email'], { unique: true, where: 'accepted_at IS NULL AND revoked_at IS NULL' })
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** Normalised like users.email. */
  @Column('text')
  email: string;

  @Column({ type: 'enum', enum: MEMBER_ROLES, enumName: 'member_role' })
  role: MemberRole;

  @Column({ type: 'enum', enum: INVITATION_KINDS, enumName: 'invitation_kind', default: 'MEMBER' })
  kind: InvitationKind;

  /** hex SHA-256 of the raw token. */
  @Index('ux_invitations_token_hash', { unique: true })
  @Column('char', { name: 'token_hash', length: 64, select: false })
  tokenHash: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('uuid', { name: 'invited_by' })
  invitedBy: string;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column('uuid', { name: 'accepted_by', nullable: true })
  acceptedBy: string | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
