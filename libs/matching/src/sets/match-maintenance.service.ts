import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, todayInShanghai, type AppConfig } from '../../../platform/src/index.js';
import { hasEnterpriseProfileSql } from '../../../enterprises/src/index.js';
import { isPublishedListingSql } from '../../../listings/src/index.js';
import { SCORER_VERSION } from '../core/weights.js';
import type { ScoredPair } from '../core/match-engine.js';
import { MATCH_KINDS, loadEnterpriseSides, loadListingSides, type LoadedListing } from './match-side-loader.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { MatchSetService } from './match-set.service.js';
import { PipelinedInserts, insertMatches, insertPayloadInto } from './match-insert.js';
import { NEXT_MATCHES_TABLE, countMatches, createNextMatchesTable, swapInNextMatchesTable } from './match-table-swap.js';
import { deletePairs } from './match.repository.js';
import { ScoringThreads } from './match-threads.js';
import { MatchRebuildPartitions, type PartitionRange, type PartitionTotals } from './match-rebuild-partitions.js';

type Queryable = Pick<EntityManager, 'query'>;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** Enterprises scored per step of a rebuild or reconcile (bounds memory; one transaction overall). */
const FIRM_CHUNK = 2_000;

export interface RebuildReport {
  enterprises: number;
  listings: number;
  /** Pairs that went through the full scorer (after the cheap pre-checks). */
  scored: number;
  eligible: number;
  /** Rows stored (within the bound). */
  stored: number;
  removed: number;
  ms: number;
  /** A partitioned rebuild's ranges: which process took each and what it scored. */
  partitions?: PartitionTotals['partitions'];
}

export interface MatchReconcileReport {
  enterprisesChecked: number;
  listingsChecked: number;
  rowsBefore: number;
  rowsAfter: number;
  /** Rows of enterprises without a profile, removed. */
  removedNoProfile: number;
  /** Rows of listings that are no longer published (or gone), removed. */
  removedUnpublished: number;
  /** Rows recomputed because their scorer_version was not the current one. */
  staleScorerVersion: number;
  /** Rows recomputed because their listing_version / profile_version was no longer current. */
  staleListingVersion: number;
  staleProfileVersion: number;
  /** Current-version rows whose recomputed score differed (date-dependent factors, assessments). */
  rescored: number;
  /** Rows no longer eligible or no longer within the bound, removed. */
  removedOutOfSet: number;
  /** Missing rows added (e.g. an enterprise or listing that had none it should have). */
  added: number;
  ms: number;
}

export interface RebuildOptions {
  /** Id ranges of firms the rebuild is split into (1 = one process, today's rebuild). */
  partitions?: number;
  /** Queues one job per range, so other worker processes take them (the handler's; none = this process takes all). */
  announce?: (runId: string, ranges: readonly PartitionRange[]) => Promise<void>;
  /** How long the coordinator leaves free ranges to other processes before taking them itself (default 0: at once). */
  selfTakeAfterMs?: number;
}

interface StoredRow {
  listingId: string;
  score: number;
  scorerVersion: string;
  listingVersion: number;
  profileVersion: number;
}

/**
 * Full rebuild and nightly reconcile of the match sets. Both compute every set from the database
 * with the same engine and bound as the incremental jobs (all published listings in memory,
 * enterprises in chunks of 2,000). Rebuild replaces every row; reconcile first deletes orphans
 * (no profile, listing not published), then compares the computed sets with the stored rows and
 * writes only the differences, counting each kind of drift. Both hold the match-sets lock in one
 * transaction, so readers see the old sets until commit and incremental jobs wait.
 */
@Injectable()
export class MatchMaintenanceService {
  private readonly partitions = new MatchRebuildPartitions();
  /** Who takes partitions here (recorded on each range, so a run shows which processes shared it). */
  readonly takerName = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  /** Scoring threads per rebuild, range or reconcile (MATCH_REBUILD_THREADS; undefined: one per core). */
  private readonly threads: number | undefined;

