import { describe, expect, it } from '@jest/globals';
import { notificationFeed } from '../../../apps/api/src/notifications/notification-feed.js';
import type { NotificationAddedMessage } from '../../../libs/platform/src/pubsub/channels.js';
import type { PubSubSubscription } from '../../../libs/platform/src/pubsub/pubsub.js';
import type { NotificationView } from '../../../libs/notifications/src/notification.service.js';
import type { NotificationEntity } from '../../../libs/notifications/src/notification.entity.js';

const ORG = 'org-a';
const OTHER = 'org-b';

function source(messages: unknown[]): PubSubSubscription<NotificationAddedMessage> & { returned: boolean } {
  const queue = [...messages];
  const s = {
    returned: false,
    ready: Promise.resolve(),
    async next() {
      const value = queue.shift();
      return value === undefined ? { value: undefined, done: true as const } : { value: value as NotificationAddedMessage, done: false as const };
    },
    async return() {
      s.returned = true;
      return { value: undefined, done: true as const };
    },
    async throw() {
      return s.return();
    },
    [Symbol.asyncIterator]() {
      return s;
    },
  };
  return s;
}

const row = (id: string, organizationId = ORG): NotificationView => ({
  notification: { id, organizationId, kind: 'k', title: 't', body: 'b', createdAt: new Date(0), targetType: null, targetId: null, sourceEventId: '1' } as NotificationEntity,
  readAt: null,
});

async function drain(feed: AsyncIterableIterator<{ notificationAdded: { id: string } }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const v of feed) ids.push(v.notificationAdded.id);
  return ids;
}

describe('notificationAdded feed', () => {
  it('keeps its organization’s ids, reads each row, delivers an id once, skips rows that are gone or moved', async () => {
    const rows = new Map([['n1', row('n1')], ['n2', row('n2')], ['n4', row('n4', OTHER)]]);
    let renewed = 0;
    const feed = notificationFeed(
      source([
        { notifications: [{ id: 'n1', organizationId: ORG }, { id: 'x', organizationId: OTHER }] },
        'not a message',
        { notifications: [{ id: 'n1', organizationId: ORG }, { id: 'n2', organizationId: ORG }, { id: 'n3', organizationId: ORG }] },
        { notifications: [{ id: 'n4', organizationId: ORG }] },
        { notifications: 'nope' },
      ]),
      { organizationId: ORG, load: async (id) => rows.get(id) ?? null, beforeDeliver: () => renewed++, onError: () => undefined },
    );
    expect(await drain(feed)).toEqual(['n1', 'n2']);
    expect(renewed).toBe(2);
  });

  it('skips an id whose read fails and goes on', async () => {
    const errors: string[] = [];
    const feed = notificationFeed(source([{ notifications: [{ id: 'bad', organizationId: ORG }, { id: 'n1', organizationId: ORG }] }]), {
      organizationId: ORG,
      load: async (id) => {
        if (id === 'bad') throw new Error('connection lost');
        return row(id);
      },
      beforeDeliver: () => undefined,
      onError: (err, id) => errors.push(`${id}: ${err.message}`),
    });
    expect(await drain(feed)).toEqual(['n1']);
    expect(errors).toEqual(['bad: connection lost']);
  });

  it('return() releases the channel subscription', async () => {
    const s = source([]);
    const feed = notificationFeed(s, { organizationId: ORG, load: async () => null, beforeDeliver: () => undefined, onError: () => undefined });
    await feed.return();
    expect(s.returned).toBe(true);
  });
});
