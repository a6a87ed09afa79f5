/**
 * The match sets' SQL over their own table (`matches`): the service keeps the bound's rules, this
 * module the statements. Reads of other contexts go through their read models, never from here.
 */
import type { EntityManager } from 'typeorm';
import type { MatchListingKind } from '../core/match-types.js';

type Queryable = Pick<EntityManager, 'query'>;

/** Every write to the match sets holds this lock, so concurrent jobs never interleave their read-decide-write. */
export const MATCH_SETS_LOCK = `SELECT pg_advisory_xact_lock(hashtext('srdi:match-sets'))`;

/**
 * A profile write that changes nothing the scorer reads (ADR 0044) moves the firm's rows computed
 * from the previous version to the new one, in the write's transaction. Without the match-sets lock
 * (a profile write must not wait for a rebuild): rows a locked job holds are skipped (SKIP LOCKED),
 * that job is rewriting them, and if it computed them from the older version the nightly reconcile
 * rewrites them as before.
 */
export async function advanceProfileVersion(m: Queryable, organizationId: string, fromVersion: number, toVersion: number): Promise<void> {
  await m.query(
    `UPDATE matches m SET profile_version = $3
       FROM (SELECT listing_id FROM matches WHERE enterprise_organization_id = $1 AND profile_version = $2 FOR UPDATE SKIP LOCKED) x
      WHERE m.enterprise_organization_id = $1 AND m.listing_id = x.listing_id`,
    [organizationId, fromVersion, toVersion],
  );
}

/** Drops the enterprise's whole set. */
export async function deleteSetOf(m: Queryable, organizationId: string): Promise<void> {
  await m.query('DELETE FROM matches WHERE enterprise_organization_id = $1', [organizationId]);
}

/** Drops the `kind` part of these enterprises' sets. */
export async function deleteKindOf(m: Queryable, organizationIds: readonly string[], kind: MatchListingKind): Promise<void> {
  await m.query('DELETE FROM matches WHERE enterprise_organization_id = ANY($1::uuid[]) AND kind = $2', [organizationIds, kind]);
}

/** Drops the listing from every set. */
export async function deleteListingMatches(m: Queryable, listingId: string): Promise<void> {
  await m.query('DELETE FROM matches WHERE listing_id = $1', [listingId]);
}

/** Drops these (enterprise, listing) pairs. */
export async function deletePairs(m: Queryable, pairs: ReadonlyArray<{ e: string; l: string }>) {
  return m.query('DELETE FROM matches m USING unnest($1::uuid[], $2::uuid[]) AS x(e, l) WHERE m.enterprise_organization_id = x.e AND m.listing_id = x.l', [
    pairs.map((x) => x.e),
    pairs.map((x) => x.l),
  ]);
}

/** The enterprises whose sets hold the listing, with the set's kind. */
export function holdersOf(m: Queryable, listingId: string): Promise<Array<{ id: string; kind: MatchListingKind }>> {
  return m.query('SELECT enterprise_organization_id AS id, kind FROM matches WHERE listing_id = $1', [listingId]);
}

/**
 * For each enterprise: how many other listings of `kind` its stored set holds (never more than the
 * bound) and the lowest score among them, in one aggregate over the per-enterprise index.
 */
export async function othersInSet(m: Queryable, ids: string[], kind: string, listingId: string, holders: ReadonlySet<string> = new Set(ids)) {
  const found = new Map<string, { n: number; ws: number }>();
  // Firms that do not hold the listing need no filter on it, so the per-enterprise index answers alone.
  const [withIt, without] = [ids.filter((id) => holders.has(id)), ids.filter((id) => !holders.has(id))];
  for (const [group, filter] of [
    [withIt, 'AND listing_id <> $3'],
    [without, 'AND $3::uuid IS NOT NULL'],
  ] as const) {
    for (let i = 0; i < group.length; i += 20_000) {
      const rows: Array<{ id: string; n: number; ws: number }> = await m.query(
        `SELECT enterprise_organization_id AS id, count(*)::int AS n, min(score) AS ws FROM matches
          WHERE enterprise_organization_id = ANY($1::uuid[]) AND kind = $2 ${filter} GROUP BY 1`,
        [group.slice(i, i + 20_000), kind, listingId],
      );
      for (const r of rows) found.set(r.id, r);
    }
  }
  return ids.map((id) => ({ id, n: found.get(id)?.n ?? 0, worstScore: found.get(id)?.ws ?? null }));
}

/**
 * The last member (lowest score, then highest listing id) of each enterprise's set of `kind`, other than `listingId`.
 * One index probe per firm (LIMIT 1 over the per-enterprise index, ties sorted among the lowest scores only), not a
 * sort of every member: 2–3× faster at 44k firms (ADR 0043, amendment).
 */
export async function lastListings(m: Queryable, ids: string[], kind: string, listingId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 20_000) {
    const rows: Array<{ id: string; wl: string }> = await m.query(
      `SELECT x.id, w.wl FROM unnest($1::uuid[]) AS x(id)
         CROSS JOIN LATERAL (SELECT listing_id::text AS wl FROM matches
                              WHERE enterprise_organization_id = x.id AND kind = $2 AND listing_id <> $3
                              ORDER BY score, listing_id DESC LIMIT 1) w`,
      [ids.slice(i, i + 20_000), kind, listingId],
    );
    for (const r of rows) out.set(r.id, r.wl);
  }
  return out;
}