  constructor(
    private readonly sets: MatchSetService,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.threads = config?.matching.rebuildThreads;
  }

  private dataSource() {
    return this.sets.dataSource;
  }

  private async allListings(m: EntityManager): Promise<LoadedListing[]> {
    const out: LoadedListing[] = [];
    for (const kind of MATCH_KINDS) out.push(...(await loadListingSides(m, kind)));
    return out;
  }

  /** Firms in id order, 2,000 at a time: those after `after` and, when `upTo` is given, up to it. */
  private async *firmChunks(m: Queryable, asOf: string, after = FIRST_ID, upTo?: string) {
    for (;;) {
      const loaded = await loadEnterpriseSides(m, { afterId: after, limit: FIRM_CHUNK }, asOf, true);
      const firms = upTo === undefined ? loaded : loaded.filter((f) => f.side.organizationId <= upTo);
      if (firms.length === 0) return;
      after = firms[firms.length - 1]!.side.organizationId;
      yield firms;
      if (firms.length < loaded.length) return;
    }
  }

  private threadsFor(listings: LoadedListing[], asOf: string): ScoringThreads {
    return ScoringThreads.start(listings, asOf, this.sets.bounds.perKind, MATCH_KINDS, this.threads);
  }

  /** Scores the firms of (after, upTo] on the threads and hands their insert payloads to `writer`. */
  private async scoreRange(m: Queryable, threads: ScoringThreads, asOf: string, writer: { addPayloads(p: readonly string[]): Promise<void> }, report: RebuildReport, after?: string, upTo?: string): Promise<void> {
    for await (const firms of this.firmChunks(m, asOf, after, upTo)) {
      await threads.each(firms, 'payloads', async (r, batch) => {
        report.scored += r.scored;
        report.eligible += r.eligible;
        report.stored += r.count;
        report.enterprises += batch.length;
        await writer.addPayloads(r.payloads);
      });
    }
  }

  /**
   * Recomputes every enterprise's set from the database and replaces all rows. With `partitions`
   * > 1 the firms are split into that many id ranges that any worker process may take through the
   * queue (see {@link MatchRebuildPartitions}); this job takes them too and swaps the result in.
   */
  rebuildAll(asOf = todayInShanghai(), options: RebuildOptions = {}): Promise<RebuildReport> {
    if ((options.partitions ?? 1) > 1) return this.rebuildPartitioned(asOf, options.partitions!, options);
    return this.sets.locked(async (m) => {
      const t0 = performance.now();
      const listings = await this.allListings(m);
      // The old rows stay where readers read them; the new ones go into a fresh table without
      // indexes, swapped in at the end (match-table-swap.ts). The old rows are counted while the
      // first firms are scored: queued on this connection like the inserts (not on another one: the
      // pool may be taken by jobs waiting for the lock this transaction holds).
      await createNextMatchesTable(m);
      const removed = countMatches(m);
      removed.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
      const report: RebuildReport = { enterprises: 0, listings: listings.length, scored: 0, eligible: 0, stored: 0, removed: 0, ms: 0 };
      const writer = new PipelinedInserts(m, insertPayloadInto(NEXT_MATCHES_TABLE));
      const threads = this.threadsFor(listings, asOf);
      try {
        await this.scoreRange(m, threads, asOf, writer, report);
      } finally {
        await threads.close();
      }
      await writer.done();
      report.removed = await removed;
      await swapInNextMatchesTable(m);
      report.ms = performance.now() - t0;
      return report;
    });
  }

