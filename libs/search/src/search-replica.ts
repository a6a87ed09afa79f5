import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { SearchIndex } from './search-index.port.js';
import { loadListingStates } from './listing-documents.js';

/** The channel the outbox trigger notifies on every commit that wrote events (migration Init). */
const OUTBOX_CHANNEL = 'outbox_events';

export interface SearchReplicaOptions {
  /** For LISTEN (a connection of its own). */
  databaseUrl: string;
  /** The guarantee under the NOTIFY hint: the feed is read at least this often. */
  pollMs: number;
  /** How long a hole in the outbox ids (a transaction still running, or rolled back) holds the position. */
  gapWaitMs: number;
  /** Between two version comparisons with the database (the repair of anything the feed could miss). */
  reconcileMs: number;
  log: (level: 'info' | 'warn', message: string) => void;
}

export interface SearchReplicaState {
  /** Every outbox event up to this id has been applied (or its hole waited out). */
  position: number;
  /** Event ids above the position already applied (waiting for a hole below them). */
  aheadOfPosition: number;
  /** Holes in the ids the position is waiting on. */
  holes: number;
  /** Milliseconds since the feed was last read completely (the replica's lag bound). */
  sinceLastRead: number;
  applied: number;
  repaired: number;
}

const PAGE = 5_000;

/**
 * The embedded search engine as a replica any API process can hold (ADR 0039): built from the
 * database at start, then kept current by the change feed — the outbox's listing events, read by id
 * since the last applied position. A NOTIFY on commit (the outbox trigger's) wakes it at once; a
 * poll every `pollMs` is the guarantee, so a missed notification delays but never loses an update.
 * Applying an event reads the listing's *current* state (an old event never writes an old
 * version), so applying twice is harmless.
 *
 * Ids are taken at insert but become visible at commit, so a hole in the ids may be a transaction
 * still running: the position waits on it up to `gapWaitMs` (events above it are applied at once
 * and remembered), then moves on (a rolled-back transaction leaves a hole for ever). A transaction
 * running longer than that, or one in flight when the replica started, is caught by the version
 * comparison every `reconcileMs`: only (id, version) pairs are compared, and only differing
 * listings are loaded.
 */
