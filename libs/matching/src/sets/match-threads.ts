/**
 * The scoring threads of a rebuild, a rebuild partition and a reconcile: one ListingPool per
 * thread (every published listing), firms sent in batches of 50 to whichever thread is idle.
 * One thread per core by default (the validated MATCH_REBUILD_THREADS, `config.matching.rebuildThreads`,
 * overrides; 1 scores in the calling thread, as under ts-jest, which has no compiled worker module).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MatchListingKind } from '../core/match-types.js';
import { ListingPool, type ScoredPair } from '../core/match-engine.js';
import { toInsertPayload } from './match-insert.js';
import type { LoadedEnterprise, LoadedListing } from './match-side-loader.js';

export interface ScoringThreadRequest {
  firms: LoadedEnterprise[];
  /** 'payloads': insert payloads (a rebuild writes them as they are); 'rows': the rows (a reconcile compares them). */
  as: 'payloads' | 'rows';
}

export interface ScoringThreadReply {
  payloads: string[];
  rows: ScoredPair[];
  count: number;
  scored: number;
  eligible: number;
}

/** What a thread (or the calling thread) does with one batch. */
export function scoreFirms(pool: ListingPool, init: { asOf: string; perKind: number; kinds: readonly MatchListingKind[] }, request: ScoringThreadRequest): ScoringThreadReply {
  const counted = { scored: 0, eligible: 0 };
  const rows: ScoredPair[] = [];
  for (const e of request.firms) for (const row of pool.topFor(e.side, e.version, init.asOf, init.kinds, init.perKind, counted)) rows.push(row);
  return request.as === 'payloads'
    ? { payloads: toInsertPayload(rows), rows: [], count: rows.length, ...counted }
    : { payloads: [], rows, count: rows.length, ...counted };
}

/** Firms per message to a thread. */
const BATCH = 50;

export class ScoringThreads {
  private readonly threads: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly local?: ListingPool;

  private constructor(
    private readonly init: { listings: LoadedListing[]; asOf: string; perKind: number; kinds: readonly MatchListingKind[] },
    count: number,
  ) {
    this.threads = count > 1 ? Array.from({ length: count }, () => new Worker(new URL('./match-worker.js', import.meta.url), { workerData: init })) : [];
    this.idle = [...this.threads];
    if (count <= 1) this.local = new ListingPool(init.listings);
  }

  /**
   * Threads for these listings: `threads` (the configured MATCH_REBUILD_THREADS), else one per core,
   * when the compiled worker module exists; else none (the calling thread scores).
   */
  static start(listings: LoadedListing[], asOf: string, perKind: number, kinds: readonly MatchListingKind[], threads?: number): ScoringThreads {
    return new ScoringThreads({ listings, asOf, perKind, kinds }, ScoringThreads.count(threads));
  }

  static count(threads?: number): number {
    const file = fileURLToPath(new URL('./match-worker.js', import.meta.url));
    if (!existsSync(file)) return 1;
    return threads ?? availableParallelism();
  }

  get size(): number {
    return Math.max(1, this.threads.length);
  }

  private async thread(): Promise<Worker> {
    return this.idle.pop() ?? new Promise<Worker>((resolve) => this.waiting.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private async ask(firms: LoadedEnterprise[], as: ScoringThreadRequest['as']): Promise<ScoringThreadReply> {
    if (this.local) {
      const reply = scoreFirms(this.local, this.init, { firms, as });
      // Let the socket drain between CPU-bound steps (the database writes meanwhile).
      await new Promise((r) => setImmediate(r));
      return reply;
    }
    const w = await this.thread();
    try {
      return await new Promise<ScoringThreadReply>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage({ firms, as } satisfies ScoringThreadRequest);
      });
    } finally {
      w.removeAllListeners('error');
      w.removeAllListeners('message');
      this.release(w);
    }
  }

  /**
   * Scores `firms` in batches across the threads; `each` receives every batch's reply as it comes
   * (in any order) and may wait (back-pressure: at most one batch per thread is in flight).
   */
  async each(firms: LoadedEnterprise[], as: ScoringThreadRequest['as'], each: (reply: ScoringThreadReply, batch: LoadedEnterprise[], start: number) => Promise<void> | void): Promise<void> {
    const running = new Set<Promise<void>>();
    for (let i = 0; i < firms.length; i += BATCH) {
      while (running.size >= this.size) await Promise.race(running);
      const batch = firms.slice(i, i + BATCH);
      const job: Promise<void> = this.ask(batch, as)
        .then((reply) => each(reply, batch, i))
        .finally(() => running.delete(job));
      running.add(job);
    }
    await Promise.all(running);
  }

  /** The rows of `firms`, in the firms' order. */
  async rows(firms: LoadedEnterprise[]): Promise<ScoredPair[]> {
    const parts: ScoredPair[][] = [];
    await this.each(firms, 'rows', (reply, _batch, start) => {
      parts[start / BATCH] = reply.rows;
    });
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
