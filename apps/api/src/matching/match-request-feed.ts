import type { PubSubSubscription, MatchRequestUpdatedMessage } from '../../../../libs/platform/src/index.js';
import type { MatchRequestEntity } from '../../../../libs/matching/src/index.js';
import type { MatchRequestModel } from './match-request.models.js';
import { toMatchRequestModel } from './match-request.mapper.js';

export interface MatchRequestFeedOptions {
  /** The subscriber's organization: it gets requests it sent (enterprise) or received (listing owner). */
  organizationId: string;
  /** Reads the request's current row. */
  load(id: string): Promise<MatchRequestEntity | null>;
  /** Runs before each delivered event (the context takes fresh loaders). */
  beforeDeliver(): void;
  /** A failed read skips the event; the feed goes on. */
  onError(err: Error, message: MatchRequestUpdatedMessage): void;
}

const MAX_REMEMBERED = 5_000;

export type MatchRequestUpdate = { matchRequestUpdated: MatchRequestModel };

/**
 * One subscriber's `matchRequestUpdated` stream over the process-wide pub/sub channel: keeps the
 * messages about the subscriber's own requests, reads each request's current row, and skips a
 * version it already delivered (late or repeated messages deliver nothing twice). `return()`
 * releases the channel subscription at once, even while `next()` waits.
 */
export function matchRequestFeed(
  source: PubSubSubscription<MatchRequestUpdatedMessage>,
  options: MatchRequestFeedOptions,
): AsyncIterableIterator<MatchRequestUpdate> & { return(): Promise<IteratorResult<MatchRequestUpdate, undefined>> } {
  const delivered = new Map<string, number>();
  const seen = (id: string) => delivered.get(id) ?? 0;
  const mine = (m: { enterpriseOrganizationId: string; ownerOrganizationId: string }) =>
    m.enterpriseOrganizationId === options.organizationId || m.ownerOrganizationId === options.organizationId;

  const feed = {
    async next(): Promise<IteratorResult<MatchRequestUpdate, undefined>> {
      for (;;) {
        const { value: message, done } = await source.next();
        if (done) return { value: undefined, done: true };
        if (!message || typeof message.matchRequestId !== 'string' || !mine(message)) continue;
        if (seen(message.matchRequestId) >= message.version) continue;
        let row: MatchRequestEntity | null;
        try {
          row = await options.load(message.matchRequestId);
        } catch (err) {
          options.onError(err as Error, message);
          continue;
        }
        // The row decides, not the message: both parties are fixed at creation.
        if (!row || !mine(row) || seen(row.id) >= row.version) continue;
        delivered.delete(row.id);
        delivered.set(row.id, row.version);
        if (delivered.size > MAX_REMEMBERED) delivered.delete(delivered.keys().next().value!);
        options.beforeDeliver();
        return { value: { matchRequestUpdated: toMatchRequestModel(row) }, done: false };
      }
    },
    async return(): Promise<IteratorResult<MatchRequestUpdate, undefined>> {
      await source.return();
      return { value: undefined, done: true };
    },
    async throw(): Promise<IteratorResult<MatchRequestUpdate, undefined>> {
      return feed.return();
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
