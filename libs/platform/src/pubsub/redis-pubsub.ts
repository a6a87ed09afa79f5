import { Redis } from 'ioredis';
import { FanoutPubSub, type PubSubBaseOptions } from './pubsub.js';

export interface RedisPubSubOptions extends PubSubBaseOptions {
  redisUrl: string;
}

/**
 * Redis pub/sub: a dedicated subscriber connection (a Redis connection in subscriber mode can run
 * nothing else) and a publisher connection. ioredis reconnects with backoff on its own; the
 * channels are subscribed again after every reconnect.
 */
export class RedisPubSub extends FanoutPubSub {
  readonly backend = 'redis' as const;
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private up = false;
  private lostOnce = false;

  constructor(private readonly options: RedisPubSubOptions) {
    super(options);
    const retryStrategy = (times: number) => Math.min(times * 100, 2_000);
    const name = (role: string) => `srdi-pubsub-${role}${options.namespace ? `-${options.namespace}` : ''}`;
    // Subscriber commands wait for the connection (null: retry forever) so a SUBSCRIBE is never lost.
    this.subscriber = new Redis(options.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      // We re-subscribe ourselves on 'ready', so the readiness of each channel is known.
      autoResubscribe: false,
      retryStrategy,
      connectionName: name('sub'),
    });
    this.publisher = new Redis(options.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      retryStrategy,
      connectionName: name('pub'),
    });
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
    this.subscriber.on('ready', () => {
      this.up = true;
      if (this.lostOnce) this.log('info', 'pub/sub reconnected to Redis');
      this.lostOnce = false;
      void this.relistenAll();
    });
    this.subscriber.on('close', () => {
      if (this.closed) return;
      if (this.up && !this.lostOnce) this.log('warn', 'pub/sub lost its Redis connection; reconnecting');
      if (this.up) this.lostOnce = true;
      this.up = false;
      this.markAllInactive();
    });
    // Reported once per outage through 'close'; without listeners ioredis would print every retry.
    this.subscriber.on('error', () => undefined);
    this.publisher.on('error', () => undefined);
  }

  describe(): string {
    const u = new URL(this.options.redisUrl);
    return `Redis pub/sub ${u.hostname}:${u.port || 6379}`;
  }

  get connected(): boolean {
    return this.up;
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      if (this.up) resolve();
      this.subscriber.once('ready', () => resolve());
      this.subscriber.once('end', () => resolve());
    });
    this.subscriber.connect().catch((err: Error) => this.log('warn', `pub/sub could not reach Redis (${err.message}); retrying`));
    this.publisher.connect().catch(() => undefined);
    // Boot does not wait for an unreachable Redis forever: the first attempt or 5 s, whichever comes first.
    await Promise.race([ready, new Promise((r) => setTimeout(r, 5_000).unref())]);
  }

  protected async listen(full: string): Promise<void> {
    await this.subscriber.subscribe(full);
  }

  protected async unlisten(full: string): Promise<void> {
    await this.subscriber.unsubscribe(full);
  }

  protected async send(full: string, text: string): Promise<void> {
    await this.publisher.publish(full, text);
  }

  protected async closeConnections(): Promise<void> {
    this.up = false;
    await Promise.all(
      [this.subscriber, this.publisher].map((c) =>
        c.status === 'end' || c.status === 'wait' ? c.disconnect() : c.quit().then(() => undefined, () => c.disconnect()),
      ),
    );
  }
}
