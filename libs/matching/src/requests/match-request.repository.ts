/**
 * Reads of match_requests for the match sets (the service-provider rating is a scoring factor).
 * The match sets reach the requests' table only through here.
 */
import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** Average rating of each provider's completed, rated requests; providers never rated are absent. */
export async function providerRatings(q: Queryable, ownerOrganizationIds: readonly string[]): Promise<Map<string, number>> {
  if (ownerOrganizationIds.length === 0) return new Map();
  const rows: Array<{ id: string; rating: number | string }> = await q.query(
    `SELECT owner_organization_id AS id, avg(rating)::float8 AS rating FROM match_requests
      WHERE owner_organization_id = ANY($1::uuid[]) AND rating IS NOT NULL GROUP BY 1`,
    [[...new Set(ownerOrganizationIds)]],
  );
  return new Map(rows.map((r) => [r.id, Number(r.rating)]));
}

/** Whether the request carries a rating. */
export async function requestIsRated(q: Queryable, requestId: string): Promise<boolean> {
  const rows: unknown[] = await q.query('SELECT 1 FROM match_requests WHERE id = $1 AND rating IS NOT NULL', [requestId]);
  return rows.length > 0;
}
