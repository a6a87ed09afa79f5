import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, badInput, parseId, recordEvent } from '../../../platform/src/index.js';
import type { MatchListingKind } from '../core/match-types.js';
import type { ScoredPair } from '../core/match-engine.js';
import {
  DEFAULT_PUSH_PREFERENCES,
  DEFAULT_PUSH_RULES,
  applyPreferences,
  decidePushes,
  pushRulesFrom,
  type PreferencesInput,
  type PushPreferences,
  type PushRules,
} from './push-rules.js';
import { RecommendationPreferenceEntity } from './recommendation.entity.js';


export interface EnteringListing {
  listingId: string;
  kind: MatchListingKind;
  ownerOrganizationId: string;
}

export interface PushOutcome {
  entered: number;
  pushed: number;
  batch: string | null;
}

/** How far a listing reached (issue 18 item 6): counts of firms, never who. */
export interface ListingReach {
  listingId: string;
  recommendedTo: number;
  pushedTo: number;
  viewedBy: number;
  requestedBy: number;
}

/** One pushed recommendation as a subscriber or digest reads it. */
export interface PushedRecommendation {
  organizationId: string;
  listingId: string;
  kind: MatchListingKind;
  score: number;
  pushedAt: Date;
}

/**
 * Pushed recommendations: the entries of the match sets and the push decisions taken on them (in
 * the matching worker's transaction), the members' preferences, the "seen" records, and a
 * listing's reach. The notices, live events and digests are written from the `recommendation.pushed`
 * event by libs/notifications.
 */
