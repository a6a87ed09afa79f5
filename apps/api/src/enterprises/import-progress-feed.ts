import type { PubSubSubscription, EnterpriseImportProgressMessage } from '../../../../libs/platform/src/index.js';
import type { EnterpriseImportEntity } from '../../../../libs/enterprises/src/index.js';

export interface ImportProgressFeedOptions {
  importId: string;
  /** The import as it is now (read when the subscription starts and at every message about it). */
  load(id: string): Promise<EnterpriseImportEntity | null>;
  /** The row as the client gets it. */
  toModel(row: EnterpriseImportEntity): unknown;
  beforeDeliver(): void;
  onError(err: Error): void;
}

const ENDED = new Set(['DONE', 'FAILED', 'CANCELLED']);

/** What a client can see change: a message that changes none of it delivers nothing. */
const stateOf = (r: EnterpriseImportEntity) =>
  [r.status, r.cancelRequested, r.firmsDone, r.rowsDone, r.rowsTotal, r.firmsTotal, r.created, r.updated, r.unchanged, r.rejectedRows, r.claimConflicts, r.updatedAt?.getTime()].join('|');

export type ImportProgress = { enterpriseImportProgress: unknown };

/**
 * One subscriber's `enterpriseImportProgress(id)`: the import as it is when the subscription
 * starts, then its row after every message about it (a status change, a recorded batch), each
 * state once; the stream ends after the import ends (DONE, FAILED, CANCELLED). The caller
 * subscribed to the channel before this reads the first state, so no change falls in between.
 */
export function importProgressFeed(
  source: PubSubSubscription<EnterpriseImportProgressMessage>,
  options: ImportProgressFeedOptions,
): AsyncIterableIterator<ImportProgress> & { return(): Promise<IteratorResult<ImportProgress, undefined>> } {
  let last: string | undefined;
  let ended = false;
  let first = true;

  const deliver = (row: EnterpriseImportEntity): IteratorResult<ImportProgress, undefined> => {
    last = stateOf(row);
    if (ENDED.has(row.status)) ended = true;
    options.beforeDeliver();
    return { value: { enterpriseImportProgress: options.toModel(row) }, done: false };
  };

  const feed = {
    async next(): Promise<IteratorResult<ImportProgress, undefined>> {
      if (first) {
        first = false;
        const row = await options.load(options.importId);
        if (row) return deliver(row);
      }
      for (;;) {
        if (ended) return feed.return();
        const { value: message, done } = await source.next();
        if (done) return { value: undefined, done: true };
        if (!message || message.importId !== options.importId) continue;
        let row: EnterpriseImportEntity | null;
        try {
          row = await options.load(options.importId);
        } catch (err) {
          options.onError(err as Error);
          continue;
        }
        if (!row || stateOf(row) === last) continue;
        return deliver(row);
      }
    },
    async return(): Promise<IteratorResult<ImportProgress, undefined>> {
      ended = true;
      await source.return();
      return { value: undefined, done: true };
    },
    async throw(): Promise<IteratorResult<ImportProgress, undefined>> {
      return feed.return();
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