export class SearchReplica {
  private position = 0;
  /** The highest event id read. */
  private readUpTo = 0;
  private readonly ahead = new Set<number>();
  private readonly holes = new Map<number, number>();
  private running: Promise<void> | undefined;
  private again = false;
  private lastRead = Date.now();
  private applied = 0;
  private repaired = 0;
  private poll: NodeJS.Timeout | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  /** The feed is read on a connection of its own: the poll never takes one of the API's pool, nor shows among a request's statements. */
  private readonly feed: pg.Pool;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly index: SearchIndex,
    private readonly options: SearchReplicaOptions,
  ) {
    this.feed = new pg.Pool({ connectionString: options.databaseUrl, max: 1, application_name: 'srdi-search-replica' });
    this.feed.on('error', () => undefined); // a dropped idle connection: the next read opens another
  }

  /**
   * The feed's starting position, read BEFORE the index is built from the database: whatever
   * commits during the build is applied again after it (harmless). Events of transactions that
   * began more than `gapWaitMs` ago are taken as done; younger ones are read again.
   */
  async startingPosition(): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(max(id), 0)::text AS id FROM outbox_events WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [this.options.gapWaitMs],
    );
    this.position = Number(row.id);
    this.readUpTo = this.position;
  }

  /** Starts following the feed (after the build). */
  async follow(): Promise<void> {
    await this.listen();
    this.poll = setInterval(() => void this.catchUp().catch(() => undefined), this.options.pollMs);
    this.poll.unref();
    this.reconcileTimer = setInterval(() => void this.reconcile().catch((err: Error) => this.options.log('warn', `search replica: version check failed (${err.message})`)), this.options.reconcileMs);
    this.reconcileTimer.unref();
    await this.catchUp();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'srdi-search-replica' });
    const retry = () => {
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    };
    client.on('error', retry);
    client.on('notification', () => void this.catchUp().catch(() => undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.options.log('warn', `search replica: LISTEN failed (${(err as Error).message}); polling every ${this.options.pollMs} ms meanwhile`);
      retry();
    }
  }

  /**
   * Reads and applies the feed up to the last committed event. Concurrent calls share one reader;
   * a call made while it runs gets another pass, so every event committed before the call is in
   * the index when the promise resolves (except behind a hole not yet waited out).
   */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.readFeed();
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async readFeed(): Promise<void> {
    for (;;) {
      // Applied ids above a hole are skipped by reading on from the highest id read, plus the holes.
      const { rows } = await this.feed.query<{ id: string; listing: string | null }>(
        `SELECT id::text AS id, CASE WHEN aggregate_type = 'listing' THEN aggregate_id END AS listing
           FROM outbox_events WHERE id > $1 OR id = ANY($2::bigint[]) ORDER BY id LIMIT ${PAGE}`,
        [this.readUpTo, [...this.holes.keys()]],
      );
      const fresh = rows.filter((r) => Number(r.id) > this.position && !this.ahead.has(Number(r.id)));
      const listings = [...new Set(fresh.map((r) => r.listing).filter((l): l is string => l !== null))];
      if (listings.length) await this.apply(listings);
      for (const r of fresh) {
        this.ahead.add(Number(r.id));
        this.holes.delete(Number(r.id));
      }
      if (rows.length) this.readUpTo = Math.max(this.readUpTo, Number(rows[rows.length - 1]!.id));
      this.advance();
      if (rows.length < PAGE) break;
    }
    this.lastRead = Date.now();
  }

  /** Notes the ids missing below the highest id read, then moves the position over applied ids and over holes older than the wait. */
  private advance(): void {
    const now = Date.now();
    for (let id = this.position + 1; id < this.readUpTo; id++) if (!this.ahead.has(id) && !this.holes.has(id)) this.holes.set(id, now);
    while (this.position < this.readUpTo) {
      const next = this.position + 1;
      if (this.ahead.delete(next)) {
        this.position = next;
        continue;
      }
      const since = this.holes.get(next);
      if (since === undefined || now - since < this.options.gapWaitMs) break;
      this.holes.delete(next);
      this.position = next;
    }
  }

  private async apply(listingIds: string[]): Promise<void> {
    const { publish, remove } = await loadListingStates(this.dataSource, listingIds);
    if (publish.length) await this.index.upsert(publish);
    if (remove.length) await this.index.delete(remove);
    this.applied += listingIds.length;
  }

  /**
   * Compares the published listings' versions with the replica's and repairs every difference
   * (loading only the listings that differ). Returns how many it repaired.
   */
  async reconcile(): Promise<number> {
    const rows: Array<{ id: string; version: number }> = await this.dataSource.query(`SELECT id::text AS id, version FROM listings WHERE status = 'PUBLISHED'`);
    const held = await this.index.listVersions();
    const differ: string[] = [];
    for (const r of rows) {
      if (held.get(r.id) !== r.version) differ.push(r.id);
      held.delete(r.id);
    }
    differ.push(...held.keys()); // held but no longer published
    for (let i = 0; i < differ.length; i += 500) await this.apply(differ.slice(i, i + 500));
    if (differ.length) this.options.log('warn', `search replica: the version check repaired ${differ.length} listings the feed had not brought`);
    this.repaired += differ.length;
    return differ.length;
  }

  state(): SearchReplicaState {
    return {
      position: this.position,
      aheadOfPosition: this.ahead.size,
      holes: this.holes.size,
      sinceLastRead: Date.now() - this.lastRead,
      applied: this.applied,
      repaired: this.repaired,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    await this.running?.catch(() => undefined);
    await this.feed.end().catch(() => undefined);
  }
}
