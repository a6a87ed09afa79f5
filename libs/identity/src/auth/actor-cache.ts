import { DataSource, type EntityManager } from 'typeorm';
import { afterCommit, type PubSub, type PubSubSubscription } from '../../../platform/src/index.js';
import type { Actor } from '../access/access-policy.js';

/**
 * Pub/sub channel of actor changes: every process drops the cached actors a message names. Sent
 * after the commit of the change (ADR 0041).
 */
export const ACTOR_CHANGED = 'identity.actor-changed';

/** Whose actor changed: users (session revoked, role changed, removed, password set) and organizations (verification state). */
export interface ActorChange {
  userIds?: readonly string[];
  organizationIds?: readonly string[];
}

/** An actor as loaded for a token: the caller, and whether the token's session is active and until when. */
export interface LoadedActor {
  actor: Actor;
  sessionActive: boolean;
  /** When the session expires (epoch ms), when it is active. */
  sessionExpiresAt?: number;
}

interface Entry {
  loaded: LoadedActor;
  /** Epoch ms after which the entry is not used (TTL, or the session's own expiry). */
  until: number;
  /** The pub/sub listen epoch the entry was loaded under; a break in listening voids it. */
  epoch: number;
}

export interface ActorCacheOptions {
  /** How long a loaded actor is reused; 0 turns the cache off (every request reads). */
  ttlMs: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  log?: (level: 'warn' | 'error', message: string) => void;
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 10_000;
/** The ids of one message: a change touches one user or one organization; the payload stays far below 8 kB. */
const MAX_IDS_PER_MESSAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cache of each DataSource (one per process, two in a test running two apps in one process). */
const caches = new WeakMap<DataSource, ActorCache>();

/** The actor cache of `dataSource`, when its process has one (IdentityModule registers it). */
export function actorCacheOf(dataSource: DataSource): ActorCache | undefined {
  return caches.get(dataSource);
}

/**
 * Says that a write in `runner`'s transaction changes the actor of these users or organizations:
 * the local cache drops them at once (so this process never answers from them again) and again
 * after the commit, when every other process is told through pub/sub; the commit waits for the
 * message to be sent. Without a cache on the DataSource (a script, an integration test) nothing is
 * cached anywhere this process could reach, and nothing is done.
 */
export async function actorChanged(runner: EntityManager | DataSource, change: ActorChange): Promise<void> {
  // A DataSource's own manager runs each statement in its own (committed) transaction.
  const manager = runner instanceof DataSource ? runner.manager : runner;
  const cache = caches.get(manager.connection);
  if (!cache) return;
  cache.drop(change);
  await afterCommit(manager, () => cache.dropEverywhere(change));
}

/**
 * The actors behind tokens, kept per process for a few seconds so an authenticated request needs
 * no read (issue 20). Exact: every write that changes what an actor says (session revoked, role,
 * membership, verification, password) calls {@link actorChanged}; an entry is used only while this
 * process listens on {@link ACTOR_CHANGED} without a break since it was loaded, and a load that
 * overlapped an invalidation is returned but not kept. Only active sessions are kept; a refusal
 * always reads.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  /** Counts invalidations; a load that saw it change while in flight is not kept. */
  private generation = 0;
  private readonly subscription: PubSubSubscription<ActorChange> | undefined;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly log: NonNullable<ActorCacheOptions['log']>;
  /** Reads answered from the cache and reads sent to the database (tests, metrics). */
  readonly stats = { hits: 0, loads: 0 };

  constructor(
    dataSource: DataSource,
    private readonly pubsub: PubSub,
    private readonly options: ActorCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    caches.set(dataSource, this);
    // Subscribed even with the cache off: the process still sends its changes to the others.
    if (options.ttlMs > 0) {
      this.subscription = pubsub.subscribe<ActorChange>(ACTOR_CHANGED);
      void this.consume(this.subscription);
    }
  }

  private async consume(subscription: PubSubSubscription<ActorChange>): Promise<void> {
    for await (const message of subscription) this.drop(parseChange(message));
  }

  /** The actor for (user, session): from the cache when a usable entry is there, else `load` (and kept when it may be). */
  async get(userId: string, sessionId: string, load: () => Promise<LoadedActor | undefined>): Promise<LoadedActor | undefined> {
    const epoch = this.options.ttlMs > 0 ? this.pubsub.listenEpoch(ACTOR_CHANGED) : undefined;
    if (epoch === undefined) {
      // Not listening (cache off, or messages may be lost): nothing kept is trusted.
      if (this.entries.size > 0) this.entries.clear();
      this.stats.loads++;
      return load();
    }
    const key = `${userId}:${sessionId}`;
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry && entry.epoch === epoch && now < entry.until) {
      this.stats.hits++;
      return entry.loaded;
    }
    if (entry) this.entries.delete(key);
    const generation = this.generation;
    this.stats.loads++;
    const loaded = await load();
    if (loaded?.sessionActive && this.generation === generation && this.pubsub.listenEpoch(ACTOR_CHANGED) === epoch) {
      const until = Math.min(this.now() + this.options.ttlMs, loaded.sessionExpiresAt ?? Infinity);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { loaded, until, epoch });
    }
    return loaded;
  }

  /** Drops the entries of these users and organizations in this process; loads in flight are not kept. */
  drop(change: ActorChange): void {
    this.generation++;
    const users = new Set(change.userIds ?? []);
    const organizations = new Set(change.organizationIds ?? []);
    if (users.size === 0 && organizations.size === 0) return;
    for (const [key, entry] of this.entries) {
      if (users.has(entry.loaded.actor.userId) || organizations.has(entry.loaded.actor.organizationId)) this.entries.delete(key);
    }
  }

  /** {@link drop} here, then in every other process. A failed send is logged: others keep their entries at most a TTL. */
  async dropEverywhere(change: ActorChange): Promise<void> {
    this.drop(change);
    for (const message of chunks(change)) {
      try {
        await this.pubsub.publish(ACTOR_CHANGED, message);
      } catch (err) {
        this.log('error', `could not tell other processes that an actor changed (${(err as Error).message}); they may use it for up to ${this.options.ttlMs} ms`);
      }
    }
  }

  /** Entries held (tests). */
  get size(): number {
    return this.entries.size;
  }

  close(): void {
    void this.subscription?.return();
    this.entries.clear();
  }
}

/** A message as received: only well-formed ids are kept (a malformed message drops nothing it does not name). */
function parseChange(message: unknown): ActorChange {
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && UUID.test(x)) : []);
  const m = (message ?? {}) as { userIds?: unknown; organizationIds?: unknown };
  return { userIds: ids(m.userIds), organizationIds: ids(m.organizationIds) };
}

function chunks(change: ActorChange): ActorChange[] {
  const out: ActorChange[] = [];
  const users = [...(change.userIds ?? [])];
  const orgs = [...(change.organizationIds ?? [])];
  for (let i = 0; i < Math.max(users.length, orgs.length); i += MAX_IDS_PER_MESSAGE) {
    out.push({ userIds: users.slice(i, i + MAX_IDS_PER_MESSAGE), organizationIds: orgs.slice(i, i + MAX_IDS_PER_MESSAGE) });
  }
  return out;
}
