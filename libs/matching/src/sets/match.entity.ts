import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Reason } from '../core/match-types.js';

/** The current match of one enterprise and one published listing (only eligible pairs are kept). */
@Entity('matches')
@Index('ix_matches_enterprise_score', ['enterpriseOrganizationId', 'kind', 'score'])
@Index('ix_matches_listing_score', ['listingId', 'score'])
export class MatchEntity {
  @PrimaryColumn('uuid', { name: 'enterprise_organization_id' })
  enterpriseOrganizationId: string;

  @PrimaryColumn('uuid', { name: 'listing_id' })
  listingId: string;

  @Column('text')
  kind: string;

  @Column('double precision')
  score: number;

  /** json, not jsonb: stored as written (fewer bytes, cheaper bulk inserts); never queried inside in SQL. */
  @Column('json')
  reasons: Reason[];

  @Column('text', { name: 'scorer_version' })
  scorerVersion: string;

  @Column('int', { name: 'listing_version' })
  listingVersion: number;

  @Column('int', { name: 'profile_version' })
  profileVersion: number;

  @Column('timestamptz', { name: 'computed_at', default: () => 'now()' })
  computedAt: Date;
}
