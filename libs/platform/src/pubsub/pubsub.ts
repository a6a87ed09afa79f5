/**
 * A small publish/subscribe port for live updates between processes (workers publish, every API
 * process delivers to its websocket subscribers). Fire-and-forget: a subscriber that is not
 * connected when a message is published misses it; durable work belongs on the queues.
 *
 * Two adapters share the local fan-out below: Redis pub/sub when REDIS_URL is set, PostgreSQL
 * LISTEN/NOTIFY otherwise. Both keep one dedicated subscriber connection per process, reconnect
 * on their own, and re-listen to every channel that still has subscribers.
 */

export const PUBSUB = Symbol('PUBSUB');

export type PubSubBackendKind = 'redis' | 'postgres';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; both backends keep to that, so messages carry ids only. */
export const MAX_PAYLOAD_BYTES = 7_999;

export type PubSubLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** One subscriber's stream of one channel; `return()` releases it. */
export interface PubSubSubscription<T> extends AsyncIterableIterator<T> {
  /** Resolves once the backend listens on the channel (at once if it already did); never rejects. */
  readonly ready: Promise<void>;
  return(): Promise<IteratorResult<T, undefined>>;
}

export interface PubSub {
  readonly backend: PubSubBackendKind;
  /** For logs, without credentials. */
  describe(): string;
  /** First connection attempt; on failure it keeps retrying in the background and never throws. */
  start(): Promise<void>;
  /** Sends a JSON message to every subscriber of `channel` in every process; rejects when the backend is unreachable. */
  publish(channel: string, payload: object): Promise<void>;
  subscribe<T>(channel: string): PubSubSubscription<T>;
  /** Local subscribers of `channel` (all channels when omitted): for tests and health. */
  listenerCount(channel?: string): number;
  /** True while the subscriber connection is up. */
  readonly connected: boolean;
  /**
   * A number that stays the same for as long as the backend has listened on `channel` without a
   * break, undefined while it does not listen (no local subscriber, connection lost, not yet
   * listening again). A cache kept valid by messages on the channel trusts only entries stored
   * under the current number: a break may have lost messages.
   */
  listenEpoch(channel: string): number | undefined;
  /** Ends every local subscription and closes the connections. */
  close(): Promise<void>;
}

const CHANNEL_NAME = /^[a-z0-9][a-z0-9_.:-]{0,39}$/;

/** A subscriber's queue: values wait here until `next()` takes them. */
class ChannelIterator<T> implements PubSubSubscription<T> {
  private buffer: T[] = [];
  private waiting: Array<(r: IteratorResult<T, undefined>) => void> = [];
  private done = false;

  constructor(
    readonly ready: Promise<void>,
    private readonly release: () => void,
    private readonly maxBuffered: number,
  ) {}

