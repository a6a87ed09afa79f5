import { Inject, Injectable } from '@nestjs/common';
import {
  HandlesJob,
  type JobHandler,
  PUBSUB,
  type PubSub,
  NOTIFICATION_ADDED,
  NOTIFICATIONS_PER_MESSAGE,
  type NotificationAddedMessage,
} from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';

/**
 * Passes new notifications to the API processes over pub/sub (`Subscription.notificationAdded`).
 * Runs from the `notification.created` event, written in the transaction that inserted the rows, so
 * every id announced exists. Ids only; publishing twice is harmless (subscribers skip ids they delivered).
 */
@Injectable()
@HandlesJob('notification.publish')
export class NotificationPublisher implements JobHandler<'notification.publish'> {
  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}

  async handle(job: JobPayloads['notification.publish']): Promise<void> {
    const all = job.data.notifications;
    for (let i = 0; i < all.length; i += NOTIFICATIONS_PER_MESSAGE) {
      const message: NotificationAddedMessage = { notifications: all.slice(i, i + NOTIFICATIONS_PER_MESSAGE) };
      await this.pubsub.publish(NOTIFICATION_ADDED, message);
    }
  }
}
