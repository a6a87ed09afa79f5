import pg from 'pg';
import { FanoutPubSub, type PubSubBaseOptions } from './pubsub.js';

export interface PostgresPubSubOptions extends PubSubBaseOptions {
  databaseUrl: string;
  /** First delay before reconnecting; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection (not from the TypeORM pool: a pooled
 * connection would be handed to other work and drop its LISTENs). The same connection sends
 * `pg_notify`. On connection loss it reconnects with backoff and LISTENs again.
 */
export class PostgresPubSub extends FanoutPubSub {
  readonly backend = 'postgres' as const;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private lostOnce = false;
  private upWaiters: Array<() => void> = [];

  constructor(private readonly options: PostgresPubSubOptions) {
    super(options);
    this.retryDelay = options.retryDelayMs ?? 250;
  }

  describe(): string {
    const u = new URL(this.options.databaseUrl);
    return `PostgreSQL LISTEN/NOTIFY ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  start(): Promise<void> {
    return this.connect();
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.connecting ??= this.tryConnect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async tryConnect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `srdi-pubsub${this.options.namespace ? `-${this.options.namespace}` : ''}`.slice(0, 63), keepAlive: true });
    let settled = false;
    const lost = (why: string) => {
      if (settled) return;
      settled = true;
      if (this.client === client) this.client = undefined;
      this.markAllInactive();
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (!this.lostOnce) this.log('warn', `pub/sub lost its PostgreSQL connection (${why}); reconnecting`);
      this.lostOnce = true;
      this.scheduleReconnect();
    };
    client.on('notification', (n) => {
      if (n.payload !== undefined) this.deliver(n.channel, n.payload);
    });
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      if (this.closed) {
        settled = true;
        await client.end();
        return;
      }
      this.client = client;
      this.retryDelay = this.options.retryDelayMs ?? 250;
      await this.relistenAll();
      if (this.lostOnce) this.log('info', 'pub/sub reconnected to PostgreSQL');
      this.lostOnce = false;
      for (const resolve of this.upWaiters.splice(0)) resolve();
    } catch (err) {
      lost((err as Error).message);
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  /** The live connection, waiting up to `timeoutMs` for a reconnect. */
  private async connection(timeoutMs = 5_000): Promise<pg.Client> {
    if (this.client) return this.client;
    if (this.closed) throw new Error('pub/sub is closed (shutting down)');
    let timer: NodeJS.Timeout | undefined;
    let waiter: (() => void) | undefined;
    const up = new Promise<boolean>((resolve) => {
      waiter = () => resolve(true);
      this.upWaiters.push(waiter);
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = await up;
    clearTimeout(timer);
    this.upWaiters = this.upWaiters.filter((w) => w !== waiter);
    if (!ok || !this.client) throw new Error(`pub/sub: no PostgreSQL connection (${this.describe()})`);
    return this.client;
  }

  /** One statement at a time on the connection (pg deprecates overlapping queries on a client). */
  private serial: Promise<unknown> = Promise.resolve();
  private run(client: pg.Client, text: string, values?: unknown[]): Promise<unknown> {
    const result = this.serial.then(() => client.query(text, values));
    this.serial = result.catch(() => undefined);
    return result;
  }

  /** The channels this connection LISTENs on, as the server sees them (diagnostics, tests). */
  async listeningChannels(): Promise<string[]> {
    if (!this.client) return [];
    const result = (await this.run(this.client, 'SELECT pg_listening_channels() AS c')) as pg.QueryResult<{ c: string }>;
    return result.rows.map((r) => r.c);
  }

  protected async listen(full: string): Promise<void> {
    await this.run(await this.connection(), `LISTEN ${pg.escapeIdentifier(full)}`);
  }

  protected async unlisten(full: string): Promise<void> {
    if (this.client) await this.run(this.client, `UNLISTEN ${pg.escapeIdentifier(full)}`);
  }

  protected async send(full: string, text: string): Promise<void> {
    await this.run(await this.connection(), 'SELECT pg_notify($1, $2)', [full, text]);
  }

  protected async closeConnections(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    for (const resolve of this.upWaiters.splice(0)) resolve();
    await client?.end().catch(() => undefined);
  }
}
