import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ActorCache, ACTOR_CHANGED, type LoadedActor } from '../../../libs/identity/src/auth/actor-cache.js';
import type { PubSub, PubSubSubscription } from '../../../libs/platform/src/pubsub/pubsub.js';

/** A pub/sub whose listening state the test sets; messages are handed to the cache's subscription by hand. */
class FakePubSub {
  readonly backend = 'redis' as const;
  epoch: number | undefined = 1;
  published: Array<[string, object]> = [];
  private push: ((m: unknown) => void) | undefined;
  describe() {
    return 'fake';
  }
  async start() {}
  async publish(channel: string, payload: object) {
    this.published.push([channel, payload]);
  }
  subscribe<T>(): PubSubSubscription<T> {
    const queue: T[] = [];
    let wake: ((r: IteratorResult<T, undefined>) => void) | undefined;
    this.push = (m) => (wake ? (wake({ value: m as T, done: false }), (wake = undefined)) : queue.push(m as T));
    const it: PubSubSubscription<T> = {
      ready: Promise.resolve(),
      next: () => (queue.length ? Promise.resolve({ value: queue.shift()!, done: false }) : new Promise((r) => (wake = r))),
      return: async () => ({ value: undefined, done: true }),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return it;
  }
  deliver(message: unknown) {
    this.push?.(message);
  }
  listenerCount() {
    return 1;
  }
  get connected() {
    return this.epoch !== undefined;
  }
  listenEpoch(channel: string) {
    return channel === ACTOR_CHANGED ? this.epoch : undefined;
  }
  async close() {}
}

const USER = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const SESSION = '00000000-0000-4000-8000-0000000000ff';
const loaded = (verified = false): LoadedActor => ({
  actor: { userId: USER, organizationId: ORG, kind: 'ENTERPRISE', verified, role: 'OWNER', sessionId: SESSION },
  sessionActive: true,
  sessionExpiresAt: Date.now() + 3_600_000,
});

function setup(ttlMs = 5_000) {
  const pubsub = new FakePubSub();
  let now = 1_000;
  const cache = new ActorCache({} as DataSource, pubsub as unknown as PubSub, { ttlMs, now: () => now });
  let reads = 0;
  let answer = loaded();
  const load = async () => {
    reads++;
    return answer;
  };
  return {
    pubsub,
    cache,
    get: () => cache.get(USER, SESSION, load),
    reads: () => reads,
    answer: (a: LoadedActor) => (answer = a),
    advance: (ms: number) => (now += ms),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ActorCache', () => {
  it('reads once within the TTL, again after it', async () => {
    const t = setup();
    await t.get();
    await t.get();
    expect(t.reads()).toBe(1);
    t.advance(5_001);
    await t.get();
    expect(t.reads()).toBe(2);
  });

  it('never keeps an ended session', async () => {
    const t = setup();
    t.answer({ ...loaded(), sessionActive: false });
    await t.get();
    await t.get();
    expect(t.reads()).toBe(2);
  });

  it('drops the entries a message names (user or organization), and only those', async () => {
    const t = setup();
    await t.get();
    t.pubsub.deliver({ userIds: ['00000000-0000-4000-8000-000000000002'] });
    await tick();
    await t.get();
    expect(t.reads()).toBe(1);
    t.pubsub.deliver({ organizationIds: [ORG] });
    await tick();
    await t.get();
    expect(t.reads()).toBe(2);
    t.pubsub.deliver({ userIds: [USER] });
    await tick();
    await t.get();
    expect(t.reads()).toBe(3);
  });

  it('trusts nothing loaded before a break in listening, and caches nothing while not listening', async () => {
    const t = setup();
    await t.get();
    t.pubsub.epoch = undefined; // connection lost: messages may be missed
    await t.get();
    await t.get();
    expect(t.reads()).toBe(3);
    t.pubsub.epoch = 2; // listening again
    await t.get();
    await t.get();
    expect(t.reads()).toBe(4);
  });

  it('does not keep a load that overlapped an invalidation (it may have read the old row)', async () => {
    const t = setup();
    let release!: () => void;
    const slow = t.cache.get(USER, SESSION, () => new Promise<LoadedActor>((r) => (release = () => r(loaded(false)))));
    t.cache.drop({ organizationIds: [ORG] }); // the change commits while the read is in flight
    release();
    expect((await slow)!.actor.verified).toBe(false);
    t.answer(loaded(true));
    expect((await t.get())!.actor.verified).toBe(true);
    expect(t.reads()).toBe(1);
  });

  it('dropEverywhere drops here and publishes the ids', async () => {
    const t = setup();
    await t.get();
    await t.cache.dropEverywhere({ userIds: [USER] });
    expect(t.pubsub.published).toEqual([[ACTOR_CHANGED, { userIds: [USER], organizationIds: [] }]]);
    await t.get();
    expect(t.reads()).toBe(2);
  });

  it('with TTL 0 every request reads', async () => {
    const t = setup(0);
    await t.get();
    await t.get();
    expect(t.reads()).toBe(2);
  });
});
