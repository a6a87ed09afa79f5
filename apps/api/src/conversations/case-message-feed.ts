import type { CaseMessageAddedMessage, PubSubSubscription } from '../../../../libs/platform/src/index.js';
import type { CaseMessageEntity } from '../../../../libs/conversations/src/index.js';
import type { CaseMessageModel } from './conversation.models.js';

export type CaseMessageUpdate = { caseMessageAdded: CaseMessageModel };

export function toCaseMessageModel(m: CaseMessageEntity): CaseMessageModel {
  return { id: m.id, subjectType: m.subjectType, subjectId: m.subjectId, body: m.body, createdAt: m.createdAt, senderOrganizationId: m.senderOrganizationId };
}

const MAX_REMEMBERED = 5_000;

/**
 * One subscriber's `caseMessageAdded` stream: the messages of cases its organization is a side of
 * (the row decides, not the pub/sub message), each delivered once. `return()` releases the channel
 * subscription at once.
 */
export function caseMessageFeed(
  source: PubSubSubscription<CaseMessageAddedMessage>,
  options: { organizationId: string; load(id: string): Promise<CaseMessageEntity | null>; beforeDeliver(): void; onError(err: Error, id: string): void },
): AsyncIterableIterator<CaseMessageUpdate> & { return(): Promise<IteratorResult<CaseMessageUpdate, undefined>> } {
  const delivered = new Set<string>();
  const feed = {
    async next(): Promise<IteratorResult<CaseMessageUpdate, undefined>> {
      for (;;) {
        const { value: message, done } = await source.next();
        if (done) return { value: undefined, done: true };
        if (!message || typeof message.messageId !== 'string' || !Array.isArray(message.organizationIds) || !message.organizationIds.includes(options.organizationId)) continue;
        if (delivered.has(message.messageId)) continue;
        let row: CaseMessageEntity | null;
        try {
          row = await options.load(message.messageId);
        } catch (err) {
          options.onError(err as Error, message.messageId);
          continue;
        }
        if (!row || (row.senderOrganizationId !== options.organizationId && row.recipientOrganizationId !== options.organizationId)) continue;
        delivered.add(row.id);
        if (delivered.size > MAX_REMEMBERED) delivered.delete(delivered.values().next().value!);
        options.beforeDeliver();
        return { value: { caseMessageAdded: toCaseMessageModel(row) }, done: false };
      }
    },
    async return(): Promise<IteratorResult<CaseMessageUpdate, undefined>> {
      await source.return();
      return { value: undefined, done: true };
    },
    async throw(): Promise<IteratorResult<CaseMessageUpdate, undefined>> {
      return feed.return();
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
