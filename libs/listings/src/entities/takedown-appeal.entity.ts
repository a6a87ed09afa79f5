import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ListingEntity } from './listing.entity.js';

export const TAKEDOWN_APPEAL_STATUSES = ['OPEN', 'REINSTATED', 'SUPERSEDED'] as const;
export type TakedownAppealStatus = (typeof TAKEDOWN_APPEAL_STATUSES)[number];

/**
 * An owner's appeal (申诉) against the AUTHORITY's takedown of its listing (ADR 0031). At most one
 * OPEN per listing; the AUTHORITY's reinstateListing ends it (REINSTATED). An appeal left open when
 * the owner's listing is taken down again is SUPERSEDED by the new takedown.
 */
@Entity('listing_takedown_appeals')
@Index('ux_listing_takedown_appeals_open', ['listingId'], { unique: true, where: `status = 'OPEN'` })
@Index('ix_listing_takedown_appeals_desk', ['status', 'createdAt', 'id'])
export class TakedownAppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'listing_id' })
  listingId: string;

  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: ListingEntity;

  @Column('uuid', { name: 'owner_organization_id' })
  ownerOrganizationId: string;

  /** The owner's message (at most 1000 characters). */
  @Column('text')
  message: string;

  /** The takedown reason the appeal answers (copied: a later takedown has its own). */
  @Column('text', { name: 'takedown_reason', nullable: true })
  takedownReason: string | null;

  @Column('text', { default: 'OPEN' })
  status: TakedownAppealStatus;

  @Column('uuid', { name: 'created_by_user_id' })
  createdByUserId: string;

  /** The AUTHORITY's note when it reinstated the listing. */
  @Column('text', { name: 'resolution_note', nullable: true })
  resolutionNote: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
