import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { todayInShanghai } from '../../../platform/src/index.js';
import { hasEnterpriseProfileSql } from '../../../enterprises/src/index.js';
import { isPublishedListingSql } from '../../../listings/src/index.js';
import { SCORER_VERSION } from '../core/weights.js';
import { ListingPool, type ScoredPair } from '../core/match-engine.js';
import { MATCH_KINDS, loadEnterpriseSides, loadListingSides, type LoadedListing } from './match-side-loader.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MatchSetService } from './match-set.service.js';
import { PipelinedInserts, insertMatches } from './match-insert.js';
import { deletePairs } from './match.repository.js';
import type { MatchWorkerInit, MatchWorkerReply } from './match-worker.js';
import type { LoadedEnterprise } from './match-side-loader.js';

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
  constructor(private readonly sets: MatchSetService) {}

  private async allListings(m: EntityManager): Promise<LoadedListing[]> {
    const out: LoadedListing[] = [];
    for (const kind of MATCH_KINDS) out.push(...(await loadListingSides(m, kind)));
    return out;
  }

  private async *firmChunks(m: EntityManager, asOf: string) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const firms = await loadEnterpriseSides(m, { afterId: after, limit: FIRM_CHUNK }, asOf, true);
      if (firms.length === 0) return;
      after = firms[firms.length - 1]!.side.organizationId;
      yield firms;
    }
  }

  /**
   * Scoring threads for a rebuild: one per core (the database writes meanwhile), when the compiled
   * worker module exists (not under ts-jest, which runs the TypeScript sources in one thread).
   * MATCH_REBUILD_THREADS overrides; 1 scores in this thread.
   */
  private workerCount(): number {
    const file = fileURLToPath(new URL('./match-worker.js', import.meta.url));
    if (!existsSync(file)) return 1;
    return Number(process.env.MATCH_REBUILD_THREADS ?? availableParallelism());
  }

  private async scoreInWorkers(count: number, listings: LoadedListing[], asOf: string, m: EntityManager, writer: PipelinedInserts, report: RebuildReport): Promise<void> {
    const init: MatchWorkerInit = { listings, asOf, perKind: this.sets.bounds.perKind, kinds: MATCH_KINDS };
    const threads = Array.from({ length: count }, () => new Worker(new URL('./match-worker.js', import.meta.url), { workerData: init }));
    try {
      const ask = (w: Worker, firms: LoadedEnterprise[]): Promise<MatchWorkerReply> => {
        const reply = new Promise<MatchWorkerReply>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }).finally(() => w.removeAllListeners('error'));
        w.postMessage(firms);
        return reply;
      };
      const idle = [...threads];
      const running = new Set<Promise<void>>();
      for await (const firms of this.firmChunks(m, asOf)) {
        for (let i = 0; i < firms.length; i += 50) {
          while (idle.length === 0) await Promise.race(running);
          const w = idle.pop()!;
          const batch = firms.slice(i, i + 50);
          const reply = ask(w, batch);
          const job: Promise<void> = reply.then(async (r) => {
            report.scored += r.scored;
            report.eligible += r.eligible;
            report.stored += r.rows;
            report.enterprises += batch.length;
            idle.push(w);
            running.delete(job);
            await writer.addPayloads(r.payloads);
          });
          running.add(job);
        }
      }
      await Promise.all(running);
    } finally {
      await Promise.all(threads.map((t) => t.terminate()));
    }
  }

  /** Recomputes every enterprise's set from the database and replaces all rows. */
  rebuildAll(asOf = todayInShanghai()): Promise<RebuildReport> {
    return this.sets.locked(async (m) => {
      const t0 = performance.now();
      const listings = await this.allListings(m);
      const { count: removed } = await deleteAll(m);
      const report: RebuildReport = { enterprises: 0, listings: listings.length, scored: 0, eligible: 0, stored: 0, removed, ms: 0 };
      const writer = new PipelinedInserts(m);
      const workers = this.workerCount();
      if (workers > 1) {
        await this.scoreInWorkers(workers, listings, asOf, m, writer, report);
      } else {
        const pool = new ListingPool(listings);
        for await (const firms of this.firmChunks(m, asOf)) {
          for (let i = 0; i < firms.length; i += 25) {
            const rows: ScoredPair[] = [];
            for (const e of firms.slice(i, i + 25)) rows.push(...pool.topFor(e.side, e.version, asOf, MATCH_KINDS, this.sets.bounds.perKind, report));
            report.stored += rows.length;
            await writer.add(rows);
          }
          report.enterprises += firms.length;
        }
      }
      await writer.done();
      // Fresh statistics, so the planner keeps using the per-enterprise index after a bulk replace.
      await m.query('ANALYZE matches');
      report.ms = performance.now() - t0;
      return report;
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
    const pool = new ListingPool(listings);
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
    for await (const firms of this.firmChunks(m, asOf)) {
      report.enterprisesChecked += firms.length;
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
        const want = pool.topFor(f.side, f.version, asOf, MATCH_KINDS, this.sets.bounds.perKind);
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
    const [{ n: rowsAfter }] = await m.query('SELECT count(*)::int AS n FROM matches');
    report.rowsAfter = rowsAfter;
    report.ms = performance.now() - t0;
    return report;
  }
}

/** Rows a reconcile changes (0 when the stored sets equal what the engine computes). */
export function driftRows(r: MatchReconcileReport): number {
  return r.removedNoProfile + r.removedUnpublished + r.staleScorerVersion + r.staleListingVersion + r.staleProfileVersion + r.rescored + r.removedOutOfSet + r.added;
}

async function deleteAll(m: EntityManager): Promise<{ count: number }> {
  // DELETE, not TRUNCATE: readers keep seeing the old sets until the rebuild commits.
  return { count: affected(await m.query('DELETE FROM matches')) };
}

/** TypeORM's PostgreSQL driver returns [rows, affectedCount] for DELETE through `query`. */
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
