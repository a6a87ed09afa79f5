/**
 * The bookkeeping of a partitioned rebuild (ADR 0043): one row per id range of firms in
 * `match_rebuild_partitions` (taken with FOR UPDATE SKIP LOCKED, so a range is scored once and a
 * taker that dies frees it), the ranges' rows staged in `match_rebuild_rows` until the coordinator
 * moves them into `matches` in its own transaction. Plain SQL (worker processes share nothing else).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { SCORER_VERSION } from '../core/weights.js';

type Queryable = Pick<EntityManager, 'query'>;

export interface PartitionRange {
  partition: number;
  /** Firms with an id after this one (null = from the first). */
  after: string | null;
  /** … up to and including this one (null = to the last). */
  upTo: string | null;
  asOf: string;
  perKind: number;
}

export interface PartitionFigures {
  enterprises: number;
  listings: number;
  scored: number;
  eligible: number;
  stored: number;
}

export interface PartitionTotals extends PartitionFigures {
  /** Per range: which process took it and what it scored. */
  partitions: Array<{ partition: number; takenBy: string; enterprises: number; stored: number }>;
}

const STAGE_SQL = `INSERT INTO match_rebuild_rows (run_id, enterprise_organization_id, listing_id, kind, score, reasons, scorer_version, listing_version, profile_version)
  SELECT $3, e, l, k, s, r, $2, lv, pv FROM json_to_recordset($1::json) AS x(e uuid, l uuid, k text, s float8, r json, lv int, pv int)`;

export class MatchRebuildPartitions {
  /**
   * Splits the firms (every enterprise profile, by id) into `count` ranges of about equal size and
   * records them, committed at once on its own connection so other processes see them.
   */
  async plan(db: Queryable, runId: string, asOf: string, perKind: number, count: number, commit: DataSource): Promise<PartitionRange[]> {
    const ids: string[] = (await db.query('SELECT organization_id::text AS id FROM enterprise_profiles ORDER BY organization_id')).map((r: { id: string }) => r.id);
    const n = Math.max(1, Math.min(count, ids.length));
    const ranges: PartitionRange[] = [];
    let after: string | null = null;
    for (let p = 0; p < n; p++) {
      const upTo: string | null = p === n - 1 ? null : ids[Math.ceil(((p + 1) * ids.length) / n) - 1]!;
      ranges.push({ partition: p, after, upTo, asOf, perKind });
      after = upTo;
    }
    await commit.query(
      `INSERT INTO match_rebuild_partitions (run_id, partition, after_id, up_to_id, as_of, per_kind)
       SELECT $1, p, a, u, $5::date, $6 FROM unnest($2::int[], $3::uuid[], $4::uuid[]) AS x(p, a, u)`,
      [runId, ranges.map((r) => r.partition), ranges.map((r) => r.after), ranges.map((r) => r.upTo), asOf, perKind],
    );
    return ranges;
  }

  /** Locks one range of the run not yet done and not held by another taker (`partition` when given); null when none. */
  async take(m: Queryable, runId: string, partition?: number): Promise<PartitionRange | null> {
    const rows: Array<{ partition: number; after: string | null; upTo: string | null; asOf: string; perKind: number }> = await m.query(
      `SELECT partition, after_id::text AS after, up_to_id::text AS "upTo", as_of::text AS "asOf", per_kind AS "perKind"
         FROM match_rebuild_partitions
        WHERE run_id = $1 AND done_at IS NULL AND ($2::int IS NULL OR partition = $2)
        ORDER BY partition LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [runId, partition ?? null],
    );
    return rows[0] ?? null;
  }

  stage(m: Queryable, runId: string, payload: string): Promise<void> {
    return m.query(STAGE_SQL, [payload, SCORER_VERSION, runId]).then(() => undefined);
  }

  async finish(m: Queryable, runId: string, partition: number, figures: PartitionFigures, takenBy: string): Promise<void> {
    await m.query(
      `UPDATE match_rebuild_partitions SET done_at = now(), taken_by = $3, enterprises = $4, listings = $5, scored = $6, eligible = $7, stored = $8
        WHERE run_id = $1 AND partition = $2`,
      [runId, partition, takenBy, figures.enterprises, figures.listings, figures.scored, figures.eligible, figures.stored],
    );
  }

  async state(m: Queryable, runId: string): Promise<{ total: number; done: number }> {
    const [row] = await m.query(`SELECT count(*)::int AS total, count(done_at)::int AS done FROM match_rebuild_partitions WHERE run_id = $1`, [runId]);
    return row;
  }

  async totals(m: Queryable, runId: string): Promise<PartitionTotals> {
    const rows: Array<{ partition: number; takenBy: string; enterprises: number; listings: number; scored: string; eligible: string; stored: number }> = await m.query(
      `SELECT partition, taken_by AS "takenBy", enterprises, listings, scored, eligible, stored FROM match_rebuild_partitions WHERE run_id = $1 ORDER BY partition`,
      [runId],
    );
    return {
      enterprises: rows.reduce((s, r) => s + r.enterprises, 0),
      listings: Math.max(0, ...rows.map((r) => r.listings)),
      scored: rows.reduce((s, r) => s + Number(r.scored), 0),
      eligible: rows.reduce((s, r) => s + Number(r.eligible), 0),
      stored: rows.reduce((s, r) => s + r.stored, 0),
      partitions: rows.map((r) => ({ partition: r.partition, takenBy: r.takenBy, enterprises: r.enterprises, stored: r.stored })),
    };
  }

  /** The run's staged rows into `table` (the coordinator's transaction: the fresh table it swaps in for matches). */
  async moveInto(m: Queryable, runId: string, table: string): Promise<void> {
    await m.query(
      `INSERT INTO ${table} (enterprise_organization_id, listing_id, kind, score, reasons, scorer_version, listing_version, profile_version)
       SELECT enterprise_organization_id, listing_id, kind, score, reasons, scorer_version, listing_version, profile_version FROM match_rebuild_rows WHERE run_id = $1`,
      [runId],
    );
  }

  /** Drops the run's staging (its own connection, so it happens even when the coordinator rolls back). */
  async forget(db: DataSource, runId: string): Promise<void> {
    await db.query('DELETE FROM match_rebuild_rows WHERE run_id = $1', [runId]);
    await db.query('DELETE FROM match_rebuild_partitions WHERE run_id = $1', [runId]);
  }
}
