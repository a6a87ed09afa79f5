import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../../../identity/src/index.js';
import { LISTING_KINDS, LISTING_STATUSES, type ListingKind, type ListingStatus } from '../listing-enums.js';

/** What every listing kind shares; kind-specific fields live in one detail table per kind. */
@Entity('listings')
@Index('ix_listings_browse', ['createdAt', 'id'])
@Index('ix_listings_owner', ['ownerOrganizationId', 'createdAt'])
export class ListingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: LISTING_KINDS, enumName: 'listing_kind' })
  kind: ListingKind;

  @Column('uuid', { name: 'owner_organization_id' })
  ownerOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organization_id' })
  owner?: OrganizationEntity;

  @Column({ type: 'enum', enum: LISTING_STATUSES, enumName: 'listing_status', default: 'DRAFT' })
  status: ListingStatus;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text', { name: 'region_codes', array: true, default: () => "'{}'" })
  regionCodes: string[];

  @Column('text', { name: 'industry_codes', array: true, default: () => "'{}'" })
  industryCodes: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  /** Incremented on every change; events carry it so consumers can drop stale ones. */
  @Column('int', { default: 1 })
  version: number;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** Why it was closed: the AUTHORITY's 下架 reason (required), or the owner's own (optional). */
  @Column('text', { name: 'closed_reason', nullable: true })
  closedReason: string | null;

  /**
   * Who closed it decides who reopens it (ADR 0031): true while the AUTHORITY's takedown (下架)
   * stands — only its reinstateListing lifts it; false when the owner closed it (it may re-publish).
   */
  @Column('boolean', { name: 'closed_by_authority', default: false })
  closedByAuthority: boolean;

  @Column('uuid', { name: 'closed_by_user_id', nullable: true })
  closedByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
