import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { MEMBER_ROLES, type MemberRole } from './member-role.js';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalised (trimmed, lower-case) so uniqueness ignores case. */
  @Column('text', { unique: true })
  email: string;

  /** argon2id encoded hash; never leaves the service. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /**
   * NULL once the user was removed from its organization: the account stays (it is named in
   * history rows) but can no longer sign in or act until an invitation attaches it again.
   */
  @Index('ix_users_organization_id')
  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  /** The user's role in its organization; users that existed before roles became OWNER. */
  @Column({ type: 'enum', enum: MEMBER_ROLES, enumName: 'member_role', default: 'MEMBER' })
  role: MemberRole;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
