import type { PubSubSubscription, NotificationAddedMessage } from '../../../../libs/platform/src/index.js';
import type { NotificationView } from '../../../../libs/notifications/src/index.js';
import { toNotificationModel, type NotificationModel } from './notification.models.js';

export interface NotificationFeedOptions {
  /** The subscriber's organization: only its notifications are considered. */
  organizationId: string;
  /** Reads the notification as the subscriber sees it; null when it is not (or no longer) theirs. */
  load(id: string): Promise<NotificationView | null>;
  /** Runs before each delivered notification (the context takes fresh loaders). */
  beforeDeliver(): void;
  /** A failed read skips the notification; the feed goes on. */
  onError(err: Error, id: string): void;
}

const MAX_REMEMBERED = 5_000;

export type NotificationAdded = { notificationAdded: NotificationModel };

/**
 * One subscriber's `notificationAdded` stream over the process-wide pub/sub channel: keeps the
 * ids addressed to the subscriber's organization, reads each row (which decides: it must still be
 * the organization's and the user still one of its members), and delivers an id once.
 */
export function notificationFeed(
  source: PubSubSubscription<NotificationAddedMessage>,
  options: NotificationFeedOptions,
): AsyncIterableIterator<NotificationAdded> & { return(): Promise<IteratorResult<NotificationAdded, undefined>> } {
  const delivered = new Set<string>();
  const pending: string[] = [];

  const nextId = async (): Promise<string | undefined> => {
    while (pending.length === 0) {
      const { value: message, done } = await source.next();
      if (done) return undefined;
      if (!message || !Array.isArray(message.notifications)) continue;
      for (const n of message.notifications) {
        if (n && typeof n.id === 'string' && n.organizationId === options.organizationId && !delivered.has(n.id)) pending.push(n.id);
      }
    }
    return pending.shift();
  };

  const feed = {
    async next(): Promise<IteratorResult<NotificationAdded, undefined>> {
      for (;;) {
        const id = await nextId();
        if (id === undefined) return { value: undefined, done: true };
        if (delivered.has(id)) continue;
        let row: NotificationView | null;
        try {
          row = await options.load(id);
        } catch (err) {
          options.onError(err as Error, id);
          continue;
        }
        if (!row || row.notification.organizationId !== options.organizationId) continue;
        delivered.add(id);
        if (delivered.size > MAX_REMEMBERED) delivered.delete(delivered.values().next().value!);
        options.beforeDeliver();
        return { value: { notificationAdded: toNotificationModel(row) }, done: false };
      }
    },
    async return(): Promise<IteratorResult<NotificationAdded, undefined>> {
      pending.length = 0;
      await source.return();
      return { value: undefined, done: true };
    },
    async throw(): Promise<IteratorResult<NotificationAdded, undefined>> {
      return feed.return();
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
