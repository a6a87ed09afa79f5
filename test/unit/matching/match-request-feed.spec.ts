import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { matchRequestFeed } from '../../../apps/api/src/matching/match-request-feed.js';
import { authorizationParam, closeReason, NO_TOKEN_REASON, websocketOptions } from '../../../apps/api/src/graphql/websocket.js';
import type { MatchRequestUpdatedMessage } from '../../../libs/platform/src/pubsub/channels.js';
import type { PubSubSubscription } from '../../../libs/platform/src/pubsub/pubsub.js';
import type { MatchRequestEntity } from '../../../libs/matching/src/requests/match-request.entity.js';

/** A hand-fed channel subscription. */
function channel() {
  const queued: MatchRequestUpdatedMessage[] = [];
  const waiting: Array<(r: IteratorResult<MatchRequestUpdatedMessage, undefined>) => void> = [];
  let done = false;
  const sub: PubSubSubscription<MatchRequestUpdatedMessage> & { send(m: MatchRequestUpdatedMessage): void; returned: boolean } = {
    ready: Promise.resolve(),
    returned: false,
    send(m) {
      const w = waiting.shift();
      if (w) w({ value: m, done: false });
      else queued.push(m);
    },
    next() {
      if (queued.length) return Promise.resolve({ value: queued.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((r) => waiting.push(r));
    },
    async return() {
      done = true;
      sub.returned = true;
      for (const w of waiting.splice(0)) w({ value: undefined, done: true });
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return sub;
    },
  };
  return sub;
}

const ME = 'org-me';
const row = (id: string, version: number, over: Partial<MatchRequestEntity> = {}) =>
  ({
    id,
    version,
    listingId: 'listing-1',
    enterpriseOrganizationId: ME,
    ownerOrganizationId: 'org-bank',
    status: version === 1 ? 'PENDING' : 'ACCEPTED',
    message: null,
    shareProfile: false,
    responseMessage: null,
    outcome: null,
    rating: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  }) as MatchRequestEntity;
const msg = (id: string, version: number, enterprise = ME, owner = 'org-bank'): MatchRequestUpdatedMessage => ({
  matchRequestId: id,
  enterpriseOrganizationId: enterprise,
  ownerOrganizationId: owner,
  version,
});

describe('matchRequestFeed', () => {
  it("keeps the subscriber's own requests (either side), reads the current row and skips versions already delivered", async () => {
    const rows = new Map<string, MatchRequestEntity>([
      ['r1', row('r1', 2)],
      ['r2', row('r2', 1, { enterpriseOrganizationId: 'org-other', ownerOrganizationId: ME })],
    ]);
    const loads: string[] = [];
    let renewed = 0;
    const source = channel();
    const feed = matchRequestFeed(source, {
      organizationId: ME,
      load: async (id) => {
        loads.push(id);
        return rows.get(id) ?? null;
      },
      beforeDeliver: () => renewed++,
      onError: () => undefined,
    });
    source.send(msg('rx', 1, 'org-a', 'org-b')); // not mine: not even read
    source.send(msg('r1', 1)); // late message: the row is already at version 2
    source.send(msg('r1', 2)); // nothing new: version 2 was delivered
    source.send(msg('gone', 1)); // deleted meanwhile: skipped
    source.send(msg('r2', 1, 'org-other', ME)); // received as the listing's owner
    const first = await feed.next();
    expect(first.value?.matchRequestUpdated).toMatchObject({ id: 'r1', status: 'ACCEPTED', enterpriseOrganizationId: ME });
    const second = await feed.next();
    expect(second.value?.matchRequestUpdated).toMatchObject({ id: 'r2', status: 'PENDING' });
    expect(loads).toEqual(['r1', 'gone', 'r2']);
    expect(renewed).toBe(2);
  });

  it('trusts the row over the message: a forged message naming the subscriber delivers nothing', async () => {
    const source = channel();
    const feed = matchRequestFeed(source, {
      organizationId: ME,
      load: async (id) => row(id, 1, { enterpriseOrganizationId: 'org-a', ownerOrganizationId: 'org-b' }),
      beforeDeliver: () => undefined,
      onError: () => undefined,
    });
    source.send(msg('r9', 1));
    const pending = feed.next();
    await feed.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
  });

  it('skips an event whose row cannot be read and goes on', async () => {
    const source = channel();
    const errors: string[] = [];
    const feed = matchRequestFeed(source, {
      organizationId: ME,
      load: async (id) => {
        if (id === 'bad') throw new Error('database unavailable');
        return row(id, 1);
      },
      beforeDeliver: () => undefined,
      onError: (err, m) => errors.push(`${m.matchRequestId}: ${err.message}`),
    });
    source.send(msg('bad', 1));
    source.send(msg('good', 1));
    expect((await feed.next()).value?.matchRequestUpdated.id).toBe('good');
    expect(errors).toEqual(['bad: database unavailable']);
  });

  it('return() releases the channel subscription at once, even while next() waits', async () => {
    const source = channel();
    const feed = matchRequestFeed(source, { organizationId: ME, load: async () => null, beforeDeliver: () => undefined, onError: () => undefined });
    const waiting = feed.next();
    await feed.return();
    expect(source.returned).toBe(true);
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
  });
});

describe('websocket helpers', () => {
  it('reads the token from authorization, Authorization or a bare token', () => {
    expect(authorizationParam({ authorization: 'Bearer a' })).toBe('Bearer a');
    expect(authorizationParam({ Authorization: ' Bearer b ' })).toBe('Bearer b');
    expect(authorizationParam({ token: 'c' })).toBe('Bearer c');
    expect(authorizationParam({ token: 'Bearer d' })).toBe('Bearer d');
    for (const none of [undefined, {}, { authorization: '' }, { authorization: 42 }, { token: '  ' }]) {
      expect(authorizationParam(none as Record<string, unknown> | undefined)).toBeUndefined();
    }
  });

  it('keeps close reasons within the 123 bytes a WebSocket close frame allows, cutting on a character', () => {
    expect(Buffer.byteLength(NO_TOKEN_REASON)).toBeLessThanOrEqual(123);
    expect(closeReason(NO_TOKEN_REASON)).toBe(NO_TOKEN_REASON);
    const long = closeReason('访'.repeat(60));
    expect(long).toBe('访'.repeat(41));
    expect(Buffer.byteLength(long)).toBe(123);
  });

  it('applies the cost limit to subscriptions', async () => {
    const schema = buildSchema(`
      type Item { id: ID! children(first: Int): [Item!]! }
      type Query { ok: Boolean }
      type Subscription { items: Item! }
    `);
    const options = websocketOptions({
      authenticate: async () => ({}),
      validationRules: [],
      maxTokens: 2000,
      maxCost: 50,
      formatError: (f) => f,
    });
    const document = parse('subscription { items { children(first: 100) { id } } }');
    const result = (await options.subscribe!({ schema, document, variableValues: {} })) as { errors?: Array<{ extensions: Record<string, unknown> }> };
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost', maxCost: 50 });
  });
});
