import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createPubSub } from '../../libs/platform/src/pubsub/create-pubsub.js';
import { PostgresPubSub } from '../../libs/platform/src/pubsub/postgres-pubsub.js';
import { MAX_PAYLOAD_BYTES, type PubSub, type PubSubSubscription } from '../../libs/platform/src/pubsub/pubsub.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-env.js';

const describeRedis = testRedisUrl() ? describe : describe.skip;
if (!testRedisUrl()) {
  console.warn('[pubsub.spec] SKIPPING the Redis pub/sub tests: no Redis answered (set REDIS_URL or run one on 127.0.0.1:6379)');
}

const CHANNEL = 'test.updates';

/** The next value, or a failure after `ms` (never a fixed sleep: resolves as soon as a value comes). */
async function nextWithin<T>(sub: PubSubSubscription<T>, ms = 5_000): Promise<IteratorResult<T, undefined>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      sub.next(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no message within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when nothing arrives within `ms` (used only to prove an absence). */
async function nothingWithin<T>(sub: PubSubSubscription<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), ms)));
  const got = sub.next().then(() => false as const);
  const result = await Promise.race([quiet, got]);
  clearTimeout(timer);
  return result;
}

async function until(check: () => Promise<boolean> | boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Backend {
  /** One adapter (one process) on `namespace`. */
  create(namespace: string): PubSub;
  /** Channels the backend itself still has a listener on for `b`. */
  backendListeners(b: PubSub, namespace: string): Promise<string[]>;
  /** Kills b's subscriber connection from outside, as a network failure or a server restart would. */
  killSubscriber(namespace: string): Promise<void>;
  close(): Promise<void>;
}

function definePubSubSuite(makeBackend: () => Promise<Backend>) {
  let backend: Backend;
  let a: PubSub;
  let b: PubSub;
  let namespace: string;

  beforeAll(async () => {
    backend = await makeBackend();
  });
  afterAll(async () => {
    await backend?.close();
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  /** Two adapters on the same namespace: two processes. */
  const open = async () => {
    namespace = randomBytes(4).toString('hex');
    a = backend.create(namespace);
    b = backend.create(namespace);
    await Promise.all([a.start(), b.start()]);
    expect(a.connected && b.connected).toBe(true);
  };

  it('delivers a message published by one process to the subscribers of another, in order', async () => {
    await open();
    expect(a.describe()).toMatch(a.backend === 'redis' ? /^Redis pub\/sub/ : /^PostgreSQL LISTEN\/NOTIFY/);
    const one = b.subscribe<{ n: number }>(CHANNEL);
    const two = b.subscribe<{ n: number }>(CHANNEL);
    const onA = a.subscribe<{ n: number }>(CHANNEL);
    await Promise.all([one.ready, two.ready, onA.ready]);
    for (const n of [1, 2, 3]) await a.publish(CHANNEL, { n });
    for (const sub of [one, two, onA]) {
      expect((await nextWithin(sub)).value).toEqual({ n: 1 });
      expect((await nextWithin(sub)).value).toEqual({ n: 2 });
      expect((await nextWithin(sub)).value).toEqual({ n: 3 });
    }
    // And the other way round.
    await b.publish(CHANNEL, { n: 4 });
    expect((await nextWithin(onA)).value).toEqual({ n: 4 });
  });

  it('keeps channels and namespaces apart', async () => {
    await open();
    const other = backend.create(`${namespace}x`);
    try {
      await other.start();
      const wanted = b.subscribe(CHANNEL);
      const elsewhere = b.subscribe('test.other');
      const otherNamespace = other.subscribe(CHANNEL);
      await Promise.all([wanted.ready, elsewhere.ready, otherNamespace.ready]);
      await a.publish(CHANNEL, { ok: true });
      expect((await nextWithin(wanted)).value).toEqual({ ok: true });
      expect(await nothingWithin(elsewhere, 300)).toBe(true);
      expect(await nothingWithin(otherNamespace, 300)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('unsubscribing releases the listener locally and on the backend, and ends a waiting next()', async () => {
    await open();
    const first = b.subscribe(CHANNEL);
    const second = b.subscribe(CHANNEL);
    await Promise.all([first.ready, second.ready]);
    expect(b.listenerCount(CHANNEL)).toBe(2);
    expect(await backend.backendListeners(b, namespace)).toEqual([`srdi-${namespace}:${CHANNEL}`]);

    const waiting = first.next();
    await first.return();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(b.listenerCount(CHANNEL)).toBe(1);
    // The other subscriber still receives.
    await a.publish(CHANNEL, { still: 'here' });
    expect((await nextWithin(second)).value).toEqual({ still: 'here' });

    await second.return();
    expect(b.listenerCount(CHANNEL)).toBe(0);
    expect(b.listenerCount()).toBe(0);
    await until(async () => (await backend.backendListeners(b, namespace)).length === 0, 5_000, 'the backend to drop the listener');
    await expect(second.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('refuses a payload over the PostgreSQL NOTIFY limit on either backend (send ids only)', async () => {
    await open();
    await expect(a.publish(CHANNEL, { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) })).rejects.toThrow(/limit is 7999.*send ids/);
    await expect(a.publish('Not A Channel', {})).rejects.toThrow(/invalid pub\/sub channel/);
  });

  it('reconnects after its subscriber connection is killed and listens again', async () => {
    await open();
    const sub = b.subscribe<{ n: number }>(CHANNEL);
    await sub.ready;
    await backend.killSubscriber(namespace);
    // Publish until a message gets through: proves the reconnect and the renewed LISTEN/SUBSCRIBE.
    let n = 0;
    const deadline = Date.now() + 15_000;
    let got: IteratorResult<{ n: number }, undefined> | undefined;
    const pending = sub.next();
    while (!got) {
      if (Date.now() > deadline) throw new Error('no message after the reconnect');
      await a.publish(CHANNEL, { n: ++n }).catch(() => undefined);
      got = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]);
    }
    expect(got.done).toBe(false);
    expect(b.connected).toBe(true);
  });

  it('close() ends every subscription and refuses to publish', async () => {
    await open();
    const sub = b.subscribe(CHANNEL);
    await sub.ready;
    const waiting = sub.next();
    await b.close();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    await expect(b.publish(CHANNEL, {})).rejects.toThrow(/closed/);
    expect(b.listenerCount()).toBe(0);
    const late = b.subscribe(CHANNEL);
    await expect(late.next()).resolves.toEqual({ value: undefined, done: true });
  });
}

describe('pub/sub on PostgreSQL LISTEN/NOTIFY (two adapters = two processes)', () => {
  let db: TestDatabase;
  const admin = () => {
    const c = new pg.Client({ connectionString: db.url });
    return c.connect().then(() => c);
  };
  definePubSubSuite(async () => {
    db = await createTestDatabase();
    return {
      create: (namespace) => createPubSub({ redisUrl: undefined, databaseUrl: db.url, namespace }),
      async backendListeners(b) {
        // pg_listening_channels() is per session: b asks on its own connection.
        expect(b).toBeInstanceOf(PostgresPubSub);
        return (b as PostgresPubSub).listeningChannels();
      },
      async killSubscriber(namespace) {
        const c = await admin();
        try {
          const { rowCount } = await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`srdi-pubsub-${namespace}`]);
          expect(rowCount).toBeGreaterThan(0);
        } finally {
          await c.end();
        }
      },
      close: () => db.drop(),
    };
  });
});

describeRedis('pub/sub on Redis (two adapters = two processes)', () => {
  let redis: Redis;
  definePubSubSuite(async () => {
    redis = new Redis(testRedisUrl()!);
    return {
      create: (namespace) => createPubSub({ redisUrl: testRedisUrl(), databaseUrl: 'postgres://unused@127.0.0.1/unused', namespace }),
      async backendListeners(_b, namespace) {
        // Both adapters share the namespace; only b subscribes in the test that asks.
        const channels = (await redis.call('PUBSUB', 'CHANNELS', `srdi-${namespace}:*`)) as string[];
        return channels;
      },
      async killSubscriber(namespace) {
        const list = (await redis.call('CLIENT', 'LIST')) as string;
        const ids = list
          .split('\n')
          .filter((line) => line.includes(` name=srdi-pubsub-sub-${namespace} `))
          .map((line) => /(?:^|\s)id=(\d+)/.exec(line)![1]!);
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) await redis.call('CLIENT', 'KILL', 'ID', id);
      },
      async close() {
        await redis.quit();
      },
    };
  });
});