  push(value: T): void {
    if (this.done) return;
    const take = this.waiting.shift();
    if (take) {
      take({ value, done: false });
      return;
    }
    this.buffer.push(value);
    // A consumer that stopped reading must not grow the heap without bound: drop the oldest.
    if (this.buffer.length > this.maxBuffered) this.buffer.shift();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T, undefined>> {
    return this.return();
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.buffer = [];
    this.release();
    for (const take of this.waiting.splice(0)) take({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface ChannelState {
  readonly subscribers: Set<ChannelIterator<unknown>>;
  /** The backend listens on the channel over the current connection. */
  active: boolean;
  /** Set each time the channel becomes active, from a counter of the whole instance (see listenEpoch). */
  epoch: number;
  readyWaiters: Array<() => void>;
}

export interface PubSubBaseOptions {
  /** Prefixes every channel (tests isolate their runs with it). */
  namespace?: string;
  log?: PubSubLog;
  /** Messages kept for a subscriber that does not read; the oldest go first. */
  maxBuffered?: number;
}

/** Local fan-out shared by the adapters: one backend subscription per channel, many local subscribers. */
export abstract class FanoutPubSub implements PubSub {
  abstract readonly backend: PubSubBackendKind;
  abstract describe(): string;
  abstract start(): Promise<void>;
  abstract get connected(): boolean;
  /** Backend: start listening on the (prefixed) channel over the current connection. */
  protected abstract listen(fullChannel: string): Promise<void>;
  protected abstract unlisten(fullChannel: string): Promise<void>;
  protected abstract send(fullChannel: string, text: string): Promise<void>;
  protected abstract closeConnections(): Promise<void>;

  protected readonly channels = new Map<string, ChannelState>();
  protected closed = false;
  /** Channel activations so far: no two activations share an epoch. */
  private activations = 0;
  protected readonly log: PubSubLog;
  private readonly prefix: string;
  private readonly maxBuffered: number;

  constructor(options: PubSubBaseOptions) {
    this.prefix = options.namespace ? `srdi-${options.namespace}:` : 'srdi:';
    this.log = options.log ?? (() => undefined);
    this.maxBuffered = options.maxBuffered ?? 1_000;
  }

  protected fullChannel(channel: string): string {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid pub/sub channel name ${JSON.stringify(channel)}`);
    return this.prefix + channel;
  }

  async publish(channel: string, payload: object): Promise<void> {
    if (this.closed) throw new Error('pub/sub is closed (shutting down)');
    const text = JSON.stringify(payload);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new Error(`pub/sub message on ${channel} is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} (send ids, not entities)`);
    }
    await this.send(this.fullChannel(channel), text);
  }

  subscribe<T>(channel: string): PubSubSubscription<T> {
    const full = this.fullChannel(channel);
    let state = this.channels.get(full);
    const isNew = !state;
    if (!state) {
      state = { subscribers: new Set(), active: false, epoch: 0, readyWaiters: [] };
      this.channels.set(full, state);
    }
    const current = state;
    const ready = this.closed || current.active ? Promise.resolve() : new Promise<void>((resolve) => current.readyWaiters.push(resolve));
    const iterator = new ChannelIterator<T>(ready, () => this.release(full, iterator as ChannelIterator<unknown>), this.maxBuffered);
    if (this.closed) {
      iterator.end();
      return iterator;
    }
    current.subscribers.add(iterator as ChannelIterator<unknown>);
    if (isNew && this.connected) void this.listenNow(full);
    return iterator;
  }

  listenerCount(channel?: string): number {
    if (channel !== undefined) return this.channels.get(this.fullChannel(channel))?.subscribers.size ?? 0;
    let n = 0;
    for (const s of this.channels.values()) n += s.subscribers.size;
    return n;
  }

  listenEpoch(channel: string): number | undefined {
    const state = this.channels.get(this.fullChannel(channel));
    return state?.active ? state.epoch : undefined;
  }

  /** Listens on one channel and marks it active; a failure waits for the reconnect to retry. */
  private async listenNow(full: string): Promise<void> {
    try {
      await this.listen(full);
      this.markActive(full);
    } catch (err) {
      this.log('warn', `pub/sub could not listen on ${full} (${(err as Error).message}); retrying after reconnect`);
    }
  }

  protected markActive(full: string): void {
    const state = this.channels.get(full);
    if (!state) return;
    if (!state.active) state.epoch = ++this.activations;
    state.active = true;
    for (const resolve of state.readyWaiters.splice(0)) resolve();
  }

  /** Called by adapters once a (re)connection is up: listen again on every channel with subscribers. */
  protected async relistenAll(): Promise<void> {
    for (const full of [...this.channels.keys()]) await this.listenNow(full);
  }

  protected markAllInactive(): void {
    for (const state of this.channels.values()) state.active = false;
  }

  /** Adapters call this with every message received from the backend. */
  protected deliver(full: string, text: string): void {
    const state = this.channels.get(full);
    if (!state || state.subscribers.size === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.log('warn', `pub/sub dropped a message on ${full} that is not JSON`);
      return;
    }
    for (const subscriber of state.subscribers) subscriber.push(value);
  }

  private release(full: string, iterator: ChannelIterator<unknown>): void {
    const state = this.channels.get(full);
    if (!state || !state.subscribers.delete(iterator)) return;
    if (state.subscribers.size > 0) return;
    this.channels.delete(full);
    for (const resolve of state.readyWaiters.splice(0)) resolve();
    if (!this.closed && this.connected) {
      this.unlisten(full).catch((err: Error) => this.log('warn', `pub/sub could not stop listening on ${full}: ${err.message}`));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const state of [...this.channels.values()]) for (const s of [...state.subscribers]) s.end();
    this.channels.clear();
    await this.closeConnections();
  }
}
