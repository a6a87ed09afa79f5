import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SEARCH_INDEX, type SearchIndex } from './search-index.port.js';
import { loadListingStates, publishedDocuments } from './listing-documents.js';
import type { SearchReplica } from './search-replica.js';

export interface ReconcileReport {
  checked: number;
  added: number;
  updated: number;
  removed: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Keeps the search index in step with the database. Sync requests are buffered for a few
 * milliseconds and de-duplicated; a flush reads the listings' *current* state, so an old event
 * can never write an old version (and adapters also refuse lower versions). Flushes run one at
 * a time, in order.
 */
@Injectable()
export class SearchSyncService {
  private readonly pending = new Set<string>();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Buffer window; long enough to merge a burst, short against the 1 s publish-to-searchable target. */
  static readonly WINDOW_MS = 20;
  static readonly MAX_BATCH = 500;
  /** The embedded engine's replica, once built (processes that serve queries); absent with Meilisearch. */
  replica: SearchReplica | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
  ) {}

  /** Resolves once the listings' current state is in the index (rejects if that flush failed). */
  sync(listingIds: string[]): Promise<void> {
    for (const id of listingIds) this.pending.add(id);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.pending.size >= SearchSyncService.MAX_BATCH) this.flushSoon(0);
    else this.flushSoon(SearchSyncService.WINDOW_MS);
    return done;
  }

  private flushSoon(delay: number) {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const ids = [...this.pending];
      const waiters = this.waiters;
      this.pending.clear();
      this.waiters = [];
      this.chain = this.chain.then(() =>
        this.apply(ids).then(
          () => waiters.forEach((w) => w.resolve()),
          (err: Error) => waiters.forEach((w) => w.reject(err)),
        ),
      );
    }, delay);
  }

  /**
   * Several worker processes may sync the same listing (Meilisearch mode); per-listing advisory
   * locks, held until the index write is done, make read-state-then-write atomic across them.
   */
  private async apply(ids: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('search-sync:' || id)) FROM unnest($1::text[]) AS id ORDER BY id", [ids]);
      const { publish, remove } = await loadListingStates(manager, ids);
      if (publish.length) await this.index.upsert(publish);
      if (remove.length) await this.index.delete(remove);
    });
  }

  /** Loads every published listing into the index (start-up of the embedded engine). */
  async rebuild(): Promise<number> {
    let count = 0;
    for await (const page of publishedDocuments(this.dataSource)) {
      await this.index.upsert(page);
      count += page.length;
    }
    return count;
  }

  /** Compares database and index and repairs every difference; reports what it fixed. */
  async reconcile(): Promise<ReconcileReport> {
    const indexed = await this.index.listVersions();
    const report: ReconcileReport = { checked: 0, added: 0, updated: 0, removed: 0 };
    const seen = new Set<string>();
    for await (const page of publishedDocuments(this.dataSource)) {
      const stale = page.filter((d) => indexed.get(d.id) !== d.version);
      for (const d of page) {
        seen.add(d.id);
        report.checked++;
        if (!indexed.has(d.id)) report.added++;
        else if (indexed.get(d.id) !== d.version) report.updated++;
      }
      if (stale.length) {
        // A newer database version replaces whatever the index holds, even a (corrupt) higher one.
        await this.index.delete(stale.filter((d) => (indexed.get(d.id) ?? -1) > d.version).map((d) => d.id));
        await this.index.upsert(stale);
      }
    }
    const extra = [...indexed.keys()].filter((id) => !seen.has(id));
    if (extra.length) await this.index.delete(extra);
    report.removed = extra.length;
    return report;
  }
}