@Injectable()
export class RecommendationPushService {
  /**
   * The configured rules (PUSH_THRESHOLDS, PUSH_DAILY_CAP; checked here, at start); the defaults when
   * the service is built by hand. Tests lower the cap or the thresholds (as MatchSetService.bounds).
   */
  readonly rules: PushRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.rules = config ? pushRulesFrom(config.pushes) : { thresholds: { ...DEFAULT_PUSH_RULES.thresholds }, dailyCap: DEFAULT_PUSH_RULES.dailyCap };
  }

  /**
   * Records the listing's new entries in firms' sets and decides their pushes, inside the match-set
   * transaction of the worker (`m`). Firms that already have an entry for the listing (a replay, a
   * listing that left a set and came back) are not entered nor pushed again. Writes one
   * `recommendation.pushed` event for the batch when anything was pushed.
   */
  async recordEntries(m: EntityManager, listing: EnteringListing, entrants: readonly ScoredPair[], day: string): Promise<PushOutcome> {
    if (entrants.length === 0) return { entered: 0, pushed: 0, batch: null };
    // One statement reads what the decision needs for every entrant: whether it already has an entry
    // for the listing (then it is neither entered nor pushed again), its pushes that day (the cap) and
    // whether it already requested the listing (揭榜: applied).
    const facts: Array<{ e: string; had: boolean; today: number; requested: boolean }> = await m.query(
      `SELECT x.e,
              EXISTS (SELECT 1 FROM recommendation_entries r WHERE r.enterprise_organization_id = x.e AND r.listing_id = $2) AS had,
              (SELECT count(*) FROM recommendation_entries r WHERE r.enterprise_organization_id = x.e AND r.push_day = $3::date)::int AS today,
              CASE WHEN $4 THEN EXISTS (SELECT 1 FROM challenge_applications a WHERE a.challenge_id = $2 AND a.applicant_organization_id = x.e)
                   ELSE EXISTS (SELECT 1 FROM match_requests q WHERE q.listing_id = $2 AND q.enterprise_organization_id = x.e) END AS requested
         FROM unnest($1::uuid[]) AS x(e)`,
      [entrants.map((e) => e.enterpriseOrganizationId), listing.listingId, day, listing.kind === 'CHALLENGE'],
    );
    const byId = new Map(facts.map((f) => [f.e, f]));
    const candidates = entrants.filter((e) => byId.get(e.enterpriseOrganizationId)?.had === false).map((e) => ({ organizationId: e.enterpriseOrganizationId, score: e.score }));
    if (candidates.length === 0) return { entered: 0, pushed: 0, batch: null };
    const today = new Map(candidates.map((c) => [c.organizationId, byId.get(c.organizationId)!.today]));
    const requested = new Set(candidates.filter((c) => byId.get(c.organizationId)!.requested).map((c) => c.organizationId));
    const decisions = decidePushes(listing.kind, candidates, today, requested, this.rules);
    const batch = decisions.some((d) => d.pushed) ? randomUUID() : null;
    const scores = new Map(candidates.map((c) => [c.organizationId, c.score]));
    const rows: Array<{ e: string }> = await m.query(
      `INSERT INTO recommendation_entries (enterprise_organization_id, listing_id, kind, owner_organization_id, score, pushed_at, push_day, push_batch, skip_reason)
       SELECT x.e, $2, $3, $4, x.s, CASE WHEN x.p THEN now() END, CASE WHEN x.p THEN $5::date END, CASE WHEN x.p THEN $6::uuid END, x.r
         FROM jsonb_to_recordset($1::jsonb) AS x(e uuid, s float8, p boolean, r text)
       ON CONFLICT DO NOTHING RETURNING enterprise_organization_id AS e, pushed_at IS NOT NULL AS pushed`,
      [
        JSON.stringify(decisions.map((d) => ({ e: d.organizationId, s: scores.get(d.organizationId), p: d.pushed, r: d.skip ?? null }))),
        listing.listingId,
        listing.kind,
        listing.ownerOrganizationId,
        day,
        batch,
      ],
    );
    const pushed = (rows as Array<{ e: string; pushed: boolean }>).filter((r) => r.pushed).length;
    if (pushed > 0 && batch) {
      await recordEvent(m, {
        type: 'recommendation.pushed',
        aggregateType: 'listing',
        aggregateId: listing.listingId,
        data: { listingId: listing.listingId, kind: listing.kind, ownerOrganizationId: listing.ownerOrganizationId, batch, firms: pushed },
      });
    }
    return { entered: rows.length, pushed, batch };
  }

  /** The pushes of one batch (the notify and publish jobs read them), with the firm's current score. */
  async batch(batch: string): Promise<PushedRecommendation[]> {
    const rows: Array<{ e: string; l: string; k: MatchListingKind; s: number; at: Date }> = await this.dataSource.query(
      `SELECT enterprise_organization_id AS e, listing_id AS l, kind AS k, score AS s, pushed_at AS at
         FROM recommendation_entries WHERE push_batch = $1 ORDER BY enterprise_organization_id`,
      [batch],
    );
    return rows.map((r) => ({ organizationId: r.e, listingId: r.l, kind: r.k, score: r.s, pushedAt: r.at }));
  }

  /** One firm's push of one listing, if it was pushed. */
  async pushOf(organizationId: string, listingId: string): Promise<PushedRecommendation | null> {
    const [r]: Array<{ k: MatchListingKind; s: number; at: Date }> = await this.dataSource.query(
      `SELECT kind AS k, score AS s, pushed_at AS at FROM recommendation_entries
        WHERE enterprise_organization_id = $1 AND listing_id = $2 AND pushed_at IS NOT NULL`,
      [organizationId, listingId],
    );
    return r ? { organizationId, listingId, kind: r.k, score: r.s, pushedAt: r.at } : null;
  }

  /** Firms pushed something on `day` (Beijing date) and their pushes, for the daily digest. */
  async pushedOnDay(day: string): Promise<Map<string, PushedRecommendation[]>> {
    const rows: Array<{ e: string; l: string; k: MatchListingKind; s: number; at: Date }> = await this.dataSource.query(
      `SELECT enterprise_organization_id AS e, listing_id AS l, kind AS k, score AS s, pushed_at AS at
         FROM recommendation_entries WHERE push_day = $1::date ORDER BY enterprise_organization_id, score DESC, listing_id`,
      [day],
    );
    const out = new Map<string, PushedRecommendation[]>();
    for (const r of rows) {
      const list = out.get(r.e) ?? [];
      list.push({ organizationId: r.e, listingId: r.l, kind: r.k, score: r.s, pushedAt: r.at });
      out.set(r.e, list);
    }
    return out;
  }

  /** The member's preferences (the defaults when none were saved). */
  async preferencesOf(userId: string): Promise<PushPreferences> {
    const row = await this.dataSource.getRepository(RecommendationPreferenceEntity).findOneBy({ userId });
    return row ? toPreferences(row) : { ...DEFAULT_PUSH_PREFERENCES };
  }

  /** Preferences of many members (defaults for those without a row). */
  async preferencesOfMany(userIds: readonly string[]): Promise<Map<string, PushPreferences>> {
    const rows = userIds.length ? await this.dataSource.getRepository(RecommendationPreferenceEntity).createQueryBuilder('p').where('p.userId IN (:...ids)', { ids: userIds }).getMany() : [];
    const found = new Map(rows.map((r) => [r.userId, toPreferences(r)]));
    return new Map(userIds.map((id) => [id, found.get(id) ?? { ...DEFAULT_PUSH_PREFERENCES }]));
  }

  /** Validates and saves the member's preferences; absent fields keep their value. */
  async updatePreferences(m: EntityManager, userId: string, input: PreferencesInput): Promise<PushPreferences> {
    const row = await m.getRepository(RecommendationPreferenceEntity).findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
    const next = applyPreferences(row ? toPreferences(row) : { ...DEFAULT_PUSH_PREFERENCES }, input ?? {});
    if ('field' in next) throw badInput(next.message, next.field);
    await m.query(
      `INSERT INTO recommendation_preferences (user_id, kinds, min_score, digest_by_mail, quiet_from, quiet_to, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (user_id) DO UPDATE SET kinds = $2, min_score = $3, digest_by_mail = $4, quiet_from = $5, quiet_to = $6, updated_at = now()`,
      [userId, next.kinds, next.minScore, next.digestByMail, next.quietFrom, next.quietTo],
    );
    return next;
  }

  /** Records that the firm opened the listing (first time only); returns when it first did. Idempotent. */
  async markSeen(m: EntityManager, organizationId: string, listingId: string): Promise<Date> {
    await m.query(
      `INSERT INTO recommendation_views (enterprise_organization_id, listing_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [organizationId, parseId(listingId, 'listingId')],
    );
    const [row] = await m.query('SELECT first_seen_at AS at FROM recommendation_views WHERE enterprise_organization_id = $1 AND listing_id = $2', [organizationId, listingId]);
    return row.at as Date;
  }

  /**
   * Reach of listings, counts only: firms it entered the set of (or whose set holds it now), was
   * pushed to, was opened by (after it was recommended to them), and that requested it (or applied).
   */
  async reachOf(listingIds: readonly string[]): Promise<Map<string, ListingReach>> {
    const rows: Array<{ l: string; rec: number; pushed: number; viewed: number; requested: number }> = listingIds.length
      ? await this.dataSource.query(
          `WITH ids AS (SELECT unnest($1::uuid[]) AS l),
                rec AS (SELECT listing_id AS l, enterprise_organization_id AS e FROM recommendation_entries WHERE listing_id = ANY($1::uuid[])
                        UNION SELECT listing_id, enterprise_organization_id FROM matches WHERE listing_id = ANY($1::uuid[]))
           SELECT ids.l,
                  (SELECT count(*) FROM rec WHERE rec.l = ids.l)::int AS rec,
                  (SELECT count(*) FROM recommendation_entries r WHERE r.listing_id = ids.l AND r.pushed_at IS NOT NULL)::int AS pushed,
                  (SELECT count(*) FROM recommendation_views v JOIN rec ON rec.l = v.listing_id AND rec.e = v.enterprise_organization_id WHERE v.listing_id = ids.l)::int AS viewed,
                  (SELECT count(DISTINCT x.e) FROM (
                      SELECT enterprise_organization_id AS e FROM match_requests WHERE listing_id = ids.l
                      UNION SELECT applicant_organization_id FROM challenge_applications WHERE challenge_id = ids.l) x
                    JOIN rec ON rec.l = ids.l AND rec.e = x.e)::int AS requested
             FROM ids`,
          [listingIds],
        )
      : [];
    return new Map(rows.map((r) => [r.l, { listingId: r.l, recommendedTo: r.rec, pushedTo: r.pushed, viewedBy: r.viewed, requestedBy: r.requested }]));
  }
}

function toPreferences(r: RecommendationPreferenceEntity): PushPreferences {
  return { kinds: (r.kinds as MatchListingKind[] | null) ?? null, minScore: r.minScore, digestByMail: r.digestByMail, quietFrom: r.quietFrom, quietTo: r.quietTo };
}
