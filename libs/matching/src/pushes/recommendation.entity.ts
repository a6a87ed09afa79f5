import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../../identity/src/index.js';

/**
 * A listing entered a firm's maintained match set (the funnel's "matched" step), recorded once per
 * (firm, listing) by the worker that maintains the sets, with the push decision taken there: pushed
 * (`pushed_at`, `push_day`, `push_batch`) or why not (`skip_reason`). A replayed job finds the row
 * and decides nothing again.
 */
@Entity('recommendation_entries')
@Index('ix_recommendation_entries_listing', ['listingId'])
@Index('ix_recommendation_entries_entered', ['enteredAt'])
@Index('ix_recommendation_entries_push_day', ['enterpriseOrganizationId', 'pushDay'], { where: 'push_day IS NOT NULL' })
@Index('ix_recommendation_entries_batch', ['pushBatch'], { where: 'push_batch IS NOT NULL' })
@Check('ck_recommendation_entries_push', `(pushed_at IS NULL) = (push_day IS NULL) AND (pushed_at IS NULL) = (push_batch IS NULL) AND (pushed_at IS NULL) <> (skip_reason IS NULL)`)
export class RecommendationEntryEntity {
  @PrimaryColumn('uuid', { name: 'enterprise_organization_id' })
  enterpriseOrganizationId: string;

  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @Column('text')
  kind: string;

  /** The listing's owner (the institution of the funnel). */
  @Column('uuid', { name: 'owner_organization_id' })
  ownerOrganizationId: string;

  /** The match score when it entered, 0–100. */
  @Column('double precision')
  score: number;

  @Column('timestamptz', { name: 'entered_at', default: () => 'now()' })
  enteredAt: Date;

  @Column('timestamptz', { name: 'pushed_at', nullable: true })
  pushedAt: Date | null;

  /** Beijing date of the push: the daily cap counts these. */
  @Column('date', { name: 'push_day', nullable: true })
  pushDay: string | null;

  /** The pushes decided in one job share a batch; the notify and publish jobs read the batch. */
  @Column('uuid', { name: 'push_batch', nullable: true })
  pushBatch: string | null;

  /** BELOW_THRESHOLD, DAILY_CAP, ALREADY_REQUESTED. */
  @Column('text', { name: 'skip_reason', nullable: true })
  skipReason: string | null;
}

/** A firm opened a listing it was recommended (the funnel's "viewed" step): the first time only. */
@Entity('recommendation_views')
@Index('ix_recommendation_views_listing', ['listingId'])
export class RecommendationViewEntity {
  @PrimaryColumn('uuid', { name: 'enterprise_organization_id' })
  enterpriseOrganizationId: string;

  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @Column('timestamptz', { name: 'first_seen_at', default: () => 'now()' })
  firstSeenAt: Date;
}

/** One member's push preferences (no row: the defaults). */
@Entity('recommendation_preferences')
@Check('ck_recommendation_preferences_quiet', `(quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL OR (quiet_from BETWEEN 0 AND 1439 AND quiet_to BETWEEN 0 AND 1439 AND quiet_from <> quiet_to))`)
@Check('ck_recommendation_preferences_score', 'min_score BETWEEN 0 AND 100')
export class RecommendationPreferenceEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** Listing kinds pushed to this member; null: every kind. */
  @Column('text', { array: true, nullable: true })
  kinds: string[] | null;

  @Column('double precision', { name: 'min_score', default: 0 })
  minScore: number;

  /** The daily digest by mail. */
  @Column('boolean', { name: 'digest_by_mail', default: false })
  digestByMail: boolean;

  /** Quiet hours, minutes after Beijing midnight; from > to wraps midnight. */
  @Column('smallint', { name: 'quiet_from', nullable: true })
  quietFrom: number | null;

  @Column('smallint', { name: 'quiet_to', nullable: true })
  quietTo: number | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** The daily digest of one firm was sent (in-app, and mails to members who opted in): once per day. */
@Entity('recommendation_digests')
export class RecommendationDigestEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @PrimaryColumn('date')
  day: string;

  @Column('int')
  entries: number;

  @Column('int', { default: 0 })
  mails: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