  /**
   * The partitioned rebuild's coordinator: holds the match-sets lock for the whole run (incremental
   * jobs wait, as for a one-process rebuild), splits the firms into id ranges, queues one
   * `matching.rebuild-partition` job per range, takes ranges itself until none is left, waits for
   * the ranges other processes hold, then replaces every row with the staged ones in its
   * transaction (readers see the old sets until it commits).
   */
  private rebuildPartitioned(asOf: string, partitions: number, { announce, selfTakeAfterMs = 0 }: RebuildOptions): Promise<RebuildReport> {
    return this.sets.locked(async (m) => {
      const t0 = performance.now();
      const runId = randomUUID();
      const ranges = await this.partitions.plan(m, runId, asOf, this.sets.bounds.perKind, partitions, this.dataSource());
      await announce?.(runId, ranges);
      const report: RebuildReport = { enterprises: 0, listings: 0, scored: 0, eligible: 0, stored: 0, removed: 0, ms: 0 };
      try {
        // Take ranges until none is free, then wait for the others' (a range whose taker died is free again).
        const selfTakeFrom = performance.now() + selfTakeAfterMs;
        for (;;) {
          if (performance.now() >= selfTakeFrom && (await this.takePartition(runId))) continue;
          const state = await this.partitions.state(m, runId);
          if (state.done === state.total) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        Object.assign(report, await this.partitions.totals(m, runId));
        report.removed = await countMatches(m);
        await createNextMatchesTable(m);
        await this.partitions.moveInto(m, runId, NEXT_MATCHES_TABLE);
        await swapInNextMatchesTable(m);
      } finally {
        await this.partitions.forget(this.dataSource(), runId);
      }
      report.ms = performance.now() - t0;
      return report;
    });
  }

  /**
   * Takes one free range of a partitioned rebuild (the given one, or any), scores it and stages
   * its rows; false when none was free (all taken or done, or the run is over). The range stays
   * locked by this transaction until its rows are staged, so a taker that dies frees it.
   */
  takePartition(runId: string, partition?: number): Promise<boolean> {
    return this.dataSource().transaction(async (m) => {
      const range = await this.partitions.take(m, runId, partition);
      if (!range) return false;
      const listings = await this.allListings(m);
      const report: RebuildReport = { enterprises: 0, listings: listings.length, scored: 0, eligible: 0, stored: 0, removed: 0, ms: 0 };
      const writer = new PipelinedInserts(m, (q, payload) => this.partitions.stage(q, runId, payload));
      const threads = ScoringThreads.start(listings, range.asOf, range.perKind, MATCH_KINDS, this.threads);
      try {
        await this.scoreRange(m, threads, range.asOf, writer, report, range.after ?? undefined, range.upTo ?? undefined);
      } finally {
        await threads.close();
      }
      await writer.done();
      await this.partitions.finish(m, runId, range.partition, report, this.takerName);
      return true;
    });
  }

  /** Repairs drift between the stored sets and the database; reports what it changed. */
  reconcile(asOf = todayInShanghai()): Promise<MatchReconcileReport> {
    return this.sets.locked((m) => this.reconcileIn(m, asOf));
  }

  /**
   * The drift a reconcile would repair, without repairing it: the same comparison in a transaction
   * that is rolled back (for checks that must not change what they measure, e.g. the fault suite).
   */
  async drift(asOf = todayInShanghai()): Promise<MatchReconcileReport> {
    let report: MatchReconcileReport | undefined;
    const rollback = new Error('drift: roll back');
    try {
      await this.sets.locked(async (m) => {
        report = await this.reconcileIn(m, asOf);
        throw rollback;
      });
    } catch (err) {
      if (err !== rollback) throw err;
    }
    return report!;
  }

  private async reconcileIn(m: EntityManager, asOf: string): Promise<MatchReconcileReport> {
    const t0 = performance.now();
    const [{ n: rowsBefore }] = await m.query('SELECT count(*)::int AS n FROM matches');
    const noProfile = await m.query(
      `DELETE FROM matches m WHERE NOT ${hasEnterpriseProfileSql('m.enterprise_organization_id')}`,
    );
    const unpublished = await m.query(
      `DELETE FROM matches m WHERE NOT ${isPublishedListingSql('m.listing_id')}`,
    );
    const listings = await this.allListings(m);
    const threads = this.threadsFor(listings, asOf);
    const report: MatchReconcileReport = {
      enterprisesChecked: 0,
      listingsChecked: listings.length,
      rowsBefore,
      rowsAfter: 0,
      removedNoProfile: affected(noProfile),
      removedUnpublished: affected(unpublished),
      staleScorerVersion: 0,
      staleListingVersion: 0,
      staleProfileVersion: 0,
      rescored: 0,
      removedOutOfSet: 0,
      added: 0,
      ms: 0,
    };
    try {
      await this.reconcileChunks(m, threads, asOf, report);
    } finally {
      await threads.close();
    }
    const [{ n: rowsAfter }] = await m.query('SELECT count(*)::int AS n FROM matches');
    report.rowsAfter = rowsAfter;
    report.ms = performance.now() - t0;
    return report;
  }

  /** Compares each chunk's computed sets (scored on the threads) with its stored rows and writes the differences. */
  private async reconcileChunks(m: EntityManager, threads: ScoringThreads, asOf: string, report: MatchReconcileReport): Promise<void> {
    for await (const firms of this.firmChunks(m, asOf)) {
      report.enterprisesChecked += firms.length;
      const computed = new Map<string, ScoredPair[]>();
      for (const r of await threads.rows(firms)) {
        const list = computed.get(r.enterpriseOrganizationId);
        if (list) list.push(r);
        else computed.set(r.enterpriseOrganizationId, [r]);
      }
      const ids = firms.map((f) => f.side.organizationId);
      const stored = new Map<string, Map<string, StoredRow>>();
      const rows: Array<StoredRow & { e: string }> = await m.query(
        `SELECT enterprise_organization_id AS e, listing_id AS "listingId", score, scorer_version AS "scorerVersion",
                listing_version AS "listingVersion", profile_version AS "profileVersion"
           FROM matches WHERE enterprise_organization_id = ANY($1::uuid[])`,
        [ids],
      );
      for (const r of rows) {
        let byListing = stored.get(r.e);
        if (!byListing) stored.set(r.e, (byListing = new Map()));
        byListing.set(r.listingId, r);
      }
      const write: ScoredPair[] = [];
      const drop: Array<{ e: string; l: string }> = [];
      for (const f of firms) {
        const want = computed.get(f.side.organizationId) ?? [];
        const have = stored.get(f.side.organizationId) ?? new Map<string, StoredRow>();
        for (const w of want) {
          const h = have.get(w.listingId);
          have.delete(w.listingId);
          if (!h) {
            report.added++;
            write.push(w);
            continue;
          }
          const staleScorer = h.scorerVersion !== SCORER_VERSION;
          const staleListing = h.listingVersion !== w.listingVersion;
          const staleProfile = h.profileVersion !== w.profileVersion;
          if (staleScorer) report.staleScorerVersion++;
          else if (staleListing) report.staleListingVersion++;
          else if (staleProfile) report.staleProfileVersion++;
          else if (h.score !== w.score) report.rescored++;
          else continue;
          drop.push({ e: w.enterpriseOrganizationId, l: w.listingId });
          write.push(w);
        }
        for (const h of have.values()) {
          report.removedOutOfSet++;
          drop.push({ e: f.side.organizationId, l: h.listingId });
        }
      }
      if (drop.length) await deletePairs(m, drop);
      await insertMatches(m, write);
    }
  }
}

/** Rows a reconcile changes (0 when the stored sets equal what the engine computes). */
export function driftRows(r: MatchReconcileReport): number {
  return r.removedNoProfile + r.removedUnpublished + r.staleScorerVersion + r.staleListingVersion + r.staleProfileVersion + r.rescored + r.removedOutOfSet + r.added;
}

/** TypeORM's PostgreSQL driver returns [rows, affectedCount] for DELETE through `query`. */
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
